"""Books of memory of regions as HTML tables: ФИО | Дата рождения | Дата гибели | Воинское
звание | Место рождения / призыва | Воинская часть, alphabetical and paginated; years of life
now and then in one merged cell («1990–2024»), ranks shortened («гв. ряд.», «мл. с-т»),
«Дата гибели уточняется», missing birth dates, and about one row in forty bad on purpose (an
address in the name cell, a death in 2027, in 2019, before birth). koi8-r declared only in a
meta tag; the region is named once, in the page heading."""

from __future__ import annotations

import random

from sandbox.sites import phrases as ph
from sandbox.sites.base import (
    NOT_NAMES,
    Response,
    Shown,
    esc,
    plant,
    planted_dates,
    rng_for,
    ru_date,
)
from sandbox.sites.site import Site
from sandbox.world import Person, World

PREFIX = "/kniga/"
REGIONS = ("BA", "BU", "TY", "ZAB", "CHE", "SVE", "KEM", "ORE", "KYA", "IRK", "ALT", "VGG",
           "ROS", "STA", "KDA", "PER", "NVS", "OMS", "SA", "AL")  # fmt: skip
_SHORT_KIND = {"город": "г.", "село": "с.", "посёлок": "пос.", "пгт": "пгт", "деревня": "д.",
               "станица": "ст-ца", "аул": "а."}  # fmt: skip


