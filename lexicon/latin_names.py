"""Words of a name in Latin letters: English, German, Polish and French pages.

A Latin-script name keeps its spelling (dedupe compares spellings by sound, through
``translit.name_key``). English and German do not decline names; Polish does, and its oblique
forms are undone here by their endings: «Magomieda Alijewa» is Magomied Alijew in the genitive,
«Siergiejowi» Siergiej in the dative, «Szpilewskiego» Szpilewski. Patronymics end the English
way (-ovich, -evna), the German (-owitsch, -ewna), the Polish (-owicz, -ewicz) or the French
(-ovitch).
"""

from __future__ import annotations

import re

from lexicon import names as lex
from lexicon.foreign_spelling import spelling_of
from lexicon.name_endings import ENGLISH_WORDS
from lexicon.translit import latin_to_cyrillic


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised German words that stand next to names in the German press but are none.
GERMAN_WORDS = _words(
    "Der Die Das Den Dem Des Ein Eine Einen Und Von Vom Im Am Zum Zur Mit Für Bei Nach Aus Auf "
    "Soldat Soldaten Bürgermeister Gouverneur Feldwebel Stabsfeldwebel Unterfeldwebel Gefreiter "
    "Leutnant Oberleutnant Hauptmann Oberst Generalmajor Held Helden Herr Frau Gebiet Stadt "
    "Dorf Kommandant Sonderoperation Verteidigungsministerium Russland Ukraine"
)
_NOT_NAMES = ENGLISH_WORDS | GERMAN_WORDS
_CYRILLIC = re.compile("[А-Яа-яЁё]")

_MALE_PATRONYMIC = (
    "ovich", "evich", "ich", "owitsch", "ewitsch", "itsch", "owicz", "ewicz", "ovitch",
    "evitch", "itch", "ovych", "ovytch",
)  # fmt: skip
_FEMALE_PATRONYMIC = ("ovna", "evna", "ichna", "owna", "ewna", "itschna", "iwna", "ivna")
# Polish endings of a man's given name or surname, by case (the -ski surnames apart).
_POLISH_NOUN = (("a", "gent"), ("a", "accs"), ("owi", "datv"), ("em", "ablt"), ("u", "datv"))
_POLISH_SKI = (
    ("skiego", "gent"), ("skiego", "accs"), ("skiemu", "datv"), ("skim", "ablt"),
    ("skim", "loct"),
)  # fmt: skip


def _polish_like(word: str) -> bool:
    return spelling_of(word) in ("polish", "german")


def _male_given(word: str) -> bool:
    forms = lex.full_forms_by_sound(word)
    return bool(forms) and lex.name_gender(forms[0]) != "f"


def given_readings(word: str) -> tuple[tuple[str, str, float], ...]:
    """(nominative as written, case, confidence) for a Latin word that may be a given name."""
    if word in _NOT_NAMES:
        return ()
    if _male_given(word):
        return ((word, "nomn", 0.9),)
    if lex.full_forms_by_sound(word) or not _polish_like(word):
        return ()
    out = []
    for ending, case in _POLISH_NOUN:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and _male_given(stem):
            out.append((stem, case, 0.85))  # Magomieda → Magomied, Siergiejowi → Siergiej
    return tuple(out)


def patronymic_readings(word: str) -> tuple[tuple[str, str, str], ...]:
    """(nominative as written, case, gender) for a Latin word that looks like a patronymic:
    Sergeyevich, Sergejewitsch, Siergiejewicz (and its genitive Siergiejewicza), Sergueïevitch."""
    low = word.lower()
    if len(low) > 6 and low.endswith(_MALE_PATRONYMIC):
        return ((word, "nomn", "m"),)
    if len(low) > 6 and low.endswith(_FEMALE_PATRONYMIC):
        return ((word, "nomn", "f"),)
    if len(low) > 7 and low.endswith(("owicza", "ewicza")):
        return ((word[:-1], "gent", "m"), (word[:-1], "accs", "m"))
    return ()


def surname_readings(word: str) -> tuple[tuple[str, str, float], ...]:
    """(nominative as written, case, confidence) for a Latin word that may be a surname; Polish
    oblique forms give their nominative (Alijewa → Alijew, Szpilewskiego → Szpilewski)."""
    if word in _NOT_NAMES or lex.full_forms(word) or _CYRILLIC.search(word):
        return ()  # «MustafayevПохороны»: a caption run into the next word
    known = lex.surname_weight(latin_to_cyrillic(word)) > 0
    out = [(word, "nomn", 0.85 if known else 0.5)]
    if not _polish_like(word):
        return tuple(out)
    for ending, case in _POLISH_SKI:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            out.append((word[: -len(ending)] + "ski", case, 0.7))
    if not word.endswith("ski"):
        for ending, case in _POLISH_NOUN:
            stem = word[: -len(ending)]
            if word.endswith(ending) and stem.endswith(("ow", "ew", "in", "yn")) and len(stem) > 4:
                known_stem = lex.surname_weight(latin_to_cyrillic(stem)) > 0
                out.append((stem, case, 0.8 if known_stem else 0.6))
    return tuple(out)
