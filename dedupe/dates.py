"""Partial ISO dates as numbers dedupe can compare quickly."""

from __future__ import annotations

import re
from datetime import date

import numpy as np

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def split_date(value: object) -> tuple[int, int, int]:
    """(year, month, day) with 0 for unknown parts; (0, 0, 0) for nothing usable."""
    if value is None:
        return 0, 0, 0
    text = str(value).strip()
    if not text or text.lower() in {"nan", "none", "null"}:
        return 0, 0, 0
    match = _ISO.match(text)
    if not match:
        return 0, 0, 0
    year = int(match.group(1))
    month = int(match.group(2) or 0)
    day = int(match.group(3) or 0)
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
    year = np.asarray(year, dtype=np.int64)
    days = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    return np.where(year > 0, days + _EPOCH, 0)
