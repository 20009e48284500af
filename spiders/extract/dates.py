"""Dates and ages in Russian and English obituary text, with spans into the original text.

A date's role comes from cue words in its sentence: «г.р.» or «года рождения» right after it
beats everything; otherwise the nearest cue before it that no other date has used; otherwise
the first cue after it (unless that cue sits right before the next date). Participles
(«погибшего», «павших») count only next to the date or when nothing better is there.
Lifespans («1990–2024», «12.03.1990 – 20.02.2024») yield a birth and a death.

Year-less dates («20 февраля») take the year from `reference` (the page's date): the latest such
day not after it, or up to FUNERAL_LEAD_DAYS after it for a funeral; year-less birthdays and
any year-less date without a reference are dropped.

Ages: «ему исполнилось бы 35» and «на 35-м году жизни» both give 34 (the age at death, an upper
bound for the first), flagged by AgeMatch.kind ("would_be", "nth_year"; else "stated").
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spiders.extract import _date_patterns as P

__all__ = [
    "AgeMatch",
    "DateMatch",
    "age_at",
    "age_bounds",
    "find_ages",
    "find_dates",
    "is_valid_date",
    "parse_date",
    "parse_lifespan",
]

# A dash range shorter than this in running text is a period of service («2022–2023»,
# «1979–1989»), not a life; parse_lifespan, which is told it holds a lifespan, takes any.
MIN_LIFESPAN = 16
# A year-less funeral date may lie just after the publication date («прощание состоится
# 5 марта» on a page of 4 March); every other year-less date lies on or before it.
FUNERAL_LEAD_DAYS = 14

_ROLE_OF_CUE = {
    "gr": "birth",
    "birth": "birth",
    "death": "death",
    "weak": "death",
    "funeral": "funeral",
    "funeral_verb": "funeral",
    "missing": "missing",
    "other": "other",
}
_ISO = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_BARE_YEAR = re.compile(P.YEAR)
_DIGITS = re.compile(r"\d+")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]")
_GAP_AFTER = re.compile(r"[\s(]*")
_FIELD_PREFIX = re.compile(r"[\W_]*(?:(?:в|во|on|in)\s+)?", re.IGNORECASE)
_FIELD_SUFFIX = re.compile(r"[\W_]*(?:г\.?\s*р|года\s+рождения)?[\W_]*", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    """One date found in running text."""

    value: str  # ISO, possibly partial: "2024", "2024-02", "2024-02-20"
    start: int  # span into the original text
    end: int
    text: str
    role: str  # "birth" | "death" | "funeral" | "missing" | "other" | "unknown"
    precision: str  # "day" | "month" | "year"


@dataclass(frozen=True)
class AgeMatch:
    """One age found in running text; value is the age at death as far as the text says."""

    value: int
    start: int
    end: int
    text: str
    kind: str = "stated"  # "stated" | "would_be" (turned N+1 after death) | "nth_year"


@dataclass
class _Date:
    start: int
    end: int
    value: str | None
    precision: str
    role: str | None = None
    month_day: tuple[int, int] | None = None  # a year-less date, resolved once its role is known


def is_valid_date(value: str) -> bool:
    """True for "YYYY", "YYYY-MM" or "YYYY-MM-DD" naming a real calendar date."""
    m = _ISO.fullmatch(value)
    if not m:
        return False
    month, day = (int(g) if g else None for g in m.groups()[1:])
    return _iso(int(m[1]), month, day) is not None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if year < 1 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and (month is None or not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def _month(word: str) -> int | None:
    return P.MONTH_NUMBERS.get(word.replace("ё", "е")[:3])


def _yearless(month: int, day: int, reference: date | None, lead: int = 0) -> str | None:
    """The latest month-day not after the reference plus `lead` days (29 February looks back to
    a leap year)."""
    if reference is None:
        return None
    limit = reference + timedelta(days=lead)
    for year in range(limit.year, limit.year - 9, -1):
        value = _iso(year, month, day)
        if value and date.fromisoformat(value) <= limit:
            return value
    return None


def _date(kind: str, m: re.Match[str]) -> _Date:
    """A candidate from one pattern match (value None when it is no calendar date)."""
    if kind == "year" or kind in P.YEAR_KINDS:  # «born in 1990», «род. 1898»: the year alone
        return _Date(m.start(0 if kind == "year" else "y"), m.end(), m["y"], "year")
    if kind == "my":
        return _Date(*m.span(), _iso(int(m["y"]), _month(m["mon"])), "month")
    if kind in ("num", "iso"):
        year = int(m["y"])
        if len(m["y"]) == 2:
            year += 2000 if year < 40 else 1900
        return _Date(*m.span(), _iso(year, int(m["m"]), int(m["d"])), "day")
    month, day = _month(m["mon"]), int(m["d"])
    if kind in ("dm", "md"):
        return _Date(*m.span(), None, "day", month_day=(month, day) if month else None)
    return _Date(*m.span(), _iso(int(m["y"]), month, day) if month else None, "day")


def _windows(low: str) -> list[tuple[int, int]]:
    """Stretches around digit runs: every date and age holds a digit, so only these need a scan
    (margins cover «сентября », «ему было всего » before and «года», «лет службы» after)."""
    out: list[list[int]] = []
    for m in _DIGITS.finditer(low):
        start, end = max(0, m.start() - 32), m.end() + 40
        if out and start <= out[-1][1]:
            out[-1][1] = end
        else:
            out.append([start, end])
    return [(start, min(end, len(low))) for start, end in out]


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "_."


def _is_lifespan(birth: str, death: str, min_span: int) -> bool:
    return birth < death and int(death[:4]) - int(birth[:4]) >= min_span


def _singles(low: str, min_span: int) -> list[_Date]:
    """Every date shape in lower-cased text, overlaps resolved (earliest, then longest). Invalid
    candidates still win their span, so «31 февраля 2024» does not fall back to «февраля 2024»."""
    found = [
        (m.start(), -m.end(), kind, m)
        for start, end in _windows(low)
        for kind, rx in P.DATE_PATTERNS
        for m in rx.finditer(low, start, end)
    ]
    found.sort(key=lambda f: (f[0], f[1]))
    out: list[_Date] = []
    last = 0
    for start, neg_end, kind, m in found:
        if start < last or (kind in P.WORD_START_KINDS and start and _word_char(low[start - 1])):
            continue
        last = -neg_end
        if kind != "yrange":
            out.append(_date(kind, m))
            continue
        first = _Date(*m.span("y1"), m["y1"], "year")
        second = _Date(*m.span("y2"), m["y2"], "year")
        if _is_lifespan(m["y1"], m["y2"], min_span):
            first.role, second.role = "birth", "death"
        out += [first, second]
    return [d for d in out if d.value or d.month_day]


def _pair(low: str, dates: list[_Date], min_span: int) -> None:
    """Join «A – B» into birth and death; B may be a bare year («12.03.1990 – 2024»)."""
    i = 0
    while i < len(dates):
        first = dates[i]
        tail = P.RANGE_TAIL.match(low, first.end) if first.role is None else None
        if tail and first.value:
            nxt = dates[i + 1] if i + 1 < len(dates) else None
            if nxt and nxt.start == tail.end():
                if (
                    nxt.role is None
                    and nxt.value
                    and _is_lifespan(first.value, nxt.value, min_span)
                ):
                    first.role, nxt.role = "birth", "death"
                    i += 1
            elif (y := P.TAIL_YEAR.match(low, tail.end())) and _is_lifespan(
                first.value, y[0], min_span
            ):
                first.role = "birth"
                dates.insert(i + 1, _Date(y.start(), y.end(), y[0], "year", "death"))
                i += 1
        i += 1


def _cues(low: str, ends: list[int], sids: list[int]) -> list[tuple[int, int, str, int]]:
    """(start, end, kind, sentence) of every cue word in the given sentences."""
    cues = []
    funeral_in: set[int] = set()
    spans = [(ends[i - 1] if i else 0, ends[i] + 1 if i < len(ends) else len(low)) for i in sids]
    for m in (m for start, end in spans for m in P.CUES.finditer(low, start, end)):
        kind, start = m.lastgroup or "", m.start()
        sid = bisect.bisect_left(ends, start)
        # «прощание с погибшим» names the person being buried, not a death.
        if kind == "weak" and P.WITH_BEFORE.search(low, max(0, start - 5), start):
            continue
        if kind == "funeral":
            funeral_in.add(sid)
        elif kind == "funeral_verb" and sid not in funeral_in:
            continue
        cues.append((start, m.end(), kind, sid))
    return cues


def _near(gap: str) -> bool:
    return not _CLAUSE_BREAK.search(gap) and len(gap.split()) <= 3


def _assign_roles(text: str, low: str, dates: list[_Date]) -> None:
    ends = P.sentence_ends(text)
    cues = _cues(low, ends, sorted({bisect.bisect_left(ends, d.start) for d in dates}))
    starts = [c[0] for c in cues]
    cue_ends = [c[1] for c in cues]
    claimed: set[int] = set()
    for i, d in enumerate(dates):
        if d.role is not None:
            continue
        sid = bisect.bisect_left(ends, d.start)
        after = bisect.bisect_left(starts, d.end)
        if (
            after < len(cues)
            and cues[after][2] == "gr"
            and _GAP_AFTER.fullmatch(low, d.end, cues[after][0])
        ):
            d.role = "birth"
            claimed.add(after)
            continue
        pick = fallback = None
        for k in range(bisect.bisect_right(cue_ends, d.start) - 1, -1, -1):
            if cues[k][3] != sid:
                break
            if k in claimed:
                continue
            if cues[k][2] != "weak" or _near(low[cues[k][1] : d.start]):
                pick = k
                break
            fallback = k if fallback is None else fallback
        pick = fallback if pick is None else pick
        if pick is None:
            nxt = dates[i + 1].start if i + 1 < len(dates) else len(low)
            nxt_in_sentence = nxt < len(low) and bisect.bisect_left(ends, nxt) == sid
            for k in range(after, len(cues)):
                if cues[k][0] >= nxt or cues[k][3] != sid:
                    break
                if nxt_in_sentence and _near(low[cues[k][1] : nxt]):
                    break  # that cue introduces the next date
                if k not in claimed:
                    pick = k
                    break
        d.role = "unknown" if pick is None else _ROLE_OF_CUE[cues[pick][2]]
        if pick is not None:
            claimed.add(pick)


def _find(text: str, reference: date | None, min_span: int) -> list[_Date]:
    low = P.lower(text)
    dates = _singles(low, min_span)
    _pair(low, dates, min_span)
    _assign_roles(text, low, dates)
    for d in dates:
        # A year-less birth date is a birthday, never the latest such day before publication.
        if d.month_day and d.role != "birth":
            lead = FUNERAL_LEAD_DAYS if d.role == "funeral" else 0
            d.value = _yearless(*d.month_day, reference, lead)
    return [d for d in dates if d.value]


def find_dates(text: str, reference: date | None = None) -> list[DateMatch]:
    """Every date in running text, in order, with its role; year-less dates need a reference."""
    return [
        DateMatch(d.value or "", d.start, d.end, text[d.start : d.end], d.role or "unknown",
                  d.precision)
        for d in _find(text, reference, MIN_LIFESPAN)
    ]  # fmt: skip


def parse_date(text: str, reference: date | None = None) -> str | None:
    """One date written alone (a field) as ISO, possibly partial; None if invalid or ambiguous."""
    field = text.strip().strip(".,;:()[]«»\"' ")
    if _BARE_YEAR.fullmatch(field):
        return field
    if _ISO.fullmatch(field):
        return field if is_valid_date(field) else None
    dates = _singles(P.lower(text), 0)
    if len(dates) != 1:
        return None
    d = dates[0]
    if not _FIELD_PREFIX.fullmatch(text, 0, d.start) or not _FIELD_SUFFIX.fullmatch(text, d.end):
        return None
    return _yearless(*d.month_day, reference) if d.month_day else d.value


def parse_lifespan(text: str) -> tuple[str | None, str | None]:
    """(birth, death) from a field such as «12.03.1990 – 20.02.2024», «1990–2024», «1990 г.р.»."""
    dates = _find(text, None, 0)
    birth = next((d.value for d in dates if d.role == "birth"), None)
    death = next((d.value for d in dates if d.role == "death"), None)
    unknown = [d.value for d in dates if d.role == "unknown" and d.value]
    if birth is None and death is None and len(unknown) >= 2:
        # a lifespan field is birth first; one written backwards is kept as written so that
        # validation can reject it with the reason instead of losing the birth date silently
        return unknown[0], unknown[1]
    if death is None and unknown and (birth is None or unknown[-1] > birth):
        death = unknown[-1]
    return birth, death


def find_ages(text: str) -> list[AgeMatch]:
    """Ages at death stated in running text, in order; numbers that are not ages are skipped."""
    low = P.lower(text)
    windows = _windows(low)
    found = [
        (m.start(g), -m.end(g), int(m[g]), "stated")
        for start, end in windows
        for m in P.AGE_AFTER_NAME.finditer(text, start, end)
        for g in ("n", "ru")
        if m[g]
    ]
    for kind, rx in P.AGE_PATTERNS:
        for m in (m for start, end in windows for m in rx.finditer(low, start, end)):
            n, age_kind = int(m["n"]), "stated"
            if kind == "nth_year" or (kind == "would_be" and (m["by"] or m["ba"])):
                n, age_kind = n - 1, kind
            found.append((m.start(), -m.end(), n, age_kind))
    found.sort()
    out: list[AgeMatch] = []
    last = 0
    for start, neg_end, n, age_kind in found:
        if start >= last:
            out.append(AgeMatch(n, start, -neg_end, text[start:-neg_end], age_kind))
            last = -neg_end
    return out


def _range(value: str) -> tuple[date, date] | None:
    """The first and last day a partial ISO date may stand for."""
    if not is_valid_date(value):
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts), date(*parts)
    if len(parts) == 2:
        last = calendar.monthrange(*parts)[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def _full_years(birth: date, death: date) -> int:
    return death.year - birth.year - ((death.month, death.day) < (birth.month, birth.day))


def age_bounds(birth: str, death: str) -> tuple[int, int] | None:
    """(youngest, oldest) age at death the two partial dates allow; None if invalid or reversed."""
    b, d = _range(birth), _range(death)
    if b is None or d is None or d[1] < b[0]:
        return None
    return max(0, _full_years(b[1], d[0])), _full_years(b[0], d[1])


def age_at(birth: str, death: str) -> int | None:
    """Full years at death when the dates settle it, else None: «1990»–«2024» could be 33 or 34
    and gives None; «1990-03»–«2024-02-20» is 33 whatever the days."""
    bounds = age_bounds(birth, death)
    return bounds[0] if bounds and bounds[0] == bounds[1] else None
