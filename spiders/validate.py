"""Validation of records: what makes a record unusable, and what only spoils one field.

A record whose name is not a name, or whose death date cannot be, is rejected whole with the
reason. A field that cannot be right (an impossible birth date, an age of 3) is cleared, the
record kept, and a reject row names the field, so nothing is lost silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from lexicon.name_alias import split_alias
from lexicon.names import is_given_name
from lexicon.ranks import normalize_rank

WAR_START = date(2022, 2, 24)
EARLIEST_BIRTH = 1930
AGE_RANGE = (16, 80)


@dataclass(frozen=True)
class Window:
    """The dates and ages a source's records may have: this war by default; a source's
    `[validate]` table (or the project's, in `var/tally.toml`) widens or narrows it, so the
    same pipeline counts a book of memory of another war or a list of the executed of 1937."""

    earliest_death: date = WAR_START
    latest_death: date | None = None  # None: today
    earliest_birth: date = date(EARLIEST_BIRTH, 1, 1)
    min_age: int = AGE_RANGE[0]
    max_age: int = AGE_RANGE[1]

    def death_too_early(self, death: str) -> str | None:
        if latest(death) < self.earliest_death:
            if self.earliest_death == WAR_START:
                return f"death date {death} is before the war (2022-02-24)"
            return f"death date {death} is before the source's window ({self.earliest_death})"
        return None


THIS_WAR = Window()

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_NAME_PART = re.compile(r"^[A-Za-zА-Яа-яЁёІіЇїЄєҮүӨөҺһ'’-]+\.?$")
# Words that make a "name" a street, a place or an organisation instead of a man.
_NOT_NAME_WORDS = frozenset(
    [
        "улица",
        "ул",
        "проспект",
        "пр-т",
        "пр",
        "переулок",
        "пер",
        "площадь",
        "пл",
        "бульвар",
        "б-р",
        "шоссе",
        "набережная",
        "проезд",
        "тупик",
        "район",
        "область",
        "край",
        "республика",
        "город",
        "село",
        "поселок",
        "посёлок",
        "деревня",
        "станица",
        "округ",
        "школа",
        "администрация",
        "сво",
        "россия",
        "украина",
        "мемориал",
        "память",
        "героев",
        "слава",
        "вечная",
        "погибшие",
        "street",
        "avenue",
        "road",
        "square",
        "district",
        "region",
    ]
)


@dataclass(frozen=True)
class Problem:
    field: str
    reason: str
    fatal: bool


def parse_iso(value: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of an ISO date that may be partial, or None when it cannot be."""
    match = _ISO.match(value or "")
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            return None
    return year, month, day


def earliest(value: str) -> date | None:
    parts = parse_iso(value)
    if parts is None:
        return None
    year, month, day = parts
    return date(year, month or 1, day or 1)


def latest(value: str) -> date | None:
    parts = parse_iso(value)
    if parts is None:
        return None
    year, month, day = parts
    if month is None:
        return date(year, 12, 31)
    if day is None:
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(year, month, day)


def name_problem(full_name: str | None) -> str | None:
    """Why `full_name` is not the name of a man, or None when it may be one. Another name in
    brackets («Юзефович (Шпинак) Иосиф Сигизмундович») is his alias, not a fault."""
    if not full_name or not full_name.strip():
        return "no name"
    parts = split_alias(full_name)[0].split()
    if len(parts) < 2:
        return f"not a full name (one word): {full_name!r}"
    if len(parts) > 5:
        return f"not a name (too many words): {full_name!r}"
    for k, part in enumerate(parts):
        if not _NAME_PART.match(part):
            return f"not a name (character {part!r}): {full_name!r}"
        word = part.lower().strip(".")
        if word in _NOT_NAME_WORDS and not (k > 0 and is_given_name(part)):  # Кузнецов Слава
            return f"not a name ({part!r} names a place or thing): {full_name!r}"
        if len(word) > 3 and normalize_rank(word) == word:
            return f"not a name ({part!r} is a rank): {full_name!r}"
    if all(p.endswith(".") and len(p) <= 3 for p in parts):
        return f"not a name (initials only): {full_name!r}"
    words = [p.lower() for p in parts if not p.endswith(".")]
    if len(set(words)) < len(words):
        return f"not a name (a word twice): {full_name!r}"
    return None


def check_record(record: dict[str, Any], today: date, window: Window = THIS_WAR) -> list[Problem]:
    """Every problem of one record; fatal ones mean the record is rejected whole. `window`
    is the source's dates and ages (this war unless its config says otherwise)."""
    problems: list[Problem] = []
    for field in ("source", "url", "name_raw", "fetched_at"):
        if not record.get(field):
            problems.append(Problem(field, f"missing {field}", True))
    why = name_problem(record.get("full_name"))
    raw = record.get("name_raw") or ""
    if not why and ("…" in raw or "..." in raw):
        # a caption worn away, a quote cut short: part of the name is missing
        why = f"name cut off: {raw!r}"
    if why:
        problems.append(Problem("full_name", why, True))

    death = record.get("death_date")
    if death:
        if parse_iso(death) is None:
            problems.append(Problem("death_date", f"impossible death date {death!r}", True))
        elif earliest(death) > today:
            problems.append(Problem("death_date", f"death date {death} is in the future", True))
        elif window.death_too_early(death):
            problems.append(Problem("death_date", window.death_too_early(death), True))
        elif window.latest_death and earliest(death) > window.latest_death:
            problems.append(
                Problem(
                    "death_date",
                    f"death date {death} is after the source's window ({window.latest_death})",
                    True,
                )
            )

    birth = record.get("birth_date")
    if birth:
        if parse_iso(birth) is None:
            problems.append(Problem("birth_date", f"impossible birth date {birth!r}", False))
        elif latest(birth) < window.earliest_birth:
            first = window.earliest_birth
            since = first.year if (first.month, first.day) == (1, 1) else first.isoformat()
            problems.append(Problem("birth_date", f"birth date {birth} before {since}", False))
        elif death and parse_iso(death) and latest(death) < earliest(birth):
            problems.append(Problem("death_date", f"death {death} before birth {birth}", True))
        elif earliest(birth) > today:
            problems.append(Problem("birth_date", f"birth date {birth} is in the future", False))

    age = record.get("age")
    if age is not None and not window.min_age <= age <= window.max_age:
        problems.append(
            Problem("age", f"age {age} outside {window.min_age}-{window.max_age}", False)
        )
    return problems
