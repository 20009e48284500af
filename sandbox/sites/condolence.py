"""Official condolences of municipal administrations: a portal of district and town sites, each
with a paginated news list showing every post in full (Bitrix-style «?PAGEN_1=2»), official
style («Администрация муниципального района … с глубоким прискорбием сообщает …»), the name in
any case and order, often in capitals, the funeral announced without a year, the head of the
district signing with his own name, and announcements that name no dead man at all. Served in
windows-1251 declared only in the HTTP header."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from lexicon.translit import to_latin
from sandbox.sites import phrases as ph
from sandbox.sites.base import (
    COOKIE_BANNERS,
    Response,
    Shown,
    counter_script,
    esc,
    page,
    plant_in_dates,
    region_shown,
    rng_for,
    ru_date,
    said,
)
from sandbox.sites.site import Site, page_number
from sandbox.world import Person, World

PREFIX = "/condolences/"
TITLES = (
    "Соболезнование",
    "Скорбим",
    "Вечная память герою",
    "Прощание с земляком",
    "Скорбная весть",
)
NOTICES = (
    ("О проведении публичных слушаний", "Публичные слушания по проекту бюджета состоятся {d} в "
     "актовом зале администрации. Глава администрации {head} приглашает жителей принять участие."),
    ("Сбор гуманитарной помощи участникам СВО", "Продолжается сбор тёплых вещей и продуктов для "
     "наших земляков — участников специальной военной операции. Пункт приёма — здание администрации."),
    ("Поздравление с Днём работника сельского хозяйства", "Уважаемые труженики села! {head} "
     "поздравляет вас с профессиональным праздником и желает крепкого здоровья."),
    ("Итоги конкурса «Лучшее подворье»", "Победителем конкурса стала семья Кузнецовых из села "
     "Михайловка. Награды вручил глава района {head}."),
    ("График приёма граждан", "Глава администрации {head} ведёт приём граждан по вторникам с 10:00 "
     "до 12:00. Запись по телефону 8 (34770) 2-14-56."),
)  # fmt: skip


@dataclass
class Post:
    pid: int
    published: date
    title: str
    paragraphs: list[str]
    shown: Shown | None = None
    person: Person | None = None
    removed: bool = False
    edits: int = 0


@dataclass
class Muni:
    slug: str
    title: str  # «Администрация муниципального района Бижбулякский район Республики Башкортостан»
    region: str
    head: tuple[str, str, str]
    posts: list[Post] = field(default_factory=list)

    def live(self) -> list[Post]:
        return [p for p in self.posts if not p.removed]

    def page_url(self, n: int) -> str:
        return f"{PREFIX}{self.slug}/" + ("" if n == 1 else f"?PAGEN_1={n}")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", to_latin(text, "bgn").lower()).strip("-")


class CondolenceSite(Site):
    prefix = PREFIX
    kind = "condolence"
    name = "condolence"
    per_page = 5
    charset = "windows-1251"  # declared in the HTTP header only
    has_index = True

    def __init__(self, world: World, share: float = 0.3):
        super().__init__(world)
        self.munis: dict[str, Muni] = {}
        post_id = 5000
        for p in world.people:
            rng = rng_for(world, "condolence", p.pid)
            if rng.random() >= share or not p.settlement:
                continue
            published = p.funeral - timedelta(days=rng.randrange(0, 5))
            if rng.random() < 0.25:
                published = p.funeral + timedelta(days=rng.randrange(1, 4))
            published = max(published, p.death + timedelta(days=3))
            if published > world.today:
                continue
            muni = self._muni_of(p)  # only now: a municipality with no post is not listed
            post_id += 1
            muni.posts.append(self._post(rng, post_id, p, muni, published))
            if rng.random() < 0.5:
                post_id += 1
                title, text = rng.choice(NOTICES)
                head = f"{muni.head[0]} {muni.head[1]} {muni.head[2]}"
                when = ru_date(published + timedelta(days=rng.randrange(5, 20)), "long")
                notice = text.format(d=when, head=head)
                muni.posts.append(Post(post_id, published - timedelta(days=1), title, [notice]))
        for muni in self.munis.values():
            muni.posts.sort(key=lambda x: (x.published, x.pid), reverse=True)
        self.order = sorted(self.munis.values(), key=lambda m: (m.region, m.slug))
        self.place_records()

    def groups(self) -> list[Muni]:
        return self.order

    def listed(self, muni: Muni) -> list[Post]:
        return muni.live()

    def shown_on(self, post: Post) -> Shown | None:
        return post.shown

    def list_url(self, muni: Muni, n: int) -> str:
        return muni.page_url(n)

    def _muni_of(self, p: Person) -> Muni:
        district = ph.district_of(p)
        region_gen = ph.inflect_phrase(ph.region_name(p.region), "gent")
        if district:
            title = f"Администрация муниципального района {district['name']} {region_gen}"
            key = f"{p.region.lower()}-{_slug(district['name'])}"
        elif p.settlement_kind == "город":
            title = f"Администрация городского округа город {p.settlement} {region_gen}"
            key = f"{p.region.lower()}-{_slug(p.settlement)}"
        else:
            title = f"Администрация сельского поселения {p.settlement} {region_gen}"
            key = f"{p.region.lower()}-sp-{_slug(p.settlement)}"
        if key not in self.munis:
            group = "tatar_bashkir" if p.region in ("BA", "TA") else "slavic"
            head = ph.living_man(rng_for(self.world, "condolence", "head", key), group)
            self.munis[key] = Muni(key, title, p.region, head)
        return self.munis[key]

    # -- one post ---------------------------------------------------------------------------
    def _post(self, rng: random.Random, post_id: int, p: Person, muni: Muni, published) -> Post:
        has_patr = bool(p.patronymic)
        bad, birth_d, death_d = plant_in_dates(rng, p, 0.03)
        shown = self.shown(p, p.full_name, expect_reject=bad)
        caps = rng.random() < 0.35
        order = "sgp" if rng.random() < 0.75 else "gps"

        def nm(case: str) -> str:
            text = ph.name(p, case, order)
            if caps:
                surname = ph.name(p, case, "s")
                text = text.replace(surname, surname.upper(), 1)
            return text

        rank = ph.rank_phrase(p.rank, "nomn", rng.random() < 0.3) if rng.random() < 0.6 else ""
        birth = "dots" if bad == "death before birth" else rng.choice(["dots", "year", "none"])
        born = {"dots": f", {ru_date(birth_d, 'dots')} г.р.", "year": f", {birth_d.year} г.р."}
        home = f"{ph.from_place(p)}" if rng.random() < 0.6 else ""
        death = rng.choice(["long", "dots"] if bad else ["long", "dots", "none", "none"])
        died = "" if death == "none" else f" {ru_date(death_d, death)}"
        openers = ["admin", "admin", "genitive", "plain"]
        openers += ["farewell"] if published > p.funeral else []
        opener = "admin" if bad else rng.choice(openers)
        if p.settlement_kind == "город":
            venue = "в городском Доме культуры"
        else:
            venue = rng.choice(
                [f"в {ph.in_place(p)}", f"в ДК {ph.from_place(p)}", f"в клубе {ph.from_place(p)}"]
            )
        if opener == "farewell":
            rank = ph.rank_phrase(p.rank, "ablt", False) if rank else ""
            when = ru_date(p.funeral, "long")
            text = (
                f"{when[0].upper()}{when[1:]} {venue} простились с погибшим в ходе специальной "
                f"военной операции {rank + ' ' if rank else ''}{nm('ablt')}{born.get(birth, '')}"
            )
            text += "" if text.endswith(".") else "."
            shown.funeral_date = p.funeral.isoformat()
            died = ""
        elif opener == "admin":
            who = f"{rank + ' ' if rank else ''}{nm('nomn')}{born.get(birth, '')}"
            text = (
                f"{muni.title} с глубоким прискорбием сообщает, что{died} в ходе специальной "
                f"военной операции погиб наш земляк, {who}"
                + (f", уроженец {home}." if home else "" if who.endswith(".") else ".")
            )
        elif opener == "genitive":
            rank_g = ph.rank_phrase(p.rank, "gent", False) + " " if rank else ""
            text = (
                f"{muni.title} выражает глубокие соболезнования родным и близким {rank_g}"
                f"{nm('gent')}, погибшего{died} при исполнении воинского долга в зоне СВО."
            )
            birth = "none"
            if rank:
                rank = ph.rank_phrase(p.rank, "gent", False)
        else:
            place = f"житель {home} " if home else ""
            start = f"{died.strip()} в" if died else "В"
            text = f"{start} ходе специальной военной операции погиб {place}{nm('nomn')}."
            rank, birth = "", "none"
        paras = [text]
        bio = []
        if birth == "none" and rng.random() < 0.4:
            bio.append(
                f"{p.given} {p.patronymic or ''} родился {ru_date(birth_d, 'long')}.".replace(
                    "  ", " "
                )
            )
            birth = "long"
        if rng.random() < 0.5:
            bio.append(ph.category_sentence(rng, p))
            shown.category = p.category
        if p.unit and rng.random() < 0.4:
            phrase, shown.unit = ph.unit_written(rng, p.unit, 0.5)
            bio.append(f"Проходил службу в составе {phrase}.")
        if rng.random() < 0.3:
            bio.append(ph.age_sentence(rng, p))
            shown.age = p.age
        if bio:
            paras.append(" ".join(bio))
        if opener != "farewell" and rng.random() < 0.75:
            when = ru_date(p.funeral, rng.choice(["daymonth", "daymonth", "long"]))
            hour = rng.choice(["10:00", "11:00", "12:00", "13:00"])
            if published <= p.funeral:
                paras.append(f"Прощание состоится {when} в {hour} {venue}.")
            else:
                paras.append(f"Прощание с {ph.name(p, 'ablt', 'gp')} состоялось {when} {venue}.")
            shown.funeral_date = p.funeral.isoformat()
        paras.append("Выражаем искренние соболезнования родным и близким. Светлая память герою!")
        surname, given, patr = muni.head
        sign = rng.choice([f"{given[0]}.{patr[0]}. {surname}", f"{surname} {given} {patr}"])
        paras.append(f"Глава администрации {sign}")

        # the truth, from the finished text
        title = rng.choice(TITLES)
        full = title + " " + " ".join(paras)
        shown.full_name = " ".join(
            x for x in (p.surname, p.given, p.patronymic if has_patr else None) if x
        )
        if died:
            shown.death_date = death_d.isoformat()
        if birth == "dots" or birth == "long":
            shown.birth_date = birth_d.isoformat()
        elif birth == "year":
            shown.birth_date = str(birth_d.year)
        if rank and rank in full:
            shown.rank = p.rank
        forms = (ph.from_place(p), ph.in_place(p), f"город {p.settlement}")
        on_page = said(full, *forms)
        shown.settlement = p.settlement if on_page else None
        named = said(full, ph.inflect_phrase(ph.region_name(p.region), "gent"))
        shown.region = region_shown(p, on_page, named, ph.from_place(p))
        return Post(post_id, published, title, paras, shown, p)

    # -- changes over time ----------------------------------------------------------------------
    def _find(self, url: str) -> tuple[Muni, Post]:
        m = re.fullmatch(rf"{PREFIX}([a-z0-9-]+)/(\d+)/", url)
        muni = self.munis.get(m.group(1)) if m else None
        for post in muni.posts if muni else ():
            if str(post.pid) == m.group(2) and not post.removed:
                return muni, post
        raise KeyError(url)

    def remove(self, url: str) -> None:
        self._find(url)[1].removed = True
        self.place_records()

    def edit(self, url: str) -> None:
        muni, post = self._find(url)
        post.edits += 1
        if post.person is None:
            post.paragraphs = [*post.paragraphs, "(Информация уточнена.)"]
            return
        rng = rng_for(self.world, "condolence", "edit", post.pid, post.edits)
        new = self._post(rng, post.pid, post.person, muni, post.published)
        post.title, post.paragraphs, post.shown = new.title, new.paragraphs, new.shown
        self.place_records()

    # -- serving --------------------------------------------------------------------------------
    def list_at(self, path: str, query: dict[str, str]) -> tuple[Muni, int] | None:
        m = re.fullmatch(rf"{PREFIX}([a-z0-9-]+)/(?:(\d+)/)?", path)
        muni = self.munis.get(m.group(1)) if m else None
        if muni is None or m.group(2):
            return None
        return muni, page_number(query.get("PAGEN_1", "1") or "1")

    def list_page(self, muni: Muni, number: int, pages: int) -> Response:
        return self._render(muni, self.page_of(muni.live(), number), number, pages)

    def item_at(self, path: str, query: dict[str, str]) -> tuple[Muni, Post] | None:
        """A post on a page of its own: `/condolences/<muni>/<post id>/`."""
        try:
            return self._find(path)
        except KeyError:
            return None

    def item_page(self, found: tuple[Muni, Post]) -> Response:
        muni, post = found
        return self._render(muni, [post], 1, 1, detail=True)

    def index_page(self) -> Response:
        rows, last = [], None
        for muni in self.order:
            if muni.region != last:
                rows.append(f"<h3>{esc(ph.region_name(muni.region))}</h3>")
                last = muni.region
            rows.append(
                f'<p><a class="muni-link" href="{muni.page_url(1)}">{esc(muni.title)}</a></p>'
            )
        body = (
            '<div class="header"><img src="/condolences/img/gerb.png" alt="Герб"> Портал органов '
            'местного самоуправления</div><div class="content"><h1>Муниципальные образования</h1>'
            f'{"".join(rows)}</div><div class="footer">© Портал МСУ <a href="/private/login/">'
            "Вход для редакторов</a></div>"
        )
        return self.respond(page("Муниципальные образования", body, charset=""))

    def _render(
        self, muni: Muni, posts: list[Post], number: int, pages: int, detail=False
    ) -> Response:
        items = []
        for post in posts:
            paras = "".join(f"<p>{esc(x)}</p>" for x in post.paragraphs)
            items.append(
                f'<div class="news-item" id="bx_{post.pid}">'
                f'<span class="news-date-time">{post.published.strftime("%d.%m.%Y")}</span>'
                f'<h3 class="news-item__title"><a href="{PREFIX}{muni.slug}/{post.pid}/">{esc(post.title)}</a></h3>'
                f'<div class="news-item__text">{paras}</div>'
                f'<div class="news-item__views">Просмотров: {post.pid * 7 % 600 + 40}</div></div>'
            )
        nav = "".join(
            f'<a href="{muni.page_url(n)}">{n}</a>' if n != number else f"<b>{n}</b>"
            for n in range(1, pages + 1)
        )
        if number < pages:
            nav += f'<a class="modern-page-next" href="{muni.page_url(number + 1)}">След.</a>'
        surname, given, patr = muni.head
        body = (
            '<div class="bvi-panel"><a href="#">Версия для слабовидящих</a></div>'
            f'<div class="header"><img src="{PREFIX}img/gerb.png" alt="Герб"><span class="site-name">'
            f"{esc(muni.title)}</span></div>"
            '<ul class="top-menu"><li><a href="#">Главная</a></li><li><a href="#">Администрация</a>'
            '</li><li><a href="#">Документы</a></li><li><a href="#">Обращения граждан</a></li>'
            f'<li><a href="{PREFIX}">Все поселения</a></li></ul>'
            '<div class="breadcrumbs"><a href="#">Главная</a> / Новости</div>'
            '<div class="content"><h1>Новости</h1><div class="news-list">'
            f'{"".join(items)}</div><div class="modern-page-navigation">{"" if detail else nav}</div></div>'
            f'<div class="sidebar"><div class="head-block"><b>Глава администрации</b><br>{esc(surname)} '
            f'{esc(given)} {esc(patr)}</div><div id="pos-widget"><script src="https://pos.gosuslugi.ru/bin/script.min.js"></script>'
            "</div></div>"
            f'<div class="footer">© {esc(muni.title)}. Телефон приёмной: 8 (34770) 2-10-05.'
            f"</div>{counter_script(60000000 + len(muni.slug))}{COOKIE_BANNERS[1]}"
        )
        modified = posts[0].published if posts else self.world.today
        return self.respond(page(f"Новости — {muni.title}", body, charset=""), modified=modified)
