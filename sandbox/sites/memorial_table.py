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
    count_valid,
    esc,
    not_found,
    page_entry,
    plant,
    planted_dates,
    respond,
    rng_for,
    ru_date,
)
from sandbox.world import Person, World

PREFIX = "/kniga/"
PER_PAGE = 40
CHARSET = "koi8-r"
REGIONS = ("BA", "BU", "TY", "ZAB", "CHE", "SVE", "KEM", "ORE", "KYA", "IRK", "ALT", "VGG",
           "ROS", "STA", "KDA", "PER", "NVS", "OMS", "SA", "AL")  # fmt: skip
_SHORT_KIND = {"город": "г.", "село": "с.", "посёлок": "пос.", "пгт": "пгт", "деревня": "д.",
               "станица": "ст-ца", "аул": "а."}  # fmt: skip


class MemorialTableSite:
    prefix = PREFIX
    kind = "memorial"
    name = "memorial_table"

    def __init__(self, world: World, share: float = 0.5):
        self.world = world
        self.books: dict[str, list[tuple[list[str], Shown]]] = {}
        for p in world.people:
            rng = rng_for(world, "kniga", p.pid)
            if p.region not in REGIONS or rng.random() >= share:
                continue
            if (world.today - p.death).days < rng.randrange(60, 240):
                continue  # books of memory lag months behind
            self.books.setdefault(p.region, []).append(self._row(rng, p))
        for code, rows in self.books.items():
            rows.sort(key=lambda r: (r[1].full_name.lower(), r[1].pid))
            for i, (_, shown) in enumerate(rows):
                shown.url = self.page_url(code, i // PER_PAGE + 1)
        self.codes = sorted(self.books)

    @staticmethod
    def page_url(code: str, n: int) -> str:
        return f"{PREFIX}{code.lower()}/" + ("" if n == 1 else f"?page={n}")

    def _row(self, rng: random.Random, p: Person) -> tuple[list[str], Shown]:
        bad = plant(rng, 0.04)
        birth, death = planted_dates(rng, p, bad)
        name = f"{p.surname.upper() if rng.random() < 0.4 else p.surname} {p.given} {p.patronymic or ''}"
        name = rng.choice(NOT_NAMES[:3]) if bad == "not a name" else name.strip()
        shown = Shown(pid=p.pid, site=self.name, url="", full_name=p.full_name, region=p.region)
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

    def truth(self) -> list[Shown]:
        return [shown for code in self.codes for _, shown in self.books[code]]

    def pages(self) -> list[dict]:
        out = [page_entry(PREFIX, self.name, "parsed")]
        for code in self.codes:
            rows = self.books[code]
            for n in range(1, max(1, -(-len(rows) // PER_PAGE)) + 1):
                good, bad = count_valid([s for _, s in rows[(n - 1) * PER_PAGE : n * PER_PAGE]])
                out.append(
                    page_entry(self.page_url(code, n), self.name, "parsed", good, rejects=bad)
                )
        return out

    def handle(self, path: str, query: dict[str, str]) -> Response:
        if path == PREFIX:
            links = "".join(
                f'<li><a class="book" href="{self.page_url(c, 1)}">Книга памяти '
                f"{esc(ph.inflect_phrase(ph.region_name(c), 'gent'))}</a></li>"
                for c in self.codes
            )
            return self._page("Книги памяти регионов", f"<ul>{links}</ul>", "")
        code = path[len(PREFIX) :].strip("/").upper()
        rows = self.books.get(code)
        number = query.get("page", "1") or "1"
        pages = max(1, -(-len(rows or ()) // PER_PAGE))
        if not rows or not number.isdigit() or not 1 <= int(number) <= pages:
            return not_found()
        n = int(number)
        body_rows = []
        for i, (cells, _) in enumerate(rows[(n - 1) * PER_PAGE : n * PER_PAGE]):
            first = f"<td>{(n - 1) * PER_PAGE + i + 1}</td><td>{cells[0]}</td>"
            body_rows.append(
                f'<tr bgcolor="{"#f4f0e6" if i % 2 else "#ffffff"}">{first}{"".join(cells[1:])}</tr>'
            )
        nav = " | ".join(
            f'<a href="{self.page_url(code, k)}">{k}</a>' if k != n else f"<b>{k}</b>"
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
        return self._page(title, table, title)

    def _page(self, title: str, content: str, heading: str) -> Response:
        text = (
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html><head>'
            f'<meta http-equiv="Content-Type" content="text/html; charset={CHARSET}">'
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
        return respond(text, CHARSET, declare=False, modified=self.world.today)
