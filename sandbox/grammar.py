"""Declining men's names and numbers the way Russian news text does, for the stand-in pages.

Surnames follow the school-grammar rules (Петров → Петрова/Петрову/Петровым, Хабибуллин →
Хабибуллиным, Монгуш → Монгуша, Шевченко and Седых never change); given names and patronymics
go through pymorphy3 when it knows them and the same consonant rules when it does not.
"""

from __future__ import annotations

from functools import cache

from lexicon.morph import analyser

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

_INDECLINABLE_ENDINGS = ("о", "ых", "их", "е", "и", "у", "ю", "э", "ы")
_SIBILANTS = "жшчщц"


def _consonant_noun(word: str, case: str) -> str:
    """A masculine noun ending in a consonant, й or ь: Монгуш, Айдыс, Гайдай, Коваль."""
    if word.endswith("й") or word.endswith("ь"):
        stem, endings = (
            word[:-1],
            {"gent": "я", "datv": "ю", "accs": "я", "ablt": "ем", "loct": "е"},
        )
    else:
        ins = "ем" if word[-1] in _SIBILANTS else "ом"
        stem, endings = word, {"gent": "а", "datv": "у", "accs": "а", "ablt": ins, "loct": "е"}
    return stem + endings[case]


def _a_noun(word: str, case: str) -> str:
    """A masculine name or surname ending in -а/-я: Никита, Илья, Сорока."""
    soft = word.endswith("я") or word[-2] in "гкхжшчщ"
    stem = word[:-1]
    endings = {
        "gent": "и" if soft else "ы",
        "datv": "е",
        "accs": "ю" if word.endswith("я") else "у",
        "ablt": "ей" if word.endswith("я") or word[-2] in _SIBILANTS else "ой",
        "loct": "е",
    }
    if word.endswith("ия"):
        endings["datv"] = endings["loct"] = "и"
    return stem + endings[case]


def decline_surname(surname: str, case: str) -> str:
    """A man's surname in a grammatical case."""
    if case == "nomn":
        return surname
    if "-" in surname:
        return "-".join(decline_surname(part, case) for part in surname.split("-"))
    low = surname.lower()
    if low.endswith(("ов", "ев", "ёв", "ин", "ын")) and len(low) > 3:
        return surname + {"gent": "а", "datv": "у", "accs": "а", "ablt": "ым", "loct": "е"}[case]
    if low.endswith(("ский", "цкий", "ской", "цкой")):
        stem = surname[:-2]
        return (
            stem + {"gent": "ого", "datv": "ому", "accs": "ого", "ablt": "им", "loct": "ом"}[case]
        )
    if low.endswith(("ый", "ой", "ий")) and len(low) > 4:
        stem = surname[:-2]
        soft = low.endswith("ий") and low[-3] not in "гкх"
        if soft:
            return (
                stem
                + {"gent": "его", "datv": "ему", "accs": "его", "ablt": "им", "loct": "ем"}[case]
            )
        adj_ins = "им" if low[-3] in "гкхжшчщ" else "ым"
        return (
            stem
            + {"gent": "ого", "datv": "ому", "accs": "ого", "ablt": adj_ins, "loct": "ом"}[case]
        )
    if low.endswith(_INDECLINABLE_ENDINGS):
        return surname
    if low.endswith(("а", "я")):
        return _a_noun(surname, case)
    return _consonant_noun(surname, case)


@cache
def _known_form(word: str, tag: str, case: str) -> str | None:
    for parse in analyser().parse(word):
        if tag in parse.tag and parse.tag.case == "nomn" and "masc" in parse.tag:
            form = parse.inflect({case, "sing"})
            if form is not None:
                out = form.word
                return out[0].upper() + out[1:] if word[0].isupper() else out
    return None


def decline_given(name: str, case: str) -> str:
    if case == "nomn":
        return name
    known = _known_form(name, "Name", case)
    if known:
        return known
    if "-" in name:  # Tuvan compounds: Алдын-оол → Алдын-оола
        head, tail = name.rsplit("-", 1)
        return f"{head}-{decline_given(tail, case)}"
    low = name.lower()
    if low.endswith(("о", "е", "и", "у", "ю", "э")):
        return name
    if low.endswith(("а", "я")):
        return _a_noun(name, case)
    return _consonant_noun(name, case)


def decline_patronymic(patronymic: str, case: str) -> str:
    if case == "nomn" or not patronymic:
        return patronymic
    if patronymic.lower().endswith("ич"):
        return patronymic + {"gent": "а", "datv": "у", "accs": "а", "ablt": "ем", "loct": "е"}[case]
    return patronymic  # -оглы, -улы and the like stay as they are


def decline_name(surname: str, given: str, patronymic: str | None, case: str, order: str) -> str:
    """The full name in a case and an order: "gps" (Иван Сергеевич Петров), "sgp" (Петров Иван
    Сергеевич), "gs", "sg"."""
    parts = {
        "s": decline_surname(surname, case),
        "g": decline_given(given, case),
        "p": decline_patronymic(patronymic, case) if patronymic else "",
    }
    return " ".join(parts[k] for k in order if parts[k])


def years_word(n: int) -> str:
    """The word after a number of years: 21 год, 34 года, 35 лет."""
    if n % 10 == 1 and n % 100 != 11:
        return "год"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "года"
    return "лет"


MONTHS_GEN = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
MONTHS_NOM = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
MONTHS_LOC = (
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
