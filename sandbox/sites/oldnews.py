"""An older regional news portal of Siberia and the Far East: table layout of the 2000s,
`news.php?id=` articles, lists paged by offset (`?start=20`), paragraphs split by <br><br>,
windows-1251 declared nowhere. Stories often cover several men at once («В Бурятии простились
с тремя земляками…», one paragraph each) and give the funeral date rather than the death date.
Some list links are dead (the story was taken down: 404), one story in a hundred has a
redesigned body cell, and a few pages are sloppy HTML."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sandbox.grammar import decline_given
from sandbox.sites import phrases as ph
from sandbox.sites.base import (
    Response,
    Shown,
    esc,
    plant_in_dates,
    region_shown,
    rng_for,
    ru_date,
    said,
)
from sandbox.sites.site import Article, ArticleSite
from sandbox.world import Person, World

PREFIX = "/oldnews/"
PER_PAGE = 20
REGIONS = ("BU", "ZAB", "IRK", "TY", "KYA", "AL", "KK", "KHA", "AMU", "PRI", "SA", "YEV", "KAM",
           "SAK", "KEM", "NVS", "OMS", "TOM", "ALT", "MAG", "CHU")  # fmt: skip
COUNT_ABLT = {2: "двумя", 3: "тремя", 4: "четырьмя"}


@dataclass
class Story(Article):
    """A story; `aid` is its id in `news.php?id=`, and a dead one was taken down (404)."""

    @property
    def url(self) -> str:
        return f"{PREFIX}news.php?id={self.aid}"


class OldNewsSite(ArticleSite):
    prefix = PREFIX
    kind = "news"
    name = "oldnews"
    per_page = PER_PAGE
    charset = "windows-1251"
    declares_charset = False

    def __init__(self, world: World, share: float = 0.55):
        super().__init__(world)
        by_region: dict[str, list[Person]] = {}
        for p in world.people:
            rng = rng_for(world, "oldnews", p.pid)
            if rng.random() < (share if p.region in REGIONS else 0.04):
                by_region.setdefault(p.region, []).append(p)
        stories: list[Article] = []
        sid = 20000
        for region in sorted(by_region):
            men = sorted(by_region[region], key=lambda p: (p.funeral, p.pid))
            rng = rng_for(world, "oldnews", "region", region)
            i = 0
            while i < len(men):
                size = 1 if rng.random() < 0.55 else rng.choice([2, 2, 3, 4])
                group = [men[i]]
                while len(group) < size and i + len(group) < len(men):
                    nxt = men[i + len(group)]
                    if (nxt.funeral - group[0].funeral).days > 12:
                        break
                    group.append(nxt)
                i += len(group)
                published = max(p.funeral for p in group) + timedelta(days=rng.randrange(0, 4))
                if published > world.today:
                    continue
                sid += rng.randrange(1, 30)
                story = self._story(rng_for(world, "oldnews", "story", sid), sid, group, published)
                roll = rng.random()
                story.layout = (
                    "dead"
                    if roll < 0.015
                    else "broken"
                    if roll < 0.025
                    else "sloppy"
                    if roll < 0.05
                    else "ok"
                )
                stories.append(story)
        self.publish(stories)

    # -- writing ----------------------------------------------------------------------------
    def _story(self, rng: random.Random, sid: int, group: list[Person], published: date) -> Story:
        region = group[0].region
        said_region = ph.region_said(rng, region, "loct", 0.6)
        if len(group) > 1:
            n = len(group)
            headline = rng.choice(
                [
                    f"В {said_region} простились с {COUNT_ABLT[n]} земляками, погибшими в ходе СВО",
                    f"В {said_region} похоронили {n} участников спецоперации",
                ]
            )
            lead = [f"На этой неделе в {said_region} проводили в последний путь {n} бойцов."]
        else:
            p = group[0]
            headline = rng.choice(
                [
                    f"Прощание с {ph.name(p, 'ablt', 'gs')}",
                    f"Земляки проводили в последний путь {ph.name(p, 'accs', 'gs')}",
                    f"В {said_region} похоронили участника СВО",
                ]
            )
            lead = []
        blocks = [self._paragraph(rng, p, published) for p in group]
        paras = lead + [text for text, _ in blocks]
        paras.append("Редакция выражает соболезнования родным и близким погибших.")
        region_named = said(headline, said_region)
        people = []
        for p, (text, shown) in zip(group, blocks, strict=True):
            place = ph.from_place(p) if p.settlement else None
            on_page = bool(place) and said(text, place, ph.in_place(p))
            shown.settlement = p.settlement if on_page else None
            shown.region = region_shown(p, on_page, region_named, place)
            people.append(shown)
        story = Story(sid, published, headline, paras, people, list(group))
        for shown in people:
            shown.url = story.url
        return story

    def _paragraph(self, rng: random.Random, p: Person, published: date) -> tuple[str, Shown]:
        order = rng.choice(["gps", "sgp", "gs", "gs"])
        patr = "p" in order and bool(p.patronymic)
        full = " ".join(x for x in (p.surname, p.given, p.patronymic if patr else None) if x)
        bad, birth, death = plant_in_dates(rng, p, 0.03)
        shown = self.shown(p, full, expect_reject=bad)
        rank = ph.rank_phrase(p.rank, "nomn", rng.random() < 0.3) if rng.random() < 0.5 else ""
        who = f"{rank} {ph.name(p, 'nomn', order)}".strip()
        who = who[0].upper() + who[1:]
        bits = []
        if bad == "death before birth":
            bits.append(f"{who} родился {ru_date(birth, 'long')}.")
            shown.birth_date = birth.isoformat()
        elif p.settlement and rng.random() < 0.7:
            born = rng.choice(["year", "none"])
            year = f" в {p.birth.year} году" if born == "year" else ""
            bits.append(f"{who} родился{year} в {ph.in_place(p)}.")
            shown.birth_date = str(p.birth.year) if born == "year" else None
        else:
            bits.append(f"{who} — {p.birth.year} года рождения.")
            shown.birth_date = str(p.birth.year)
        if rank:
            shown.rank = p.rank
        if rng.random() < 0.5:
            bits.append(ph.category_sentence(rng, p))
            shown.category = p.category
        if bad or rng.random() < 0.35:
            style = "long" if bad else rng.choice(["long", "daymonth"])
            bits.append(f"Погиб {ru_date(death, style)}.")
            shown.death_date = death.isoformat()
        elif rng.random() < 0.3:
            bits.append(f"Погиб {ru_date(p.death, 'month')}.")
            shown.death_date = p.death.isoformat()[:7]
        style = "daymonth" if p.funeral.year == published.year else "long"
        bits.append(
            rng.choice(
                [
                    f"Похороны состоялись {ru_date(p.funeral, style)}.",
                    f"Прощание с {decline_given(p.given, 'ablt')} прошло {ru_date(p.funeral, style)}.",
                    f"{ru_date(p.funeral, style)[0].upper()}{ru_date(p.funeral, style)[1:]} его похоронили "
                    "на местном кладбище.",
                ]
            )
        )
        shown.funeral_date = p.funeral.isoformat()
        if rng.random() < 0.3:
            bits.append(ph.age_sentence(rng, p))
            shown.age = p.age
        return " ".join(bits), shown

    # -- changes over time ------------------------------------------------------------------
    def find(self, url: str) -> Article:
        """A live story: one taken down or removed cannot be changed."""
        story = self.by_url.get(url)
        if story is None or story.removed or story.layout == "dead":
            raise KeyError(url)
        return story

    def edit(self, url: str) -> None:
        s = self.find(url)
        s.edits += 1
        new = self._story(
            rng_for(self.world, "oldnews", "edit", s.aid, s.edits), s.aid, s.persons, s.published
        )
        s.headline, s.paragraphs, s.people = (
            new.headline,
            [*new.paragraphs, "(Дополнено)"],
            new.people,
        )

    # -- serving ----------------------------------------------------------------------------
    def feed_url(self, number: int) -> str:
        return PREFIX if number == 1 else f"{PREFIX}?start={(number - 1) * PER_PAGE}"

    def list_at(self, path: str, query: dict[str, str]) -> tuple[None, int] | None:
        """Lists are paged by offset: `?start=20` is page 2, and an offset between pages is 404."""
        if path not in (PREFIX, PREFIX + "index.php"):
            return None
        start = query.get("start", "0") or "0"
        if not start.isdigit() or int(start) % PER_PAGE:
            return None, 0
        return None, int(start) // PER_PAGE + 1

    def article_at(self, path: str, query: dict[str, str]) -> Article | None:
        """A story at `news.php?id=` or, the same page, at `print.php?id=`."""
        if path not in (PREFIX + "news.php", PREFIX + "print.php"):
            return None
        return self.by_url.get(f"{PREFIX}news.php?id={query.get('id', '')}")

    def malform(self, text: str) -> str:
        return re.sub(r"</td>|</font>", "", text, count=6).replace("</body></html>", "")

    def list_page(self, group: None, number: int, count: int) -> Response:
        live = self.live()
        start = (number - 1) * PER_PAGE
        rows = "".join(
            f'<tr><td class="date" width="70">{s.published.strftime("%d.%m.%Y")}</td><td>'
            f'<a class="zag" href="news.php?id={s.aid}">{esc(s.headline)}</a></td></tr>'
            for s in live[start : start + PER_PAGE]
        )
        nav = ""
        if start:
            nav += f'<a href="{self.feed_url(start // PER_PAGE)}">&lt;&lt; Назад</a> '
        if start + PER_PAGE < len(live):
            nav += f'<a class="next" href="?start={start + PER_PAGE}">Далее &gt;&gt;</a>'
        content = f'<table class="newslist" width="100%">{rows}</table><p class="nav">{nav}</p>'
        modified = live[start].published if live else self.world.today
        return self.respond(self._frame("Новости", content), modified=modified)

    def article_html(self, s: Article) -> str:
        body_class = "newstext" if s.layout == "broken" else "news_text"
        text = "<br><br>".join(esc(x) for x in s.paragraphs)
        content = (
            f'<table width="100%"><tr><td class="zag"><b>{esc(s.headline)}</b></td></tr>'
            f'<tr><td><span class="date">{s.published.strftime("%d.%m.%Y")}</span></td></tr>'
            f'<tr><td class="{body_class}"><font face="Verdana" size="2">{text}</font></td></tr>'
            f'<tr><td class="tools"><a href="print.php?id={s.aid}">Версия для печати</a> | '
            f'<a href="/private/oldnews/edit.php?id={s.aid}">Редактировать</a></td></tr></table>'
            f'<div class="also"><b>Читайте также:</b><br>{self._also(s)}</div>'
        )
        return self._frame(s.headline, content)

    def _also(self, story: Article) -> str:
        live = [x for x in self.live() if x is not story and x.layout != "dead"]
        start = story.aid % max(1, len(live) - 3)
        return "<br>".join(
            f'<a href="news.php?id={x.aid}">{esc(x.headline)}</a>' for x in live[start : start + 3]
        )

    @staticmethod
    def _frame(title: str, content: str) -> str:
        return (
            f"<html><head><title>{esc(title)} :: Байкальский вестник</title></head>"
            '<body bgcolor="#E8E8E8" topmargin="0"><table width="760" align="center" cellpadding="0" '
            'cellspacing="0" bgcolor="#FFFFFF"><tr><td colspan="2"><img src="/oldnews/img/logo.gif" '
            'width="760" height="90" alt="Байкальский вестник"></td></tr><tr>'
            '<td width="160" valign="top" class="left"><a href="/oldnews/">Новости</a><br>'
            '<a href="/oldnews/?start=0">Архив</a><br><a href="http://example.org/forum/">Форум</a><br>'
            '<a href="/oldnews/">Погода</a></td>'
            f'<td valign="top" class="main">{content}</td></tr><tr><td colspan="2" class="copy">'
            "&copy; 2003-2026 Байкальский вестник. Все права защищены. <!-- Rating@Mail.ru counter -->"
            '<a href="http://example.org/top/"><img src="/oldnews/img/top.gif" width="88" height="31">'
            "</a><!-- //Rating@Mail.ru counter --></td></tr></table></body></html>"
        )
