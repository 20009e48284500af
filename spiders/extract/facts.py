"""What a text says about one man, each value with the span of text it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from lexicon.categories import classify
from lexicon.places import PlaceMatch
from lexicon.ranks import find_ranks
from lexicon.units import find_units
from spiders.extract.dates import find_ages, find_dates
from spiders.extract.homes import best_home
from spiders.extract.people import Found

_DAYS_BACK = {"сегодня": 0, "вчера": 1, "позавчера": 2, "today": 0, "yesterday": 1}
_RELATIVE_FUNERAL = re.compile(
    r"\b(?P<when>сегодня|вчера|позавчера|today|yesterday)\b[^.!?]{0,60}?"
    r"\b(?:простил\w*|похорон\w*|прощ\w*|прово\w*\s+в\s+последний\s+путь|buried|funeral)",
    re.IGNORECASE,
)


# A sentence that goes on about him: «Он родился в Уфе», «Боец служил …».
_PRONOUN = re.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:он|его|ему|им|боец|бойца|военный|военнослужащий|мужчина|парень|"
    r"солдат|погибший|he|his|er|sein)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Fact:
    value: object
    raw: str
    start: int
    end: int


def facts_of(
    text: str, found: Found, reference: date | None = None, region: PlaceMatch | None = None
) -> dict[str, Fact]:
    """Birth, death and funeral dates, age, home, unit, rank and category of one man: read
    from his own parts of the text first, and only what is missing there from the parts about
    nobody in particular (the headline, an introduction), or the one region the whole text
    names (`region`, from `region_of_text`)."""
    out: dict[str, Fact] = {}
    # his home where he is named or meant first, then in the sentences that merely follow
    own = [
        s
        for s in found.segments
        if not found.named or s in found.named or _PRONOUN.match(text, s[0])
    ]
    mine = own + [s for s in found.segments if s not in own]
    for start, end in mine:
        for key, value in _facts(text, start, end, found.mention.start, reference).items():
            out.setdefault(key, value)
    allowed = found.fallback_fields
    for start, end in found.fallback:
        for key, value in _facts(text, start, end, found.mention.start, reference).items():
            if allowed is None or key in allowed:
                out.setdefault(key, value)
    at = found.mention.start
    nearest = sorted(found.fallback, key=lambda s: (s[0] > at, -s[0] if s[0] < at else s[0]))
    for key, (value, match) in best_home(text, (mine + _leads(text, found), nearest)).items():
        out[key] = Fact(value, match.text, match.start, match.end)
    if region is not None:
        out.setdefault("region", Fact(region.region_code, region.text, region.start, region.end))
    return out


def _leads(text: str, found: Found) -> list[tuple[int, int]]:
    """What a sentence says before a list of men it names, for each of them: «уроженцы
    Пролетарского района: Михаил Степанько, Сергей Доля, …»."""
    out = []
    for start, _ in found.named:
        begin = max(text.rfind(stop, 0, start) for stop in (". ", "! ", "? ", "\n")) + 1
        colon = text.rfind(":", begin, start)
        if colon > begin and (begin, colon) not in out:
            out.append((begin, colon))
    return out


def _facts(
    text: str, start: int, end: int, mention_start: int, reference: date | None
) -> dict[str, Fact]:
    zone = text[start:end]
    out: dict[str, Fact] = {}

    def add(field: str, value: object, raw: str, s: int, e: int) -> None:
        if field not in out and value not in (None, ""):
            out[field] = Fact(value, raw, start + s, start + e)

    for d in find_dates(zone, reference):
        role = {"birth": "birth_date", "death": "death_date", "funeral": "funeral_date"}.get(d.role)
        if role:
            add(role, d.value, d.text, d.start, d.end)
    if reference is not None:
        # «Сегодня простились с …», «Вчера похоронили …»: the post's own date is the funeral's
        for m in _RELATIVE_FUNERAL.finditer(zone):
            day = reference - timedelta(days=_DAYS_BACK[m.group("when").lower()])
            add("funeral_date", day.isoformat(), m.group("when"), m.start("when"), m.end("when"))
    for a in find_ages(zone):
        add("age", a.value, a.text, a.start, a.end)

    units = find_units(zone)
    if units:
        u = units[0]
        add("unit", u.canonical, u.text, u.start, u.end)

    ranks = find_ranks(zone)
    mention_at = mention_start - start
    before = [r for r in ranks if 0 <= mention_at - r.end <= 3]
    rank = (before or ranks or [None])[0]
    if rank is not None:
        add("rank", rank.rank, rank.text, rank.start, rank.end)

    category, cues = classify(zone)
    if category and cues:
        first = min((c for c in cues if c.category == category), key=lambda c: c.start)
        add("category", category, first.text, first.start, first.end)
    return out
