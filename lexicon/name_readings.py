"""What one word of a man's name may be: a given name, a patronymic or a surname, in which case,
and its dictionary form. ``lexicon.name_forms`` fits the words of a name together.

Known given names come from pymorphy3 and the lexicon's table; a word declines like a noun
(«Айдысом» → Айдыс, «Саяне» → Саян), while a name ending in a vowel (Мунко, Доржи, Адыгжы) or a
hyphenated one («Ай-Херел Куулара», «Бато-Мунко») may stand undeclined in any case. A
hyphenated given name is a given name when its last part is one (Магомед-Шапи, Дашы-Нима,
Турпал-Али) or is the Tuvan «-оол» (Чечен-оол); each part is written with a capital except
«оол», which Tuvan practice keeps in lower case (Кызыл-оол, Чечен-оолович). «Рамиз оглы»,
«Асан уулу», «Айдын кызы» is a Turkic patronymic, read whole and never declined. A surname the
table knows that ends in a vowel (Саая, Маады, Чооду) or any surname ending in a long vowel
(Аймаа) stands undeclined; a word the dictionary knows only as a place, an organisation, a
title or a street is never a surname.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lexicon import latin_names
from lexicon import names as lex
from lexicon.given_table import HAS_CYRILLIC as _HAS_CYRILLIC
from lexicon.given_table import HAS_LATIN as _HAS_LATIN
from lexicon.given_table import cyrillic
from lexicon.morph import parses
from lexicon.name_endings import INDECLINABLE, NOUN_ENDINGS, SURNAME_ENDINGS
from lexicon.not_names import not_a_surname

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Words of a Turkic patronymic or clan name that follow the father's name: «Рамиз оглы».
TEGIN = ("оглы", "угли", "кызы", "уулу", "улы")  # угли: Uzbek o‘g‘li
_LOWER_PARTS = ("оол",)  # Tuvan: Кызыл-оол, Чечен-оолович
_LATIN = re.compile(r"^[A-Za-z]")
_VOWELS = "аеёиоуыэюя"
_LONG_VOWEL = re.compile(r"(?:аа|ээ|оо|уу|ыы|өө|үү)$")


def cap_name(word: str) -> str:
    """Each part of a name with a capital: «магомед-шапи» → Магомед-Шапи, «бато-мунко» →
    Бато-Мунко; the Tuvan «-оол» stays lower case (Чечен-оол), and so does a Turkic «оглы»."""
    parts = word.split("-")
    out = []
    for i, part in enumerate(parts):
        low = part.lower()
        if i and (low.startswith(_LOWER_PARTS) or low in TEGIN):
            out.append(low)
        else:
            out.append(part[:1].upper() + part[1:].lower())
    return "-".join(out)


def titlecase(word: str) -> str:
    """ПЕТРОВ → Петров, АЛДЫН-ООЛ → Алдын-оол, МАГОМЕД-ШАПИ → Магомед-Шапи; a word in mixed
    case is left as written. Latin look-alike letters in a Cyrillic word are made Cyrillic
    («Mиxaилoм» as some pages type it is Михаилом)."""
    if _HAS_LATIN.search(word) and _HAS_CYRILLIC.search(word):
        mended = cyrillic(word)
        word = word if _HAS_LATIN.search(mended) else mended
    if not word.isupper() or len(word) < 2:
        return word
    return cap_name(word)


def _cap(word: str) -> str:
    return cap_name(word) if "-" in word else word[:1].upper() + word[1:]


@lru_cache(maxsize=50_000)
def is_compound_given(word: str) -> bool:
    """A hyphenated given name: in the given-name table, or its last part a given name or «оол»
    and the whole not a surname the surname table knows. Сарыг-оол is in both tables: the order
    of the words decides."""
    if "-" not in word:
        return False
    parts = word.split("-")
    if any(len(p) < 2 or not p.isalpha() for p in parts):
        return False
    if lex.given_name(word) is not None:
        return True
    last = parts[-1].lower()
    return (last in _LOWER_PARTS or lex.given_name(parts[-1]) is not None) and not (
        lex.surname_weight(word) > 0
    )


def given_gender(given: str) -> str | None:
    """ "m" or "f" for a given name as the reader gives it: a compound by its last part
    (Магомед-Шапи, Дашы-Нима; «-оол» is a man's), a Latin one by the name it sounds like."""
    gender = lex.name_gender(given)
    if gender or not given:
        return gender
    if "-" in given:
        last = given.split("-")[-1]
        return "m" if last.lower() in _LOWER_PARTS else lex.name_gender(last)
    if _LATIN.match(given):
        forms = lex.full_forms_by_sound(given)
        return lex.name_gender(forms[0]) if forms else None
    return None


def _is_given(candidate: str) -> bool:
    return lex.is_given_name(candidate) or is_compound_given(candidate)


@lru_cache(maxsize=100_000)
def given_readings(word: str) -> tuple[tuple[str, str, float], ...]:
    """(nominative, case, confidence) for a token that may be a given name in some case."""
    word = titlecase(word)
    if _LATIN.match(word):
        return latin_names.given_readings(word)
    found: dict[tuple[str, str], float] = {}
    for p in parses(word):
        if "Name" in p.tag and p.tag.case in CASES and p.tag.number != "plur":
            nom = _cap(p.normal_form)
            if lex.name_gender(nom) != "f" or "femn" in p.tag:
                # pymorphy3 tags some Tuvan surnames (Монгуш) as names; the lexicon knows better
                conf = 0.9 if lex.is_given_name(nom) else 0.45 + p.score * 0.25
                found[(nom, p.tag.case)] = max(found.get((nom, p.tag.case), 0), conf)
    low = word.lower()
    for ending, repl, case in NOUN_ENDINGS:
        if ending and not low.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)] if ending else word
        if len(stem) < 2:
            continue
        candidate = stem + repl
        if _is_given(candidate):
            key = (_cap(candidate), case)
            found[key] = max(found.get(key, 0), 0.95 if ending == "" else 0.85)
    undeclined = 0.8 if low.endswith(("о", "е", "и", "у", "э", "ю", "ы")) else 0.0
    if "-" in word and is_compound_given(word):
        undeclined = max(undeclined, 0.7)  # «Ай-Херел Куулара»: the surname declines, not he
    if undeclined and _is_given(word):
        for case in CASES:  # Мунко, Доржи, Адыгжы do not decline: any case is theirs
            found.setdefault((_cap(word), case), undeclined)
    readings = [(nom, case, conf) for (nom, case), conf in _even_genders(found).items()]
    return tuple(sorted(readings, key=lambda r: given_gender(r[0]) == "f"))  # men first on ties


