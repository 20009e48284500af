"""A regional news site: a paginated list of stories and one article per fallen man, his name
declined through the text, an official's condolences and a "read also" column as distractors,
and stories about other things that mention no dead man at all."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sandbox.grammar import MONTHS_GEN, decline_given
from sandbox.sites import phrases as ph
from sandbox.sites.base import (
    Response,
    Shown,
    esc,
    page,
    published_after,
    region_shown,
    rng_for,
    ru_date,
)
from sandbox.world import Person, World

PREFIX = "/news/"
PER_PAGE = 20
OFFICIALS = (
    "Сергей Иванов",
    "Андрей Смирнов",
    "Ольга Кузнецова",
    "Радий Хабиров",
    "Алексей Цыденов",
    "Владислав Ховалыг",
    "Александр Моор",
    "Евгений Куйвашев",
)
OTHER_STORIES = (
    ("В городе отремонтируют мост через реку", "Работы начнутся весной и продлятся до осени."),
    ("Синоптики обещают снег и гололёд", "В выходные температура опустится до минус 15 градусов."),
    (
        "Школьники победили на олимпиаде по математике",
        "Команда из трёх человек заняла первое место.",
    ),
    ("В парке открыли новую детскую площадку", "Площадку построили по программе благоустройства."),
    ("Фестиваль народной музыки собрал тысячу гостей", "Выступили коллективы из 12 районов."),
)


@dataclass
class Article:
    aid: int
    published: date
    headline: str
    paragraphs: list[str]
    people: list[Shown]

    @property
    def url(self) -> str:
        p = self.published
        return f"{PREFIX}{p.year}/{p.month:02d}/{p.day:02d}/{self.aid}.html"


class NewsSite:
    prefix = PREFIX
    kind = "news"

    def __init__(self, world: World, share: float = 0.65):
        self.world = world
        self.articles: list[Article] = []
        aid = 1000
        for person in world.people:
            rng = rng_for(world, "news", person.pid)
            if rng.random() >= share:
                continue
            published = published_after(rng, person.death, 18, world)
            if published is None:
                continue
            aid += 1
            self.articles.append(self._obituary(rng, aid, person, published))
            if rng.random() < 0.08:
                aid += 1
                title, text = rng.choice(OTHER_STORIES)
                self.articles.append(Article(aid, published, title, [text], []))
        self.articles.sort(key=lambda a: (a.published, a.aid), reverse=True)
        self.by_url = {a.url: a for a in self.articles}

    def truth(self) -> list[Shown]:
        return [s for a in self.articles for s in a.people]

    # -- the obituary ---------------------------------------------------------------------
    def _obituary(self, rng: random.Random, aid: int, p: Person, published: date) -> Article:
        order = rng.choice(["gps", "gps", "gps", "sgp", "gs"])
        has_patr = "p" in order and p.patronymic
        expected = " ".join(
            x for x in (p.surname, p.given, p.patronymic if has_patr else None) if x
        )
        shown = Shown(pid=p.pid, site="news", url="", full_name=expected)
        show_settlement = bool(p.settlement) and rng.random() < 0.85
        show_region = rng.random() < 0.45
        guards = rng.random() < 0.3
        paras: list[str] = []

        # headline
        short = ph.name(p, "nomn", "gs")
        place_gen = ph.from_place(p) if show_settlement else None
        choices = [
            f"В зоне СВО погиб {'житель ' + place_gen + ' ' if place_gen else ''}{short}",
            f"Стало известно о гибели {ph.name(p, 'gent', 'gs')}",
            f"Простились с погибшим в СВО {ph.name(p, 'ablt', 'gs')}",
            f"Память {ph.name(p, 'gent', 'gs')} почтили минутой молчания",
        ]
        if place_gen:
            choices.append(f"Погиб {p.age}-летний боец из {place_gen}")
        headline = rng.choice(choices)
        if "-летний" in headline:
            shown.age = p.age

        # first paragraph: who, and the death
        death_style = rng.choices(
            ["long", "dots", "month", "yearless", "none"], [45, 20, 8, 7, 20]
        )[0]
        if death_style == "yearless" and (published - p.death).days > 300:
            death_style = "long"
        if death_style == "none" and rng.random() < 0.3:
            death_style = "long"
        death_text = {
            "long": ru_date(p.death, "long"),
            "dots": ru_date(p.death, "dots"),
            "month": ru_date(p.death, "month"),
            "yearless": f"{p.death.day} {MONTHS_GEN[p.death.month - 1]}",
            "none": None,
        }[death_style]
        if death_style in ("long", "dots", "yearless"):
            shown.death_date = p.death.isoformat()
        elif death_style == "month":
            shown.death_date = p.death.isoformat()[:7]
        rank_words = ph.rank_phrase(p.rank, "nomn", guards) if rng.random() < 0.5 else None
        who = f"{rank_words + ' ' if rank_words else ''}{ph.name(p, 'nomn', order)}"
        who = who[0].upper() + who[1:]
        where = f", житель {place_gen}," if place_gen and rng.random() < 0.5 else ""
        if death_text:
            opening = rng.choice(
                [
                    f"{who}{where} погиб {death_text} в ходе специальной военной операции.",
                    f"{death_text[0].upper() + death_text[1:]} при выполнении боевой задачи погиб "
                    f"{ph.name(p, 'nomn', order)}.",
                    f"Администрация района с прискорбием сообщает: {death_text} в зоне СВО погиб "
                    f"{ph.name(p, 'nomn', order)}.",
                ]
            )
        else:
            opening = rng.choice(
                [
                    f"В ходе специальной военной операции погиб {ph.name(p, 'nomn', order)}.",
                    f"Стало известно о гибели {ph.name(p, 'gent', order)} в зоне СВО.",
                ]
            )
        if where and where not in opening:
            where = ""
        if rank_words and rank_words[0].upper() + rank_words[1:] in opening:
            shown.rank = p.rank
        paras.append(opening)

        # biography
        bio = []
        birth_style = rng.choices(["long", "year", "gr", "none"], [30, 15, 10, 45])[0]
        if birth_style == "long":
            born_in = f" в {ph.in_place(p)}" if show_settlement and rng.random() < 0.5 else ""
            bio.append(f"{p.given} родился {ru_date(p.birth, 'long')}{born_in}.")
            shown.birth_date = p.birth.isoformat()
        elif birth_style == "year":
            bio.append(f"Он родился в {p.birth.year} году.")
            shown.birth_date = str(p.birth.year)
        elif birth_style == "gr":
            bio.append(f"{p.given} — {p.birth.year} года рождения.")
            shown.birth_date = str(p.birth.year)
        if (
            show_settlement
            and not where
            and place_gen not in headline
            and "родился" not in " ".join(bio)
        ):
            bio.append(
                rng.choice([f"Он был родом из {place_gen}.", f"Мужчина жил в {ph.in_place(p)}."])
            )
        if show_region:
            bio.append(f"Семья живёт в {ph.inflect_phrase(ph.region_name(p.region), 'loct')}.")
        if rng.random() < 0.6:
            bio.append(ph.age_sentence(rng, p))
            shown.age = p.age
        if bio:
            paras.append(" ".join(bio))

        # service
        service = []
        if rng.random() < 0.5:
            service.append(ph.category_sentence(rng, p))
            shown.category = p.category
        if p.unit and rng.random() < 0.45:
            service.append(f"Служил в составе {ph.unit_phrase(rng, p.unit)}.")
            shown.unit = p.unit
        if service:
            paras.append(" ".join(service))

        # funeral
        if rng.random() < 0.45 and p.funeral <= published + timedelta(days=10):
            when = ru_date(p.funeral, rng.choice(["long", "dots"]))
            paras.append(
                rng.choice(
                    [
                        f"Прощание с {decline_given(p.given, 'ablt')} состоится {when} в доме культуры.",
                        f"Похоронили бойца {when} на местном кладбище.",
                        f"Церемония прощания прошла {when}.",
                    ]
                )
            )
            shown.funeral_date = p.funeral.isoformat()

        # distractors: a living official, relatives
        if rng.random() < 0.4:
            official = rng.choice(OFFICIALS)
            paras.append(
                rng.choice(
                    [
                        f"Глава района {official} выразил соболезнования родным и близким погибшего.",
                        f"«Он был настоящим героем», — рассказал командир роты {official}.",
                    ]
                )
            )
        if rng.random() < 0.3:
            kids = rng.choice(["двое детей", "сын", "дочь", "трое детей"])
            paras.append(
                f"У {decline_given(p.given, 'gent')} остались жена и {kids}. "
                f"Мать бойца, {p.mother}, рассказала, что он мечтал вернуться домой."
            )
        paras.append("Редакция выражает соболезнования родным и близким.")

        # what the finished page really shows decides the truth, not what was meant to be shown
        page_text = headline + " " + " ".join(paras)
        settlement_on_page = bool(place_gen) and (
            place_gen in page_text or ph.in_place(p) in page_text
        )
        if settlement_on_page:
            shown.settlement = p.settlement
        written = place_gen if place_gen and place_gen in page_text else ph.in_place(p)
        shown.region = region_shown(p, settlement_on_page, show_region, written)
        article = Article(aid, published, headline, paras, [shown])
        shown.url = article.url
        return article

    # -- serving --------------------------------------------------------------------------
    def handle(self, path: str, query: dict[str, str]) -> Response:
        if path == PREFIX:
            return self._list(int(query.get("page", "1") or 1))
        article = self.by_url.get(path)
        if article:
            return Response(200, self._article_html(article).encode("utf-8"))
        return Response(404, b"<h1>404</h1>")

    def _list(self, number: int) -> Response:
        pages = max(1, -(-len(self.articles) // PER_PAGE))
        if not 1 <= number <= pages:
            return Response(404, b"<h1>404</h1>")
        chunk = self.articles[(number - 1) * PER_PAGE : number * PER_PAGE]
        items = "".join(
            f'<li class="news-list__item"><span class="date">{a.published.strftime("%d.%m.%Y")}</span> '
            f'<a class="news-list__link" href="{a.url}">{esc(a.headline)}</a></li>'
            for a in chunk
        )
        nav = ""
        if number > 1:
            nav += f'<a class="prev" href="{PREFIX}?page={number - 1}">← Назад</a> '
        if number < pages:
            nav += f'<a class="next" rel="next" href="{PREFIX}?page={number + 1}">Вперёд →</a>'
        body = (
            '<header class="site-header"><a href="/news/">Вести района</a></header>'
            f'<main><h1>Новости</h1><ul class="news-list">{items}</ul>'
            f'<nav class="pagination">{nav}</nav></main>'
        )
        return Response(200, page("Новости — Вести района", body).encode("utf-8"))

    def _article_html(self, a: Article) -> str:
        p = a.published
        when = f"{p.day} {MONTHS_GEN[p.month - 1]} {p.year}"
        paras = "".join(f"<p>{esc(x)}</p>" for x in a.paragraphs)
        related = [x for x in self.articles[:6] if x is not a][:4]
        aside = "".join(f'<li><a href="{x.url}">{esc(x.headline)}</a></li>' for x in related)
        body = (
            '<header class="site-header"><a href="/news/">Вести района</a>'
            '<nav><a href="/news/">Новости</a> <a href="/news/?page=2">Архив</a></nav></header>'
            f'<main><article class="article"><h1 class="article__title">{esc(a.headline)}</h1>'
            f'<div class="article__meta"><time datetime="{p.isoformat()}T10:00:00+03:00">{when}</time>'
            f'<span class="article__views">{(a.aid * 37) % 900 + 100}</span></div>'
            f'<div class="article__body">{paras}</div></article>'
            f'<aside class="read-also"><h2>Читайте также</h2><ul>{aside}</ul></aside></main>'
            "<footer>© Вести района. 12+</footer>"
        )
        return page(a.headline, body)
