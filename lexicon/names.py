"""Given names, their short forms and patronymics; the gender forms of surnames.

The given-name table itself (rows, forms, look-alike letters) is ``lexicon.given_table``; its
lookups are re-exported here, so ``names.given_name`` and ``names.full_forms`` read as before.
Every lookup ignores letter case and treats ё as е. Pure Python: tables are read on first use.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from lexicon.given_table import (
    DATA,
    GROUPS,
    HAS_CYRILLIC,
    HAS_LATIN,
    GivenName,
    cyrillic,
    full_forms,
    given_name,
    given_names,
    is_given_name,
    lookup_key,
    table_index,
)
from lexicon.text import clean, fold
from lexicon.translit import name_key

__all__ = [
    "DATA", "GENDERS", "GROUPS", "GivenName", "cyrillic", "father_name", "full_forms",
    "full_forms_by_sound", "given_name", "given_names", "is_given_name", "is_patronymic",
    "masculine_surname", "name_gender", "patronymic_of", "surname_gender_form", "surname_weight",
]  # fmt: skip

GENDERS = ("m", "f")
_VOWELS = frozenset("аеёиоуыэюя")
_HUSHING = frozenset("жшчщц")
_VELAR_HUSHING = frozenset("гкхжшчщ")
_TURKIC_PATRONYMIC = ("оглы", "угли", "кызы", "улы", "уулу")

# Surnames that end like a patronymic but are not one (the «-кевич» family is handled by rule).
_SURNAMES_LIKE_PATRONYMICS = frozenset({
    "шостакович", "рабинович", "гуревич", "попович", "милошевич", "лукашевич", "карпович",
    "войтович", "бабич", "петрич", "мицкевич", "юркевич", "абрамович", "богданович",
})  # fmt: skip
# Masculine surnames in -ой, so that «Толстая» goes back to «Толстой», not «Толстый».
_MASCULINE_OI = frozenset({
    "толстой", "лесной", "донской", "трубецкой", "шаховской", "полевой", "луговой", "береговой",
    "боровой", "яровой", "крутой", "сухой", "глухой", "молодой", "золотой", "седой", "слепой",
    "прямой", "живой", "кривой", "босой", "столбовой", "озерной", "ильинской",
})  # fmt: skip
# Surnames that look Russian-declinable but do not change with gender (Tuvan, Korean ...).
_INVARIANT = frozenset({"чамзырын", "шин", "ким", "цой", "тен", "пак"})


def _patronymic_gender(key: str) -> str | None:
    if key.endswith(("кызы", "овна", "евна", "ична")):
        return "f"
    if key.endswith(("оглы", "угли", "улы", "уулу", "ич")):
        return "m"
    return None


def name_gender(token: str) -> str | None:
    """ "m" or "f" for a given name in any of its forms (or a patronymic); None if ambiguous
    («Женя», «Саша», «Валя») or unknown."""
    rows = table_index().forms.get(lookup_key(token))
    if rows:
        genders = {r.gender for r in rows}
        return genders.pop() if len(genders) == 1 else None
    if is_patronymic(token):
        return _patronymic_gender(lookup_key(token))
    return None


def _title(word: str) -> str:
    """Each part with a capital (Бато-Мункоевич, Магомед-Шапиевич) but the Tuvan «оол» and a
    Turkic «оглы» (Чечен-оолович, Мамед-оглы)."""
    parts = word.split("-")
    return "-".join(
        p if i and p.lower().startswith(("оол", *_TURKIC_PATRONYMIC)) else p[:1].upper() + p[1:]
        for i, p in enumerate(parts)
    )


def _patronymic_rule(low: str, gender: str) -> str:
    male = gender == "m"
    ev, ov = ("евич", "ович") if male else ("евна", "овна")
    if low.endswith("ий") and len(low) > 3:
        stem = low[:-2]
        soft = stem[-2] in _VOWELS or stem.endswith("нт")
        return stem + ("ь" if soft else "и") + ev
    if low[-1] in "йь":
        return low[:-1] + ev
    if low[-1] in _HUSHING:
        return low + ev
    if low[-1] in _VOWELS:
        return low + ev  # Бато → Батоевич, Доржи → Доржиевич, Муса → Мусаевич
    return low + ov


def patronymic_of(name: str, gender: str = "m") -> str | None:
    """The patronymic made from a father's name: («Сергей», "m") → «Сергеевич», ("f") →
    «Сергеевна». The table first, then the rules; None for women's names, short forms and
    non-Cyrillic input."""
    if gender not in GENDERS:
        raise ValueError(f"gender must be 'm' or 'f', not {gender!r}")
    row = given_name(name)
    if row is not None:
        if row.gender == "f":
            return None
        known = row.patronymic_m if gender == "m" else row.patronymic_f
        if known:
            return known
    key = lookup_key(name)
    if not key or not HAS_CYRILLIC.search(key) or HAS_LATIN.search(key) or " " in key:
        return None
    if row is None and key in table_index().forms:
        return None  # a short form or a foreign spelling: no patronymic is made from it
    return _title(_patronymic_rule(clean(cyrillic(name)).lower(), gender))


_FATHER_RULES = (
    ("ьевич", "ий"), ("ьевна", "ий"), ("иевич", "ий"), ("иевна", "ий"),
    ("еевич", "ей"), ("еевна", "ей"), ("аевич", "а"), ("аевна", "а"),
    ("оевич", "о"), ("оевна", "о"), ("уевич", "у"), ("уевна", "у"),
)  # fmt: skip
_FATHER_TAIL = (("ович", ""), ("овна", ""), ("инична", "а"), ("ична", "а"), ("ич", "а"))


def father_name(patronymic: str) -> str | None:
    """The father's given name behind a patronymic: «Сергеевич»/«Сергеевна» → «Сергей»,
    «Ильич» → «Илья», «Петрович» → «Пётр», «Ринатович» → «Ринат». Table first, then rules."""
    key = lookup_key(patronymic)
    row = table_index().fathers.get(key)
    if row is not None:
        return row.name
    if not is_patronymic(patronymic):
        return None
    low = clean(cyrillic(patronymic)).lower()
    for suffix in _TURKIC_PATRONYMIC:
        if low.endswith(suffix) and len(low) > len(suffix) + 1:
            return _title(low[: -len(suffix)].rstrip("- "))
    for suffix, repl in _FATHER_RULES:
        if low.endswith(suffix):
            return _title(low[: -len(suffix)] + repl)
    if low.endswith(("евич", "евна")):
        stem = low[:-4]  # Игоревич → Игорь, Шамилевич → Шамиль, Алашевич → Алаш
        return _title(stem if stem[-1:] in _HUSHING else stem + "ь")
    for suffix, repl in _FATHER_TAIL:
        if low.endswith(suffix):
            return _title(low[: -len(suffix)] + repl)
    return None


def is_patronymic(token: str) -> bool:
    """True if the token ends like a patronymic (-ович, -евич, -овна, -евна, -ична, -оглы,
    -кызы; -ич only for known names such as Ильич) and is not a known look-alike surname."""
    key = lookup_key(token)
    if key in table_index().fathers or key in _TURKIC_PATRONYMIC:
        return True
    if key in _SURNAMES_LIKE_PATRONYMICS or key.endswith("кевич"):
        return False
    if key.endswith(_TURKIC_PATRONYMIC) and len(key) > 6:
        return True
    return len(key) >= 7 and key.endswith(("ович", "евич", "овна", "евна", "ична"))


def _has_vowel(stem: str) -> bool:
    return any(c in _VOWELS for c in stem)


def _recase(original: str, keep: int, suffix: str) -> str:
    head = original[:keep]
    return head + (suffix.upper() if original.isupper() and len(original) > 1 else suffix)


def _masculine_part(part: str) -> str:
    low = fold(part)
    if not low or low in _INVARIANT:
        return part
    n = len(part)
    if low.endswith(("ская", "цкая")):
        if low[:-2] + "ой" in _MASCULINE_OI:
            return _recase(part, n - 2, "ой")
        return _recase(part, n - 2, "ий")
    if low.endswith(("ая", "яя")) and _has_vowel(low[:-2]) and low[-3] not in _VOWELS:
        # after a consonant only: the Tuvan Саая is a man's surname as it stands
        if low[:-2] + "ой" in _MASCULINE_OI:
            return _recase(part, n - 2, "ой")
        if low.endswith("яя") or low[-3] in _VELAR_HUSHING:
            return _recase(part, n - 2, "ий")
        return _recase(part, n - 2, "ый")
    if low.endswith(("ова", "ева", "ина", "ына")) and _has_vowel(low[:-3]):
        return part[:-1]
    return part


def _feminine_part(part: str) -> str:
    low = fold(part)
    if not low or low in _INVARIANT:
        return part
    n = len(part)
    if low.endswith(("ский", "цкий", "ской", "цкой")):
        return _recase(part, n - 2, "ая")
    if low.endswith(("ой", "ый")) and _has_vowel(low[:-2]):
        return _recase(part, n - 2, "ая")
    if low.endswith("ий") and _has_vowel(low[:-2]):
        return _recase(part, n - 2, "ая" if low[-3] in _VELAR_HUSHING else "яя")
    if low.endswith(("ов", "ев", "ин", "ын")) and _has_vowel(low[:-2]):
        return _recase(part, n, "а")
    return part


@functools.lru_cache(maxsize=500_000)
def masculine_surname(surname: str) -> str:
    """A surname in its masculine form: «Петрова» → «Петров», «Толстая» → «Толстой»,
    «Ковальская» → «Ковальский»; indeclinable and unknown shapes are returned unchanged."""
    text = clean(cyrillic(surname))
    return "-".join(_masculine_part(p) for p in text.split("-"))


def surname_gender_form(surname: str, gender: str) -> str:
    """The surname as a man ("m") or a woman ("f") bears it: («Петров», "f") → «Петрова»,
    («Иванова», "m") → «Иванов»; «Шевченко», «Черных», «Монгуш» never change."""
    if gender not in GENDERS:
        raise ValueError(f"gender must be 'm' or 'f', not {gender!r}")
    male = masculine_surname(surname)
    if gender == "m":
        return male
    return "-".join(_feminine_part(p) for p in male.split("-"))


SURNAMES = Path(__file__).with_name("data") / "surnames.csv"


@functools.cache
def _surname_weights() -> dict[str, float]:
    with SURNAMES.open(encoding="utf-8") as fh:
        return {lookup_key(row["surname"]): float(row["weight"]) for row in csv.DictReader(fh)}


def surname_weight(surname: str) -> float:
    """Rough frequency of a masculine surname (Иванов = 100); 0.0 when it is not in the table."""
    return _surname_weights().get(lookup_key(masculine_surname(surname)), 0.0)


@functools.cache
def _by_key() -> dict[str, tuple[str, ...]]:
    """Given names by their cross-script phonetic key: a spelling no table lists (Bakhtior for
    Бахтиёр) still finds its name."""
    out: dict[str, list[str]] = {}
    for form, rows in table_index().forms.items():
        for row in rows:
            if fold(row.name) == form or form in {fold(x) for x in row.latin}:
                names = out.setdefault(name_key(form), [])
                if row.name not in names:
                    names.append(row.name)
    return {k: tuple(v) for k, v in out.items()}


def sound_keys() -> dict[str, tuple[str, ...]]:
    """The full given names by the key of their sound (`translit.name_key`), of every form the
    table spells them in: what a slipped spelling in either script is measured against."""
    return _by_key()


def full_forms_by_sound(token: str) -> tuple[str, ...]:
    """Full given names whose spelling sounds like `token` in any script; () when none."""
    return full_forms(token) or _by_key().get(name_key(token), ())
