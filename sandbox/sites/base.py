"""What every stand-in site shares: the truth of each record it shows, dates, HTML."""

from __future__ import annotations

import html
import random
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from sandbox.grammar import MONTHS_EN, MONTHS_GEN, MONTHS_LOC
from sandbox.world import Person, World


@dataclass
class Shown:
    """What one record on one page truly says: the expected extraction, field by field.
    None means the page does not show it."""

    pid: str
    site: str
    url: str
    full_name: str
    birth_date: str | None = None
    death_date: str | None = None
    funeral_date: str | None = None
    age: int | None = None
    region: str | None = None
    settlement: str | None = None
    unit: str | None = None
    rank: str | None = None
    category: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def rng_for(world: World, *key: object) -> random.Random:
    """A generator of its own for one thing on one site: adding a site never reshuffles another."""
    return random.Random(f"{world.seed}:" + ":".join(map(str, key)))


def published_after(
    rng: random.Random, event: date, median_days: float, world: World
) -> date | None:
    """When a report of an event appears; None when it would appear after the crawl day."""
    delay = int(min(rng.lognormvariate(0, 1.0) * median_days, 700))
    day = event + timedelta(days=delay)
    return day if day <= world.today else None


def ru_date(d: date, style: str) -> str:
    if style == "long":
        return f"{d.day} {MONTHS_GEN[d.month - 1]} {d.year} года"
    if style == "long_g":
        return f"{d.day} {MONTHS_GEN[d.month - 1]} {d.year} г."
    if style == "dots":
        return d.strftime("%d.%m.%Y")
    if style == "dots2":
        return d.strftime("%d.%m.%y")
    if style == "month":
        return f"в {MONTHS_LOC[d.month - 1]} {d.year} года"
    if style == "en":
        return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"
    raise ValueError(style)


def region_shown(
    person: Person, settlement_shown: bool, region_shown_: bool, written: str | None = None
) -> str | None:
    """The region a reader can derive from what the page shows: the region itself, or a
    settlement whose name (as `written` on the page) belongs to one region only."""
    from lexicon.places import find_settlements

    if region_shown_:
        return person.region
    if settlement_shown and person.settlement:
        forms = {person.settlement, written or person.settlement}
        regions = {s.region_code for form in forms for s in find_settlements(form)}
        if regions == {person.region}:
            return person.region
    return None


def page(title: str, body: str, *, charset: str = "utf-8", lang: str = "ru", head: str = "") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head>{meta}<title>{esc(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{head}</head>'
        f"<body>{body}</body></html>\n"
    )
