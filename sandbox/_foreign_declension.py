"""Declining a man's surname, given name and patronymic, as a sentence leaves them in a report.

Only the masculine singular is needed. The rules are the schoolbook ones: -ов/-ин surnames take
the mixed declension (Иванова, Иванову, Ивановым, Иванове), adjectival surnames the adjective's
(Достоевского), -енко/-ых/-ко and vowel-final foreign names stay as they are, consonant-final
names take the noun endings (Монгуша, Ондаром), -а/-я names decline like Никита/Илья. Given names
with a fleeting vowel (Павел, Лев, Пётр) are listed.
"""

from __future__ import annotations

from functools import cache

CASES = ("gen", "dat", "ins", "loc")
HUSHING = "жшчщц"
VELAR_OR_HUSHING = "кгхжшчщ"
FLEETING = {"Павел": "Павл", "Лев": "Льв", "Пётр": "Петр", "Петр": "Петр"}
INDECLINABLE_ENDINGS = ("енко", "ко", "ых", "их", "аго", "яго", "ово", "ево")


def _noun(word: str, case: str, stem: str | None = None) -> str:
    """A masculine noun of the second declension: consonant, -й or -ь final."""
    i = CASES.index(case)
    if word.endswith("ий") and len(word) > 3:  # Дмитрий, Юрий (given names only reach here)
        return word[:-1] + ("я", "ю", "ем", "и")[i]
    if word.endswith(("й", "ь")):
        return word[:-1] + ("я", "ю", "ем", "е")[i]
    base = stem or word
    ins = "ем" if base[-1] in HUSHING else "ом"
    return base + ("а", "у", ins, "е")[i]


def _feminine_a(word: str, case: str) -> str:
    """-а/-я final masculine names: Никита, Илья, Кузьма, Дамба."""
    i = CASES.index(case)
    stem, last = word[:-1], word[-1]
    if last == "я":
        if word.endswith("ья"):  # Илья: Ильи, Илье, Ильёй, Илье
            return stem + ("и", "е", "ёй", "е")[i]
        return stem + ("и", "е", "ей", "е")[i]
    gen = "и" if stem[-1] in VELAR_OR_HUSHING else "ы"
    ins = "ей" if stem[-1] in HUSHING else "ой"
    return stem + (gen, "е", ins, "е")[i]


@cache
def decline_surname(surname: str, case: str) -> str:
    """One case of a man's surname; each part of a hyphenated Slavic surname declines."""
    if "-" in surname:
        parts = surname.split("-")
        if all(p[:1].isupper() for p in parts) and all(
            p.endswith(("ов", "ев", "ин")) for p in parts
        ):
            return "-".join(decline_surname(p, case) for p in parts)
        return "-".join([*parts[:-1], decline_surname(parts[-1], case)])
    i = CASES.index(case)
    low = surname.lower()
    if low.endswith(INDECLINABLE_ENDINGS) or low[-1] in "оеиуыэю" or len(low) < 3:
        return surname
    if low.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + ("а", "у", "ым", "е")[i]
    if low.endswith(("ский", "цкий")):
        return surname[:-2] + ("ого", "ому", "им", "ом")[i]
    if low.endswith(("кий", "гий", "хий")):
        return surname[:-2] + ("ого", "ому", "им", "ом")[i]
    if low.endswith(("ой", "ый")):
        return surname[:-2] + ("ого", "ому", "ым", "ом")[i]
    if low.endswith("ий"):
        return surname[:-2] + ("его", "ему", "им", "ем")[i]
    if low[-1] in "ая":
        return _feminine_a(surname, case)
    return _noun(surname, case)


@cache
def decline_given(given: str, case: str) -> str:
    """One case of a man's given name (Tuvan -оол and Buryat compounds decline on the last part)."""
    if "-" in given:
        head, _, tail = given.rpartition("-")
        return f"{head}-{decline_given(tail, case)}"
    if given[-1] in "оеиуыэю":
        return given
    if given[-1] in "ая":
        return _feminine_a(given, case)
    return _noun(given, case, FLEETING.get(given))


@cache
def decline_patronymic(patronymic: str, case: str) -> str:
    """-ович/-евич/-ич take the noun endings; «Рамиз оглы» never declines."""
    if not patronymic or " " in patronymic:
        return patronymic
    return patronymic + ("а", "у", "ем", "е")[CASES.index(case)]
