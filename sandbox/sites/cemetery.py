"""A volunteers' site of photographs of new graves, grouped by cemetery and town («Кладбище
„Северное“, г. Улан-Удэ»), each photo captioned with what the grave says, line by line as
written: «ПЕТРОВ Иван Сергеевич / 12.03.1990 – 20.02.2024», «Петров И.С. / 1990–2024»,
«гв. ряд. ПЕТРОВ И. С.», «Сержант Монгуш Айдыс Оолакович / 05.06.1995 г.р. погиб 03.03.2024»,
sometimes a unit line; some captions cannot be read («ИВАН… / 1990–2024»: nothing to count,
the page truth says how many). windows-1251 declared nowhere, neither header nor meta."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from sandbox.sites import phrases as ph
from sandbox.sites.base import Response, Shown, esc, plant_in_dates, region_shown, rng_for, ru_date
from sandbox.sites.site import Site
from sandbox.world import Person, World

PREFIX = "/cemetery/"
CITY_CEMETERIES = ("Кладбище «Северное»", "Кладбище «Южное»", "Новое городское кладбище",
                   "Аллея Героев на кладбище «Центральное»", "Кладбище № 2")  # fmt: skip
PHOTOGRAPHERS = ("Марина К.", "Алексей", "волонтёр проекта", "Наталья С.", "Игорь В.")
_KIND = {
    "город": "г.",
    "село": "с.",
    "посёлок": "пос.",
    "пгт": "пгт",
    "станица": "ст.",
    "деревня": "д.",
}


@dataclass
class Photo:
    number: int
    taken: date
    lines: list[str]
    shown: Shown | None  # None: the caption cannot be read


@dataclass
class Cemetery:
    cid: int
    name: str
    town: str
    region: str
    photos: list[Photo] = field(default_factory=list)

    def page_url(self, n: int) -> str:
        return f"{PREFIX}{self.cid}/" + ("" if n == 1 else f"?page={n}")


class CemeterySite(Site):
    prefix = PREFIX
    kind = "cemetery"
    name = "cemetery"
    per_page = 24
    charset = "windows-1251"
    declares_charset = False  # neither in the header nor in a meta tag
    has_index = True

    def __init__(self, world: World, share: float = 0.2):
        super().__init__(world)
        found: dict[tuple[str, str, str], list[tuple[Person, random.Random, date]]] = {}
        for p in world.people:
            rng = rng_for(world, "cemetery", p.pid)
            if rng.random() >= share or not p.settlement:
                continue
            taken = p.funeral + timedelta(days=int(rng.lognormvariate(3.4, 0.8)))
            if taken > world.today:
                continue
            found.setdefault((p.region, p.settlement, self._cemetery_name(rng, p)), []).append(
                (p, rng, taken)
            )
        self.cemeteries: list[Cemetery] = []
        number = 1000
        for cid, key in enumerate(sorted(found), start=1):
            region, town, name = key
            place = found[key][0][0]
            cemetery = Cemetery(
                cid, name, f"{_KIND.get(place.settlement_kind, 'г.')} {town}", region
            )
            for p, rng, taken in sorted(found[key], key=lambda x: (x[2], x[0].pid), reverse=True):
                number += 1
                cemetery.photos.append(self._photo(rng, number, p, taken, cemetery))
            self.cemeteries.append(cemetery)
        self.by_id = {c.cid: c for c in self.cemeteries}
        self.place_records()

    def groups(self) -> list[Cemetery]:
        return self.cemeteries

    def listed(self, cemetery: Cemetery) -> list[Photo]:
        return cemetery.photos

    def shown_on(self, photo: Photo) -> Shown | None:
        return photo.shown

    def list_url(self, cemetery: Cemetery, n: int) -> str:
        return cemetery.page_url(n)

    def list_entry(self, cemetery: Cemetery, n: int, photos: list[Photo]) -> dict:
        """A page's truth also lists the captions that cannot be read: nothing to count."""
        entry = super().list_entry(cemetery, n, photos)
        unreadable = [" / ".join(x.lines) for x in photos if x.shown is None]
        return {**entry, "unreadable": unreadable} if unreadable else entry

    def _cemetery_name(self, rng: random.Random, p: Person) -> str:
        """A town has one to three cemeteries, the same whoever is buried there."""
        if p.settlement_kind != "город":
            return "Сельское кладбище"
        town = rng_for(self.world, "cemetery", "town", p.region, p.settlement)
        return rng.choice(CITY_CEMETERIES[: 1 + town.randrange(3)])

    def _photo(self, rng: random.Random, number: int, p: Person, taken: date, c: Cemetery) -> Photo:
        if rng.random() < 0.04:  # moss, a broken plaque, a wreath over the letters
            cut = p.given.upper()[: rng.randrange(3, 5)]
            lines = rng.choice(
                [
                    [f"{cut}…", f"{p.birth.year}–{p.death.year}"],
                    [f"…{p.surname[-3:].upper()} {p.given}…", f"…{p.death.year}"],
                ]
            )
            return Photo(number, taken, lines, None)
        bad, birth, death = plant_in_dates(rng, p, 0.03)
        shown = self.shown(p, p.full_name, expect_reject=bad)
        style = rng.choices(["full", "initials", "rank", "sentence"], [45, 25, 15, 15])[0]
        guards = rng.random() < 0.4
        if style == "full":
            lines = [f"{p.surname.upper()} {p.given} {p.patronymic or ''}".strip()]
            lines.append(f"{ru_date(birth, 'dots')} – {ru_date(death, 'dots')}")
            shown.birth_date, shown.death_date = birth.isoformat(), death.isoformat()
        elif style in ("initials", "rank"):
            spaced = rng.random() < 0.5
            surname = p.surname.upper() if style == "rank" or rng.random() < 0.4 else p.surname
            name = f"{surname} {ph.initials(p.given, p.patronymic, spaced)}"
            shown.full_name = f"{p.surname} {ph.initials(p.given, p.patronymic)}"
            if style == "rank":
                name = f"{ph.rank_abbr(rng, p.rank, guards)} {name}"
                shown.rank = p.rank
            lines = [name, f"{birth.year}–{death.year}"]
            shown.birth_date, shown.death_date = str(birth.year), str(death.year)
        else:
            rank = ph.rank_phrase(p.rank, "nomn", guards)
            lines = [f"{rank[0].upper() + rank[1:]} {p.full_name}"]
            lines.append(f"{ru_date(birth, 'dots')} г.р. погиб {ru_date(death, 'dots')}")
            shown.rank = p.rank
            shown.birth_date, shown.death_date = birth.isoformat(), death.isoformat()
        if p.unit and rng.random() < 0.3:
            vch = ph.vch_of(p.unit)
            if vch and rng.random() < 0.5:
                lines.append(f"в/ч {vch}")
                shown.unit = f"в/ч {vch}"
            else:
                lines.append(ph.unit_label(rng, p.unit))
                shown.unit = p.unit
        if rng.random() < 0.3:
            lines.append(rng.choice(["Вечная память", "Герой СВО", "Помним. Любим. Скорбим"]))
        shown.settlement = p.settlement
        shown.region = region_shown(p, True, True)  # the page names the region and the town
        return Photo(number, taken, lines, shown)

    def list_at(self, path: str, query: dict[str, str]) -> tuple[Cemetery, int] | None:
        key = path[len(PREFIX) :].strip("/")
        c = self.by_id.get(int(key)) if key.isdigit() else None
        if c is None:
            return None
        number = query.get("page", "1") or "1"
        return c, int(number) if number.isdigit() else 0

    def list_page(self, c: Cemetery, n: int, pages: int) -> Response:
        photos = "".join(self._photo_html(x) for x in self.page_of(c.photos, n))
        pager = " ".join(
            f'<a href="{c.page_url(k)}">{k}</a>' if k != n else f"<span>{k}</span>"
            for k in range(1, pages + 1)
        )
        region = ph.region_name(c.region)
        body = (
            f'<div class="crumbs"><a href="{PREFIX}">Главная</a> › <a href="{PREFIX}#{c.region}">'
            f"{esc(region)}</a> › {esc(c.town)}</div><h1>{esc(c.name)}, {esc(c.town)}</h1>"
            '<p class="note">Фотографии новых захоронений участников СВО. Подписи переписаны с '
            "надгробий как есть. Если вы узнали родного человека — напишите нам.</p>"
            f'<div class="graves">{photos}</div><div class="pager">{pager}</div>'
        )
        modified = c.photos[0].taken if c.photos else self.world.today
        return self._page(f"{c.name}, {c.town}", body, modified)

    def index_page(self) -> Response:
        rows, last = [], None
        for c in sorted(self.cemeteries, key=lambda x: (ph.region_name(x.region), x.town, x.cid)):
            if c.region != last:
                rows.append(f'<h2 id="{c.region}">{esc(ph.region_name(c.region))}</h2>')
                last = c.region
            rows.append(
                f'<p><a class="cem-link" href="{c.page_url(1)}">{esc(c.name)}, {esc(c.town)}</a>'
                f" ({len(c.photos)} фото)</p>"
            )
        body = "<h1>Новые могилы: фотографии волонтёров</h1>" + "".join(rows)
        return self._page("Новые могилы", body, self.world.today)

    @staticmethod
    def _photo_html(photo: Photo) -> str:
        rest = "<br>".join(esc(x) for x in photo.lines[1:])
        return (
            f'<div class="grave"><a href="{PREFIX}photo/{photo.number}.jpg" target="_blank">'
            f'<img src="{PREFIX}thumb/{photo.number}.jpg" alt="" width="240"></a>'
            f'<div class="grave__name">{esc(photo.lines[0])}</div>'
            f'<div class="grave__text">{rest}</div>'
            f'<div class="grave__meta">Фото: {PHOTOGRAPHERS[photo.number % len(PHOTOGRAPHERS)]}, '
            f"{ru_date(photo.taken, 'dots')}</div></div>"
        )

    def _page(self, title: str, body: str, modified: date) -> Response:
        text = (
            f"<html><head><title>{esc(title)}</title>"
            '<link rel="stylesheet" href="/cemetery/s.css"></head><body>'
            '<div id="top"><a href="/cemetery/">Новые могилы</a> · <a href="/cemetery/#about">'
            'О проекте</a> · <a href="/private/upload/">Загрузить фото</a></div>'
            f'<div id="main">{body}</div><div id="bottom">Проект волонтёров. Фото можно '
            "использовать со ссылкой. <!-- build 2024.03.1 --></div></body></html>"
        )
        return self.respond(text, modified=modified)
