"""A memorial wall / book of memory: cards with the name in the nominative, «surname first», a
lifespan, the home place and the unit; an older site served in windows-1251. About one card in
twenty-five is bad on purpose: an address in the name slot, a death in 2027, in 2019, before birth."""

from __future__ import annotations

from sandbox.sites import phrases as ph
from sandbox.sites.base import (
    NOT_NAMES,
    Response,
    Shown,
    esc,
    page,
    plant,
    planted_dates,
    region_shown,
    rng_for,
    ru_date,
)
from sandbox.sites.site import Site, page_number
from sandbox.world import World

PREFIX = "/memorial/"


class MemorialSite(Site):
    prefix = PREFIX
    kind = "memorial"
    name = "memorial"
    per_page = 30
    charset = "windows-1251"

    def __init__(self, world: World, share: float = 0.55):
        super().__init__(world)
        self.cards: list[tuple[str, Shown]] = []
        for person in world.people:
            rng = rng_for(world, "memorial", person.pid)
            if rng.random() >= share:
                continue
            if (world.today - person.death).days < rng.randrange(20, 120):
                continue  # walls are updated slowly
            self.cards.append(self._card(rng, person))
        # the wall lists men alphabetically, as books of memory do
        self.cards.sort(key=lambda c: (c[1].full_name, c[1].pid))
        self.place_records()

    def listed(self, group: None) -> list[tuple[str, Shown]]:
        return self.cards

    def shown_on(self, card: tuple[str, Shown]) -> Shown:
        return card[1]

    def list_url(self, group: None, number: int) -> str:
        return PREFIX if number == 1 else f"{PREFIX}?page={number}"

    def _card(self, rng, p) -> tuple[str, Shown]:
        name = " ".join(x for x in (p.surname, p.given, p.patronymic) if x)
        bad = plant(rng, 0.04)
        if bad == "not a name":
            name = rng.choice(NOT_NAMES[:3])
        birth, death = planted_dates(rng, p, bad)
        shown = self.shown(p, name, expect_reject=bad)
        style = rng.choices(["full", "years", "death", "birthyear"], [55, 20, 15, 10])[0]
        if bad == "death before birth":
            style = "full"
        if style == "full":
            fmt = rng.choice(["dots", "dots", "long_g"])
            dates = f"{ru_date(birth, fmt)} — {ru_date(death, fmt)}"
            shown.birth_date, shown.death_date = birth.isoformat(), death.isoformat()
        elif style == "years":
            dates = f"{birth.year}–{death.year}"
            shown.birth_date, shown.death_date = str(birth.year), str(death.year)
        elif style == "death":
            dates = f"Дата гибели: {ru_date(death, 'dots')}"
            shown.death_date = death.isoformat()
        else:
            dates = f"{birth.year} г.р., погиб {ru_date(death, 'dots')}"
            shown.birth_date, shown.death_date = str(birth.year), death.isoformat()
        place_bits = []
        show_settlement = bool(p.settlement) and rng.random() < 0.8
        show_region = rng.random() < 0.7
        if show_settlement:
            prefix = {
                "город": "г. ",
                "село": "с. ",
                "посёлок": "пос. ",
                "пгт": "пгт ",
                "деревня": "д. ",
                "станица": "ст. ",
            }.get(p.settlement_kind, "")
            place_bits.append(prefix + p.settlement)
            shown.settlement = p.settlement
        if show_region:
            place_bits.append(ph.region_name(p.region))
        shown.region = region_shown(p, show_settlement, show_region)
        unit = ""
        if p.unit and rng.random() < 0.6:
            unit = f'<div class="mem-card__unit">{esc(p.unit)}</div>'
            shown.unit = p.unit
        rank = ""
        if rng.random() < 0.4:
            rank = f'<div class="mem-card__rank">{esc(p.rank)}</div>'
            shown.rank = p.rank
        html = (
            '<div class="mem-card">'
            f'<div class="mem-card__photo"><img src="/static/nophoto.jpg" alt=""></div>'
            f'<div class="mem-card__name">{esc(name)}</div>{rank}'
            f'<div class="mem-card__dates">{esc(dates)}</div>'
            + (
                f'<div class="mem-card__place">{esc(", ".join(place_bits))}</div>'
                if place_bits
                else ""
            )
            + unit
            + "</div>"
        )
        return html, shown

    def list_at(self, path: str, query: dict[str, str]) -> tuple[None, int] | None:
        return (None, page_number(query.get("page", "1") or "1")) if path == PREFIX else None

    def list_page(self, group: None, number: int, pages: int) -> Response:
        chunk = self.page_of(self.cards, number)
        nav = "".join(
            f'<a href="{self.list_url(None, n)}"{" class=active" if n == number else ""}>{n}</a> '
            for n in range(max(1, number - 3), min(pages, number + 3) + 1)
        )
        if number < pages:
            nav += f'<a class="next" href="{self.list_url(None, number + 1)}">&raquo;</a>'
        body = (
            '<div id="header"><h1>Книга памяти</h1><p>Наши земляки, погибшие в ходе СВО</p></div>'
            f'<div class="mem-grid">{"".join(html for html, _ in chunk)}</div>'
            f'<div class="pager">{nav}</div>'
        )
        text = page("Книга памяти — страница " + str(number), body, charset=self.charset)
        return self.respond(text, modified=self.world.today)
