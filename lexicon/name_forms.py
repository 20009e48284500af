"""Men's names: telling the surname, given name and patronymic apart in any order and case,
and turning them into the dictionary form (nominative, masculine).

«Простились с Иваном Сергеевичем Петровым», «Петрова И. С.», «ПЕТРОВ Иван Сергеевич»,
«Айдыса Монгуша», «Саяне Ондаре» all come out as surname/given/patronymic in the nominative.
What each word may be is ``lexicon.name_readings``' (and ``lexicon.latin_names``' for Latin
letters); here the words are fitted together in the orders registers and pages use. Beyond
them: «Мамедов Эльвин Рамиз оглы» and «Эльвин Рамиз оглы Мамедов» keep «Рамиз оглы» whole as
the patronymic, while «Асан уулу Бакыт» (no other surname) keeps it as the surname, as Kyrgyz
and Kazakh registers do; «Ким Ен Сук» is a Korean surname and a given name of two syllables.
Of two readings of one word in one case equally good, the man's wins («Саяне» is Саян): the
dead counted here are men.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from lexicon import names as lex
from lexicon.name_alias import split_alias
from lexicon.name_endings import FEMININE_SURNAME, KOREAN_SURNAMES
from lexicon.name_readings import (
    CASES,
    TEGIN,
    cap_name,
    given_gender,
    given_readings,
    patronymic_readings,
    surname_readings,
    tegin,
    titlecase,
)

__all__ = [
    "CASES", "NameParts", "given_readings", "is_initial", "parse_name_field",
    "join_tegin", "patronymic_readings", "read_name", "split_name_tokens", "surname_readings",
    "titlecase",
]  # fmt: skip

_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")
_SYLLABLE = re.compile(r"^[А-ЯЁ][а-яё]{0,3}$")


@dataclass(frozen=True)
class NameParts:
    """One man's name in the dictionary form, with the case the text wrote it in and how well
    the words fit (the score the free-text reader compares readings by)."""

    surname: str | None
    given: str | None
    patronymic: str | None
    given_initial: str | None = None
    patronymic_initial: str | None = None
    case: str = "nomn"
    gender: str | None = None
    score: float = 0.0

    @property
    def full_name(self) -> str:
        """«Петров Иван Сергеевич», «Петров И. С.»: surname first, as registers write it."""
        given = self.given or self.given_initial
        patronymic = self.patronymic or self.patronymic_initial
        return " ".join(p for p in (self.surname, given, patronymic) if p)


def is_initial(token: str) -> bool:
    """«И.», «S.»: one capital letter and a full stop."""
    return bool(_INITIAL.match(token))


def _best(readings, case: str) -> tuple[str, float] | None:
    best = None
    for nom, c, conf in readings:
        if c == case and (best is None or conf > best[1]):
            best = (nom, conf)
    return best


# order patterns: s = surname, g = given, p = patronymic, i = initial
PATTERNS = ("gps", "sgp", "gp", "gs", "sg", "sii", "iis", "si", "is", "g", "s")


def read_name(tokens: list[str], gender: str | None = None) -> NameParts | None:
    """The best reading of a few consecutive tokens as one person's name, or None. With
    `gender`, a reading of that gender wins over any other: «Евгения Афонина» in a list of
    men is Евгений Афонин in the genitive, not a woman. A lower-case «оглы», «кызы», «уулу»
    joins the father's name before it («Рамиз оглы»)."""
    tokens = join_tegin(tokens)
    n = len(tokens)
    best: NameParts | None = None
    for pattern in PATTERNS:
        if len(pattern) != n:
            continue
        cases = _cases(tokens, pattern)
        for case in CASES:
            if case not in cases:
                continue  # some word has no reading of its role in this case
            parts = _fit(tokens, pattern, case)
            if parts is None:
                continue
            if best is None or _rank(parts, gender) > _rank(best, gender):
                best = parts
    korean = _korean(tokens)
    if korean is not None and (best is None or korean.score > best.score):
        best = korean
    if best is not None and best.surname is None and best.patronymic and tegin(best.patronymic):
        # «Бакыт Асан уулу»: no other surname, so the father's name stands in its place
        best = replace(best, surname=best.patronymic, patronymic=None)
    return best


def join_tegin(tokens: list[str]) -> list[str]:
    """«Рамиз», «оглы» → «Рамиз оглы»: the Turkic word joins the father's name before it."""
    out: list[str] = []
    for token in tokens:
        if out and token.lower() in TEGIN and not is_initial(out[-1]):
            out[-1] = f"{out[-1]} {token.lower()}"
        else:
            out.append(token)
    return out


def _korean(tokens: list[str]) -> NameParts | None:
    """«Ким Ен Сук», «Пак Ен-Сук»: a Korean surname and a given name of two syllables, each
    too short to be a Russian name («Ким Сергей» is read the Russian way)."""
    if len(tokens) not in (2, 3) or titlecase(tokens[0]) not in KOREAN_SURNAMES:
        return None
    syllables = [titlecase(t) for t in tokens[1:]]
    if len(tokens) == 2:
        syllables = [cap_name(p) for p in syllables[0].split("-")]
    if len(syllables) != 2 or not all(_SYLLABLE.match(x) for x in syllables):
        return None
    if any(lex.is_given_name(x) or is_initial(x) for x in syllables):
        return None
    given = ("-" if len(tokens) == 2 else " ").join(syllables)
    return NameParts(surname=titlecase(tokens[0]), given=given, patronymic=None, score=2.3)


