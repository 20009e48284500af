"""Dates and ages as numbers dedupe can compare quickly: partial ISO, and the ways lists write
them."""

from __future__ import annotations

import re
from datetime import date

import numpy as np

_ISO = re.compile(r"^\s*(\d{4})(?:([-./])(\d{1,2})(?:\2(\d{1,2}))?)?(?![\d])")
# 07.04.2024, 7/4/2024, 07-04-2024 (day first, as Russian lists write it); 04.2024
_DMY = re.compile(r"^\s*(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
# a two-digit year: «12.06.24» is 2024, «16.02.96» 1996 (the dead counted here were born after
# 1930 and died after 2000: a list of the 1930s' dead would be misread, and says its century)
CENTURY_PIVOT = 30
_MY = re.compile(r"^\s*(\d{1,2})[./](\d{4})(?!\d)")
# «7 апреля 2024 г.», «апрель 2024», «7 Apr 2024», «April 7, 2024»
_WORDS = re.compile(r"^\s*(?:(\d{1,2})\s+)?([^\W\d_]{3,})\.?,?\s+(?:(\d{1,2}),?\s+)?(\d{4})(?!\d)")
# what a sentence puts before a month or a season: «в январе 2024 г.», «в конце марта 2023»
_LEAD = re.compile(r"^\s*(?:(?:в|во|in|early|late|mid)\s+)?(?:(?:начале|конце|середине)\s+)?", re.I)
# a season gives the year alone («зимой 2024»: December 2024 or January 2024, the year holds)
_SEASONS = frozenset(
    ("зима", "зимой", "зимы", "весна", "весной", "весны", "лето", "летом", "лета", "осень",
     "осенью", "осени", "winter", "spring", "summer", "autumn", "fall")
)  # fmt: skip
_RU = (
    "январь января январе янв",
    "февраль февраля феврале фев февр",
    "март марта марте мар",
    "апрель апреля апреле апр",
    "май мая мае",
    "июнь июня июне июн",
    "июль июля июле июл",
    "август августа августе авг",
    "сентябрь сентября сентябре сен сент",
    "октябрь октября октябре окт",
    "ноябрь ноября ноябре ноя нояб",
    "декабрь декабря декабре дек",
)
_EN = (
    "january jan",
    "february feb",
    "march mar",
    "april apr",
    "may",
    "june jun",
    "july jul",
    "august aug",
    "september sep sept",
    "october oct",
    "november nov",
    "december dec",
)
_MONTHS = {w: k for names in (_RU, _EN) for k, forms in enumerate(names, 1) for w in forms.split()}
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")  # 20240407
_DECADE = re.compile(r"^\s*\d{3}0-?(?:е|х|ые|ых|s)\b", re.I)  # «1990-е»: a decade, no year


def split_date(value: object) -> tuple[int, int, int]:
    """(year, month, day) with 0 for unknown parts; (0, 0, 0) for nothing usable. Reads ISO
    (partial too: «2024», «2024-04»), and what lists people keep write: «07.04.2024»,
    «04.2024», «7 апреля 2024 г.», «апрель 2024», «в январе 2024 г.», «April 7, 2024»,
    «4/23/2024» (month first where the day cannot be), «12.06.24» (`CENTURY_PIVOT`), and a
    season's year («зимой 2024»)."""
    if value is None:
        return 0, 0, 0
    text = str(value).strip()
    if not text or text.lower() in {"nan", "none", "null"}:
        return 0, 0, 0
    return _checked(*_parts(text))


def _parts(text: str) -> tuple[int, int, int]:
    if _DECADE.match(text):
        return 0, 0, 0
    if match := _COMPACT.match(text):
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    if match := _ISO.match(text):
        return int(match.group(1)), int(match.group(3) or 0), int(match.group(4) or 0)
    if match := _DMY.match(text):
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if len(match.group(4)) == 2:
            year += 2000 if year <= CENTURY_PIVOT else 1900
        if month > 12 >= day:
            day, month = month, day  # «4/23/2024»: month first, the only reading there is
        return year, month, day
    if match := _MY.match(text):
        return int(match.group(2)), int(match.group(1)), 0
    if match := _WORDS.match(text[_LEAD.match(text).end() :]):
        day, word, day_after, year = match.groups()
        word = word.lower()
        month = _MONTHS.get(word)
        if month and not (day and day_after):
            return int(year), month, int(day or day_after or 0)
        if word in _SEASONS and not (day or day_after):
            return int(year), 0, 0
    return 0, 0, 0


def _checked(year: int, month: int, day: int) -> tuple[int, int, int]:
    if not 1800 < year < 2200 or month > 12:
        return 0, 0, 0
    if month == 0:
        day = 0
    if day:
        try:
            date(year, month, day)
        except ValueError:
            day = 0
    return year, month, day


_AGE = re.compile(r"^\s*(\d{1,3})\s*(?:лет|года?|г\.|years?(?: old)?|y\.?o\.?)?\s*$", re.I)


def read_age(value: object) -> int:
    """The age at death: «27», «27.0», «27 лет», «41 год», «27 years»; -1 for anything else."""
    try:
        age = int(float(value))
    except (TypeError, ValueError):
        match = _AGE.match(str(value)) if value is not None else None
        if not match:
            return -1
        age = int(match.group(1))
    return age if 0 < age < 120 else -1


def iso(value: object) -> str | None:
    """A date as partial ISO («2024», «2024-04», «2024-04-07»), None if nothing is usable."""
    year, month, day = split_date(value)
    if not year:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def ordinal(year: int, month: int, day: int) -> int:
    """Day number of the middle of what is known (0 when the year is unknown)."""
    if not year:
        return 0
    if not month:
        return date(year, 7, 1).toordinal()
    if not day:
        return date(year, month, 15).toordinal()
    return date(year, month, day).toordinal()


def precision(year: int, month: int, day: int) -> int:
    """0 unknown, 1 year, 2 month, 3 day."""
    return 0 if not year else 1 if not month else 2 if not day else 3


_EPOCH = date(1970, 1, 1).toordinal()


def month_day(ordinals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Month and day of each day number (`ordinal`), numpy over the whole column."""
    days = (np.asarray(ordinals, dtype=np.int64) - _EPOCH).astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    month = (months.astype(np.int64) % 12 + 1).astype(np.int8)
    day = ((days - months.astype("datetime64[D]")).astype(np.int64) + 1).astype(np.int8)
    return month, day


def jan_first(year: np.ndarray) -> np.ndarray:
    """Day number (`ordinal`) of the first of January of each year, 0 where the year is 0."""
    return month_first(year, np.ones_like(np.asarray(year, dtype=np.int64)))


def month_first(year: np.ndarray, month: np.ndarray) -> np.ndarray:
    """Day number (`ordinal`) of the first of each month (13 is the next January), 0 where the
    year is 0."""
    year = np.asarray(year, dtype=np.int64)
    months = ((year - 1970) * 12 + np.asarray(month, dtype=np.int64) - 1).astype("datetime64[M]")
    return np.where(year > 0, months.astype("datetime64[D]").astype(np.int64) + _EPOCH, 0)
