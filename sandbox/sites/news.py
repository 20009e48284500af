"""A regional news site: a paginated list of stories and one article per fallen man (about one in
ten reports two men), his name declined through the text, regions said the way people say them
(«в Башкирии», «из Кузбасса»), districts and villages, ranks in any case, an official's
condolences and a "read also" column as distractors, stories about other things that mention
no dead man at all, a few pages of sloppy HTML and one in a hundred with a redesigned layout
that the configured selectors no longer match."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sandbox.grammar import MONTHS_GEN, decline_given
from sandbox.sites import phrases as ph
from sandbox.sites.base import (
    COOKIE_BANNERS,
    Response,
    counter_script,
    esc,
    page,
    plant_in_dates,
    published_after,
    region_shown,
    rng_for,
    ru_date,
    said,
    share_buttons,
)
from sandbox.sites.site import Article, ArticleSite, page_number
from sandbox.world import Person, World

PREFIX = "/news/"
OFFICIALS = ("Сергей Иванов", "Андрей Смирнов", "Ольга Кузнецова", "Радий Хабиров",
             "Алексей Цыденов", "Владислав Ховалыг", "Александр Моор", "Евгений Куйвашев")  # fmt: skip
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
class NewsArticle(Article):
    @property
    def url(self) -> str:
        p = self.published
        return f"{PREFIX}{p.year}/{p.month:02d}/{p.day:02d}/{self.aid}.html"


class NewsSite(ArticleSite):
    prefix = PREFIX
    kind = "news"
    name = "news"
    per_page = 20

    def __init__(self, world: World, share: float = 0.65):
        super().__init__(world)
        articles: list[Article] = []
        chosen = []
        for person in world.people:
            rng = rng_for(world, "news", person.pid)
            if rng.random() >= share:
                continue
            published = published_after(rng, person.death, 18, world)
            if published is not None:
                chosen.append((person, rng, published))
        chosen.sort(key=lambda c: (c[0].death, c[0].pid))  # a story of two men who died together
        aid, i = 1000, 0
        while i < len(chosen):
            person, rng, published = chosen[i]
            group = [person]
            if i + 1 < len(chosen) and rng.random() < 0.1:  # one story about two men
                group.append(chosen[i + 1][0])
                published = max(published, chosen[i + 1][2])
                i += 1
            i += 1
            aid += 1
            article = self._obituary(rng, aid, group, published)
            roll = rng.random()
            article.layout = "broken" if roll < 0.01 else "sloppy" if roll < 0.03 else "ok"
            articles.append(article)
            if rng.random() < 0.08:
                aid += 1
                title, text = rng.choice(OTHER_STORIES)
                articles.append(NewsArticle(aid, published, title, [text], []))
        self.publish(articles)

    def edit(self, url: str) -> None:
        """The editors rewrite the story (a corrected date, more detail): a new text, a new truth."""
        old = self.find(url)
        old.edits += 1
        if not old.persons:
            old.paragraphs = [*old.paragraphs, "Материал дополнен."]
            return
        rng = rng_for(self.world, "news", "edit", old.aid, old.edits)
        new = self._obituary(rng, old.aid, old.persons, old.published)
        old.headline, old.paragraphs, old.people = new.headline, new.paragraphs, new.people
        old.paragraphs.append(f"Материал обновлён {ru_date(self.world.today, 'dots')}.")

    # -- the obituary ---------------------------------------------------------------------
    def _obituary(self, rng: random.Random, aid: int, group: list[Person], published) -> Article:
        blocks = [self._man(rng, p, published, single=len(group) == 1) for p in group]
        if len(group) == 1:
            headline = blocks[0][2]
        else:
            a, b = group
            headline = rng.choice(
                [
                    "Стало известно о гибели ещё двух земляков",
                    f"Простились с {ph.name(a, 'ablt', 'gs')} и {ph.name(b, 'ablt', 'gs')}",
                    f"В зоне СВО погибли {ph.name(a, 'nomn', 'gs')} и {ph.name(b, 'nomn', 'gs')}",
                ]
            )
        paras = [x for paras, _, _ in blocks for x in paras]
        paras += self._distractors(rng, group[0])
        article = NewsArticle(
            aid, published, headline, paras, [s for _, s, _ in blocks], list(group)
        )
        for shown in article.people:
            shown.url = article.url
        return article

    def _man(self, rng: random.Random, p: Person, published: date, single: bool):
        """One man's paragraphs, his truth (decided from the finished text) and a headline."""
        order = rng.choice(["gps", "gps", "gps", "sgp", "gs"])
        has_patr = "p" in order and p.patronymic
        expected = " ".join(
            x for x in (p.surname, p.given, p.patronymic if has_patr else None) if x
        )
        shown = self.shown(p, expected)
        show_settlement = bool(p.settlement) and rng.random() < 0.85
        home, district_named, district_region = (
            ph.home_phrase(rng, p) if p.settlement else ("", 0, 0)
        )
        place_gen = home if show_settlement else None
        guards = rng.random() < 0.3
        said_region = ph.region_said(rng, p.region, "loct") if rng.random() < 0.45 else None
        rank_gen = ph.rank_phrase(p.rank, "gent", guards)
        choices = [
            f"В зоне СВО погиб {'житель ' + place_gen + ' ' if place_gen else ''}{ph.name(p, 'nomn', 'gs')}",
            f"Стало известно о гибели {ph.name(p, 'gent', 'gs')}",
            f"Стало известно о гибели {rank_gen} {ph.name(p, 'gent', 'gs')}",
            f"Простились с погибшим в СВО {ph.name(p, 'ablt', 'gs')}",
            f"Память {ph.name(p, 'gent', 'gs')} почтили минутой молчания",
            f"В {ph.region_said(rng, p.region, 'loct', 0.8)} простились с {ph.name(p, 'ablt', 'gs')}",
        ]
        if place_gen:
            choices.append(f"Погиб {p.age}-летний боец из {place_gen}")
        headline = rng.choice(choices) if single else ""
        if "-летний" in headline:
            shown.age = p.age
        paras: list[str] = []

        bad, birth, death = plant_in_dates(rng, p, 0.03)
        shown.expect_reject = bad
        death_style = rng.choices(
            ["long", "dots", "month", "yearless", "none"], [45, 20, 8, 7, 20]
        )[0]
        if bad:  # a typo in the year: the page says so plainly, and a careful reader refuses it
            death_style = "long"
        if death_style == "yearless" and (published - death).days > 300:
            death_style = "long"
        if death_style == "none" and rng.random() < 0.3:
            death_style = "long"
        death_text = {
            "long": ru_date(death, "long"),
            "dots": ru_date(death, "dots"),
            "month": ru_date(death, "month"),
            "yearless": ru_date(death, "daymonth"),
            "none": None,
        }[death_style]
        if death_style in ("long", "dots", "yearless"):
            shown.death_date = death.isoformat()
        elif death_style == "month":
            shown.death_date = death.isoformat()[:7]
        rank_words = ph.rank_phrase(p.rank, "nomn", guards) if rng.random() < 0.5 else None
        who = f"{rank_words + ' ' if rank_words else ''}{ph.name(p, 'nomn', order)}"
        who = who[0].upper() + who[1:]
        origin = rng.choice(["житель", "уроженец"])
        where = f", {origin} {place_gen}," if place_gen and rng.random() < 0.5 else ""
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
                    f"Стало известно о гибели {rank_gen} {ph.name(p, 'gent', order)}.",
                ]
            )
        if where and where not in opening:
            where = ""
        if (rank_words and who in opening) or rank_gen in opening or rank_gen in headline:
            shown.rank = p.rank
        paras.append(opening)

        bio = []
        birth_style = rng.choices(["long", "year", "gr", "none"], [30, 15, 10, 45])[0]
        birth_style = "long" if bad == "death before birth" else birth_style
        born_in = ""
        if birth_style == "long":
            born_in = f" в {ph.in_place(p)}" if show_settlement and rng.random() < 0.5 else ""
            bio.append(f"{p.given} родился {ru_date(birth, 'long')}{born_in}.")
            shown.birth_date = birth.isoformat()
        elif birth_style == "year":
            bio.append(f"Он родился в {p.birth.year} году.")
            shown.birth_date = str(p.birth.year)
        elif birth_style == "gr":
            bio.append(f"{p.given} — {p.birth.year} года рождения.")
            shown.birth_date = str(p.birth.year)
        if show_settlement and not where and place_gen not in headline and not born_in:
            bio.append(
                rng.choice(
                    [f"Он был родом из {place_gen}.", f"Мужчина жил в {ph.in_place(p)}."]
                    + [f"Боец — уроженец {place_gen}."]
                )
            )
        if said_region:
            bio.append(
                rng.choice([f"Семья живёт в {said_region}.", f"Его семья — в {said_region}."])
            )
        if rng.random() < 0.6:
            bio.append(ph.age_sentence(rng, p))
            shown.age = p.age
        if bio:
            paras.append(" ".join(bio))

        service = []
        if rng.random() < 0.5:
            service.append(ph.category_sentence(rng, p))
            shown.category = p.category
        if p.unit and rng.random() < 0.45:
            service.append(f"Служил в составе {ph.unit_phrase(rng, p.unit)}.")
            shown.unit = p.unit
        if service:
            paras.append(" ".join(service))

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

        # what the finished text really shows decides the truth, not what was meant to be shown
        text = headline + " " + " ".join(paras)
        settlement_on_page = bool(place_gen) and said(
            text, place_gen, ph.in_place(p), ph.from_place(p)
        )
        if settlement_on_page:
            shown.settlement = p.settlement
        region_named = bool(said_region and said(text, said_region)) or (
            "простились с" in headline and headline.startswith("В ")
        )
        district_named = settlement_on_page and district_named and said(text, home)
        written = place_gen if place_gen and said(text, place_gen) else ph.in_place(p)
        shown.region = region_shown(
            p, settlement_on_page, region_named or (district_named and district_region), written
        )
        return paras, shown, headline

    def _distractors(self, rng: random.Random, p: Person) -> list[str]:
        paras = []
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
        return paras

    # -- serving --------------------------------------------------------------------------
    def feed_url(self, number: int) -> str:
        return PREFIX if number == 1 else f"{PREFIX}?page={number}"

    def list_at(self, path: str, query: dict[str, str]) -> tuple[None, int] | None:
        return (None, page_number(query.get("page", "1") or "1")) if path == PREFIX else None

    def list_page(self, group: None, number: int, count: int) -> Response:
        chunk = self.page_of(self.live(), number)
        items = "".join(
            f'<li class="news-list__item"><span class="date">{a.published.strftime("%d.%m.%Y")}</span> '
            f'<a class="news-list__link" href="{a.url}">{esc(a.headline)}</a></li>'
            for a in chunk
        )
        if number % 5 == 2:  # a preview for editors (robots.txt forbids it) and a partner's story
            items += (
                '<li class="news-list__item news-list__item--promo"><a class="news-list__link" '
                f'href="/private{PREFIX}preview/{number}.html">Черновик: материал готовится</a></li>'
                '<li class="news-list__item news-list__item--partner"><a class="news-list__link" '
                f'href="http://example.org{PREFIX}partner-{number}.html">Новости партнёров</a></li>'
            )
        nav = ""
        if number > 1:
            nav += f'<a class="prev" href="{self.feed_url(number - 1)}">← Назад</a> '
        if number < count:
            nav += f'<a class="next" rel="next" href="{PREFIX}?page={number + 1}">Вперёд →</a>'
        body = (
            f'{_HEADER}<main><h1>Новости</h1><ul class="news-list">{items}</ul>'
            f'<nav class="pagination">{nav}</nav></main>{_FOOTER}'
        )
        modified = chunk[0].published if chunk else self.world.today
        return self.respond(page("Новости — Вести района", body), modified=modified)

    def article_html(self, a: Article) -> str:
        p = a.published
        when = f"{p.day} {MONTHS_GEN[p.month - 1]} {p.year}"
        paras = "".join(f"<p>{esc(x)}</p>" for x in a.paragraphs)
        related = [x for x in self.live()[:7] if x is not a][:4]
        aside = "".join(f'<li><a href="{x.url}">{esc(x.headline)}</a></li>' for x in related)
        body_class = "article__content" if a.layout == "broken" else "article__body"
        body = (
            f'{_HEADER}<main><article class="article"><h1 class="article__title">{esc(a.headline)}</h1>'
            f'<div class="article__meta"><time datetime="{p.isoformat()}T10:00:00+03:00">{when}</time>'
            f'<span class="article__views">{(a.aid * 37) % 900 + 100}</span></div>'
            f'<div class="{body_class}">{paras}</div>{share_buttons(a.url)}</article>'
            f'<aside class="read-also"><h2>Читайте также</h2><ul>{aside}</ul></aside></main>'
            f"{_FOOTER}"
        )
        return page(a.headline, body, head=counter_script(45210000 + a.aid % 7))


_HEADER = (
    '<header class="site-header"><a class="logo" href="/news/">Вести района</a>'
    '<nav class="menu"><a href="/news/">Новости</a> <a href="/news/?page=2">Архив</a> '
    '<a href="/news/?page=3">Общество</a> <a href="http://example.org/">Погода</a></nav></header>'
)
_FOOTER = (
    "<footer><p>© Вести района, 2015–2026. Сетевое издание. 12+</p>"
    "<p>Перепечатка материалов только с согласия редакции.</p></footer>" + COOKIE_BANNERS[0]
)