def _even_genders(found: dict[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    """A man's name from the table is as likely as a woman's the dictionary knows: «Саяне» is
    Саян as much as Саяна, «Аяну» Аян (dative) as much as Аяна (accusative); the reader then
    prefers the man."""
    out = dict(found)
    for (nom, case), conf in found.items():
        if lex.name_gender(nom) != "f" or case == "nomn":
            continue  # «Яна», «Юлия» as written are women's names first
        for (other, c), mine in found.items():
            if mine >= 0.85 and lex.name_gender(other) == "m" and mine < conf:
                out[(other, c)] = max(out[(other, c)], conf)
    return out


_PATR = re.compile(
    r"^(?P<stem>[А-ЯЁ][а-яё-]+?(?:ович|евич|ич|овн|евн|ичн|иничн))"
    r"(?P<end>|а|у|ем|е|ы|ой|ою)$"
)
_PATR_CASES = {
    ("m", ""): "nomn",
    ("m", "а"): "gent",
    ("m", "у"): "datv",
    ("m", "ем"): "ablt",
    ("m", "е"): "loct",
    ("f", "а"): "nomn",
    ("f", "ы"): "gent",
    ("f", "е"): "datv",
    ("f", "у"): "accs",
    ("f", "ой"): "ablt",
    ("f", "ою"): "ablt",
}
_NOT_PATRONYMIC = ("шостакович", "рабинович", "гуревич", "милошевич")
_TEGIN = re.compile(
    r"^(?P<father>[А-ЯЁа-яё]{3,}?)(?:[ -]?)(?P<word>оглы|угли|кызы|уулу|улы)$", re.I
)


def tegin(word: str) -> tuple[str, str] | None:
    """(patronymic as written in registers, gender) for «Рамиз оглы», «Рамиз-оглы», «Рамизоглы»,
    «Асан уулу», «Айдын кызы»: the father's name with a capital, the word in lower case and a
    space between them («Мамедоглы», written as one word, stays one word). None otherwise."""
    match = _TEGIN.match(word)
    if not match:
        return None
    father, particle = match.group("father"), match.group("word").lower()
    gender = "f" if particle == "кызы" else "m"
    glue = "" if word[len(father) : len(father) + 1].isalpha() else " "
    return cap_name(father) + glue + particle, gender


@lru_cache(maxsize=100_000)
def patronymic_readings(word: str) -> tuple[tuple[str, str, str], ...]:
    """(nominative, case, gender) for a token that looks like a patronymic."""
    word = titlecase(word)
    if _LATIN.match(word):
        return latin_names.patronymic_readings(word)
    turkic = tegin(word)
    if turkic is not None:
        return tuple((turkic[0], case, turkic[1]) for case in CASES)  # never declines
    match = _PATR.match(word)
    if not match or word.lower().startswith(_NOT_PATRONYMIC) or "кевич" in word.lower():
        return ()  # Марцынкевич, Мицкевич, Шостакович are surnames
    stem, end = match.group("stem"), match.group("end")
    gender = "f" if stem.endswith(("овн", "евн", "ичн")) else "m"
    out = []
    case = _PATR_CASES.get((gender, end))
    if case:
        nom = stem + ("а" if gender == "f" else "")
        nom = cap_name(nom) if "-" in nom else nom  # Бурушпел-оолович
        out.append((nom, case, gender))
        if case == "gent" and gender == "m":
            out.append((nom, "accs", gender))
    return tuple(out)


@lru_cache(maxsize=200_000)
def surname_readings(word: str) -> tuple[tuple[str, str, float], ...]:
    """(nominative masculine, case, confidence) for a token that may be a surname."""
    word = titlecase(word)
    if len(word) < 2 or not word[0].isupper() or word.endswith("."):
        return ()  # «И.» is an initial
    if _LATIN.match(word):
        return latin_names.surname_readings(word)
    turkic = tegin(word)
    if turkic is not None:
        # «Асан уулу Бакыт»: without another surname, Kyrgyz and Kazakh registers keep the
        # father's name with «уулу»/«улы» in the surname's place
        return tuple((turkic[0], case, 0.55) for case in CASES)
    if not_a_surname(word):
        return ()
    found = _dictionary_readings(word)
    common_word = found.pop(("", ""), 0.0) > 0
    low = word.lower()
    for ending, repl, case in SURNAME_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            key = (word[: len(word) - len(ending)] + repl, case)
            found[key] = max(found.get(key, 0), 0.7)
    if low.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий")):
        found[(word, "nomn")] = max(found.get((word, "nomn"), 0), 0.8)
    if low.endswith(INDECLINABLE) and not low.endswith(
        ("ову", "еву", "ёву", "ину", "ыну", "ому", "ему")
    ):
        # a word in -у is more often a surname in -а in the accusative (Чырву, Сороку)
        for case in CASES:
            found.setdefault((word, case), 0.4 if low.endswith("у") else 0.5)
    # Any other word declines like a noun; weak evidence, but it keeps Монгуша and Ооржаку.
    base = 0.25 if common_word else 0.45
    for ending, repl, case in NOUN_ENDINGS:
        if ending and low.endswith(ending) and len(low) > len(ending) + 2:
            key = (word[: len(word) - len(ending)] + repl, case)
            found.setdefault(key, base)
    found.setdefault((word, "nomn"), base + 0.05)
    _undeclined(word, found)
    known = False
    for key, conf in list(found.items()):
        if lex.surname_weight(key[0]) > 0:
            found[key] = min(conf + 0.35, 1.0)
            known = known or key[0] != word
    if known and lex.surname_weight(word) == 0 and found.get((word, "nomn"), 1.0) < 0.8:
        found[(word, "nomn")] = 0.3  # «Куулара» is Куулар in the genitive, not a surname Куулара
    return tuple((nom, case, conf) for (nom, case), conf in found.items())


def _dictionary_readings(word: str) -> dict[tuple[str, str], float]:
    """Readings pymorphy3 gives, with ("", "") marking a word it knows as an everyday word."""
    found: dict[tuple[str, str], float] = {}
    for p in parses(word):
        if "Surn" in p.tag and p.tag.case in CASES and p.tag.number != "plur":
            if "femn" in p.tag and "masc" not in p.tag:
                key = (lex.masculine_surname(_cap(p.normal_form)), "nomn_f")
            else:
                key = (_cap(p.normal_form), p.tag.case)
            found[key] = max(found.get(key, 0), 0.6 + 0.4 * p.score)
        elif (
            p.tag.POS == "ADJF"
            and p.tag.case in CASES
            and p.tag.number == "sing"
            and p.tag.gender in ("masc", None)
            and p.normal_form.endswith(("ый", "ий", "ой"))
        ):
            # adjectival surnames: Белого → Белый, Толстым → Толстой
            key = (_cap(p.normal_form), p.tag.case)
            found[key] = max(found.get(key, 0), 0.55)
        elif p.is_known and p.score > 0.3 and {"Name", "Patr", "Surn"}.isdisjoint(p.tag.grammemes):
            found[("", "")] = 1.0
    return found


def _undeclined(word: str, found: dict[tuple[str, str], float]) -> None:
    """Surnames that do not decline: a known one ending in a vowel (Саая, Маады, Чооду, Дамба in
    «Айдыса Саая»), any ending in a long vowel (Аймаа)."""
    low = word.lower()
    russian_feminine = low.endswith(("ова", "ева", "ина", "ына")) or (
        low.endswith(("ая", "яя")) and low[-3:-2] not in _VOWELS
    )
    known_vowel = low[-1] in _VOWELS and lex.surname_weight(word) > 0 and not russian_feminine
    if known_vowel or _LONG_VOWEL.search(low):
        for case in CASES:
            found[(word, case)] = max(found.get((word, case), 0), 0.6)