def _rank(parts: NameParts, gender: str | None) -> tuple:
    if gender is None:
        return (parts.score,)
    return (parts.gender in (gender, None), parts.score)


@lru_cache(maxsize=300_000)
def _role_readings(token: str, role: str) -> dict[str, tuple[str, float, str | None]]:
    """case → (nominative, confidence, gender) of a word read as a given name (g), a
    patronymic (p) or a surname (s); a surname with no masculine nominative may be read as a
    woman's (gender "f"). Worked out once per word and role: the same words make many names."""
    out: dict[str, tuple[str, float, str | None]] = {}
    for case in CASES:
        if role == "g":
            hit = _best(given_readings(token), case)
            if hit is not None:
                out[case] = (hit[0], hit[1], None)
        elif role == "p":
            hits = [r for r in patronymic_readings(token) if r[1] == case]
            if hits:
                out[case] = (hits[0][0], 1.0, hits[0][2])
        else:
            readings = surname_readings(token)
            hit = _best(readings, case)
            woman = None
            if hit is None and case == "nomn":
                hit, woman = _best(readings, "nomn_f"), "f"
            if hit is not None:
                out[case] = (hit[0], hit[1], woman)
    return out


_COST = {"i": 0, "p": 1, "g": 2, "s": 3}
# each pattern's places, cheapest role first (`_cases`)
_CHEAP_FIRST = {p: sorted(range(len(p)), key=lambda k, p=p: _COST[p[k]]) for p in PATTERNS}


def _cases(tokens: list[str], pattern: str) -> frozenset[str] | set[str]:
    """The cases in which every word has a reading of its role in `pattern`: the cheap roles
    asked first (an initial, a patronymic's endings), so that a pattern the words cannot fit
    costs no dictionary look-up of the others."""
    cases: frozenset[str] | set[str] = frozenset(CASES)
    for k in _CHEAP_FIRST[pattern]:
        token, role = tokens[k], pattern[k]
        if role == "i":
            if not is_initial(token):
                return frozenset()
        else:
            cases = cases & _role_readings(token, role).keys()
            if not cases:
                break
    return cases


def _fit(tokens: list[str], pattern: str, case: str) -> NameParts | None:
    surname = given = patronymic = None
    initials: list[str] = []
    score = 0.0
    gender = None
    for token, role in zip(tokens, pattern, strict=True):
        if role == "i":
            if not is_initial(token):
                return None
            initials.append(token.upper())
            score += 0.5
            continue
        hit = _role_readings(token, role).get(case)
        if hit is None:
            return None
        if role == "g":
            given = hit[0]
            score += hit[1] + 0.2
        elif role == "p":
            patronymic, gender = hit[0], hit[2]
            score += 1.0
        else:
            surname = hit[0]
            score += hit[1]
            if hit[2]:  # a woman's form read as the nominative
                gender = gender or "f"
    if case == "nomn":
        score += 0.15  # the nominative is the commonest reading of an ambiguous form
    if given and gender is None:
        gender = given_gender(given)
    if case == "nomn" and gender == "m" and surname and _feminine(surname):
        return None  # «Данила Гусева» is Данил Гусев in the genitive, not a man called Гусева
    if pattern in ("g", "s"):
        score -= 1.0  # a lone word is a back-reference at best
    return NameParts(
        surname=surname,
        given=given,
        patronymic=patronymic,
        given_initial=initials[0] if initials else None,
        patronymic_initial=initials[1] if len(initials) > 1 else None,
        case=case,
        gender=gender,
        score=score,
    )


def _feminine(surname: str) -> bool:
    """A woman's form of a surname: Гусева, Белая, Petrova; not Сова or Юшка."""
    if surname.isascii():
        return surname.lower().endswith(FEMININE_SURNAME)
    return lex.masculine_surname(surname) != surname


def parse_name_field(text: str, gender: str | None = None) -> NameParts | None:
    """A name written alone in a field («Петров Иван Сергеевич», «И.С. Петров», «ПЕТРОВ И.С.»,
    «Юзефович (Шпинак) Иосиф Сигизмундович» without the other name in brackets); `gender`
    prefers readings of that gender."""
    tokens = join_tegin(split_name_tokens(split_alias(text)[0]))
    if not 1 < len(tokens) <= 4:
        return None
    return read_name(tokens, gender)


# an initial: a capital with its dot, or a capital standing alone (lists drop the last dot:
# «Степанов С.В», «Иванов И И»)
_SPLIT = re.compile(
    r"[А-ЯЁA-Z]\.|[А-ЯЁA-Z](?![A-Za-zА-Яа-яЁё'’-])|[A-Za-zА-Яа-яЁё]+(?:[-'’][A-Za-zА-Яа-яЁё]+)*"
)


def split_name_tokens(text: str) -> list[str]:
    """«И.С.Петров» → ['И.', 'С.', 'Петров']; «Степанов С.В» → ['Степанов', 'С.', 'В.']."""
    return [t + "." if len(t) == 1 and t.isupper() else t for t in _SPLIT.findall(text)]