class MemorialTableSite(Site):
    prefix = PREFIX
    kind = "memorial"
    name = "memorial_table"
    per_page = 40
    charset = "koi8-r"
    declares_charset = False  # in a meta tag only
    has_index = True

    def __init__(self, world: World, share: float = 0.5):
        super().__init__(world)
        self.books: dict[str, list[tuple[list[str], Shown]]] = {}
        for p in world.people:
            rng = rng_for(world, "kniga", p.pid)
            if p.region not in REGIONS or rng.random() >= share:
                continue
            if (world.today - p.death).days < rng.randrange(60, 240):
                continue  # books of memory lag months behind
            self.books.setdefault(p.region, []).append(self._row(rng, p))
        for rows in self.books.values():
            rows.sort(key=lambda r: (r[1].full_name.lower(), r[1].pid))
        self.codes = sorted(self.books)
        self.place_records()

    def groups(self) -> list[str]:
        return self.codes

    def listed(self, code: str) -> list[tuple[list[str], Shown]]:
        return self.books[code]

    def shown_on(self, row: tuple[list[str], Shown]) -> Shown:
        return row[1]

    def list_url(self, code: str, n: int) -> str:
        return f"{PREFIX}{code.lower()}/" + ("" if n == 1 else f"?page={n}")

    def _row(self, rng: random.Random, p: Person) -> tuple[list[str], Shown]:
        bad = plant(rng, 0.04)
        birth, death = planted_dates(rng, p, bad)
        name = f"{p.surname.upper() if rng.random() < 0.4 else p.surname} {p.given} {p.patronymic or ''}"
        name = rng.choice(NOT_NAMES[:3]) if bad == "not a name" else name.strip()
        shown = self.shown(p, p.full_name, region=p.region)
        if bad:
            shown.full_name, shown.expect_reject = (
                (name if bad == "not a name" else p.full_name),
                bad,
            )
        cells = [esc(name)]
        style = rng.choices(["dots", "years", "nobirth", "unknown"], [60, 15, 15, 10])[0]
        if bad:
            style = "dots"
        if style == "years":
            cells.append(f'<td colspan="2" align="center">{birth.year}–{death.year}</td>')
            shown.birth_date, shown.death_date = str(birth.year), str(death.year)
        else:
            born = "" if style == "nobirth" else ru_date(birth, "dots")
            died = "Дата гибели уточняется" if style == "unknown" else ru_date(death, "dots")
            cells += [f"<td>{born or '&nbsp;'}</td>", f"<td>{died}</td>"]
            shown.birth_date = birth.isoformat() if born else None
            shown.death_date = None if style == "unknown" else death.isoformat()
        rank = ""
        if rng.random() < 0.85:
            guards = rng.random() < 0.3
            rank = ph.rank_abbr(rng, p.rank, guards) if rng.random() < 0.6 else p.rank
            shown.rank = p.rank
        cells.append(f"<td>{esc(rank) or '&nbsp;'}</td>")
        place = ""
        if p.settlement and rng.random() < 0.8:
            where = f"{_SHORT_KIND.get(p.settlement_kind, 'г.')} {p.settlement}"
            district = ph.district_of(p)
            if district and rng.random() < 0.5:
                where += ", " + district["name"].replace(" район", " р-н")
            if rng.random() < 0.3:
                where += rng.choice([" / ", "; призван "]) + rng.choice(
                    [
                        "военным комиссариатом района",
                        "военкоматом города",
                        "пунктом отбора на контракт",
                    ]
                )
            place = where
            shown.settlement = p.settlement
        cells.append(f"<td>{esc(place) or '&nbsp;'}</td>")
        unit = ""
        if p.unit and rng.random() < 0.6:
            unit = ph.unit_label(rng, p.unit)
            known = ph.vch_of(p.unit)
            if known and rng.random() < 0.6:
                unit, shown.unit = f"в/ч {known}", f"в/ч {known}"
            else:
                shown.unit = p.unit
        cells.append(f"<td>{esc(unit) or '&nbsp;'}</td>")
        return cells, shown

    def index_page(self) -> Response:
        links = "".join(
            f'<li><a class="book" href="{self.list_url(c, 1)}">Книга памяти '
            f"{esc(ph.inflect_phrase(ph.region_name(c), 'gent'))}</a></li>"
            for c in self.codes
        )
        return self._page("Книги памяти регионов", f"<ul>{links}</ul>")

    def list_at(self, path: str, query: dict[str, str]) -> tuple[str, int] | None:
        code = path[len(PREFIX) :].strip("/").upper()
        if code not in self.books:
            return None
        number = query.get("page", "1") or "1"
        return code, int(number) if number.isdigit() else 0

    def list_page(self, code: str, n: int, pages: int) -> Response:
        body_rows = []
        for i, (cells, _) in enumerate(self.page_of(self.books[code], n)):
            first = f"<td>{(n - 1) * self.per_page + i + 1}</td><td>{cells[0]}</td>"
            body_rows.append(
                f'<tr bgcolor="{"#f4f0e6" if i % 2 else "#ffffff"}">{first}{"".join(cells[1:])}</tr>'
            )
        nav = " | ".join(
            f'<a href="{self.list_url(code, k)}">{k}</a>' if k != n else f"<b>{k}</b>"
            for k in range(1, pages + 1)
        )
        title = f"Книга памяти {ph.inflect_phrase(ph.region_name(code), 'gent')}"
        table = (
            f'<h1>{esc(title)}</h1><p class="intro">Список военнослужащих — уроженцев и жителей '
            "региона, погибших в ходе специальной военной операции. Сведения уточняются.</p>"
            '<table class="kniga" border="1" cellpadding="3" cellspacing="0" width="100%">'
            "<tr><th>№ п/п</th><th>ФИО</th><th>Дата рождения</th><th>Дата гибели</th>"
            "<th>Воинское звание</th><th>Место рождения / призыва</th><th>Воинская часть</th></tr>"
            f'{"".join(body_rows)}</table><p class="pages">Страницы: {nav}</p>'
        )
        return self._page(title, table)

    def _page(self, title: str, content: str) -> Response:
        text = (
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html><head>'
            f'<meta http-equiv="Content-Type" content="text/html; charset={self.charset}">'
            f"<title>{esc(title)}</title>"
            '<link rel="stylesheet" href="/kniga/style.css"></head><body bgcolor="#ffffff">'
            '<table width="100%" cellpadding="0" cellspacing="0"><tr><td class="top">'
            '<img src="/kniga/img/top.jpg" alt="Книга памяти" width="760" height="120"></td></tr>'
            '<tr><td class="menu"><a href="/kniga/">Главная</a> | <a href="/kniga/">Книги памяти</a>'
            ' | <a href="/private/kniga/admin.php">Администрирование</a> | '
            '<a href="http://example.org/guestbook">Гостевая книга</a></td></tr>'
            f'<tr><td class="content">{content}</td></tr>'
            '<tr><td class="bottom">© ГБУ «Центр патриотического воспитания», 2023–2026. '
            "При использовании материалов ссылка обязательна.<br><!--LiveInternet counter-->"
            '<script>document.write("<img src=\'//counter.yadro.ru/hit?r"+escape(document.referrer)'
            '+"\' width=1 height=1>")</script><!--/LiveInternet--></td></tr></table></body></html>'
        )
        return self.respond(text, modified=self.world.today)
