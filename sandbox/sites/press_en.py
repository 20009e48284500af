"""English-language press: articles about the dead, often several men at once («Among the dead
were Aldar Bairov, a 22-year-old conscript from Buryatia, and …»), names transliterated in
the article's own system (BGN, passport, the press's spelling, or from Ukrainian: Aleksandr /
Alexander / Oleksandr), dates in English, ages as «34-year-old», and living officials,
analysts and reporters named beside the dead. WordPress-like markup, UTF-8."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from lexicon.names import given_name
from lexicon.ranks import ranks
from lexicon.translit import to_latin, to_latin_ukrainian
from lexicon.units import known_units
from sandbox.grammar import MONTHS_EN
from sandbox.sites import phrases as ph
from sandbox.sites.base import Response, Shown, esc, page, rng_for, ru_date, said
from sandbox.sites.site import Article, ArticleSite
from sandbox.world import Person, World

PREFIX = "/en/"
SYSTEMS = ("bgn", "simple", "simple", "passport", "ukrainian")
REPORTERS = ("Anna Reynolds", "Tom Whitfield", "Sarah Kaplan", "Daniel Brooks", "Mia Lindqvist")
CATEGORY_EN = {
    "volunteer": ("a volunteer", "had volunteered to fight in {y}"),
    "mobilized": ("a mobilised soldier", "was mobilised in the autumn of 2022"),
    "prisoner": ("a former inmate", "was recruited from a penal colony into a Storm-Z unit"),
    "regular": ("a career soldier", "had served in the army since {e}"),
    "conscript": ("a conscript", "was doing his compulsory military service"),
    "pmc": ("a Wagner mercenary", "had fought with the Wagner group"),
    "rosgvardia": ("a National Guard officer", "served in the National Guard (Rosgvardia)"),
    "fsb": ("an FSB border guard", "served with the FSB border service"),
}
_UK = str.maketrans({"и": "і", "ы": "и", "э": "е", "ё": "ьо", "ъ": "’"})


def latin_name(given: str, surname: str, system: str) -> tuple[str, str]:
    """(given, surname) in Latin as an outlet writing in `system` spells them."""
    if system != "ukrainian":
        return to_latin(given, system), to_latin(surname, system)
    row = given_name(given)
    uk_given = row.ukrainian if row and row.ukrainian else given.lower().translate(_UK).capitalize()
    uk_surname = surname.lower().translate(_UK).capitalize()
    return to_latin_ukrainian(uk_given), to_latin_ukrainian(uk_surname)


@dataclass
class PressArticle(Article):
    author: str = "Anna Reynolds"

    @property
    def url(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.headline.lower()).strip("-")[:60].strip("-")
        p = self.published
        return f"{PREFIX}news/{p.year}/{p.month:02d}/{p.day:02d}/{slug}-{self.aid}/"


class PressEnSite(ArticleSite):
    prefix = PREFIX
    kind = "press"
    name = "press_en"
    per_page = 15

    def __init__(self, world: World, share: float = 0.1):
        super().__init__(world)
        chosen = [p for p in world.people if rng_for(world, "press", p.pid).random() < share]
        chosen.sort(key=lambda p: (p.death, p.pid))
        articles: list[Article] = []
        rng = rng_for(world, "press", "articles")
        i, aid = 0, 300
        while i < len(chosen):
            size = rng.choices([1, 2, 3, 4], [40, 25, 20, 15])[0]
            group, i = chosen[i : i + size], i + size
            published = max(p.death for p in group) + timedelta(
                days=int(rng.lognormvariate(3, 0.7))
            )
            if published > world.today:
                continue
            aid += 1
            article = self._article(rng_for(world, "press", "article", aid), aid, group, published)
            roll = rng.random()
            article.layout = "broken" if roll < 0.01 else "sloppy" if roll < 0.03 else "ok"
            articles.append(article)
        self.publish(articles)

    # -- writing ----------------------------------------------------------------------------
    def _article(
        self, rng: random.Random, aid: int, group: list[Person], published: date
    ) -> Article:
        system = rng.choice(SYSTEMS)
        names = {p.pid: latin_name(p.given, p.surname, system) for p in group}
        region = ph.region_en(group[0].region)
        if len(group) == 1:
            g, s = names[group[0].pid]
            headline = rng.choice([f"The short life of {g} {s}", f"A mother buries her son in {region}",
                                   "Another coffin comes home to a Russian town"])  # fmt: skip
        else:
            headline = rng.choice([f"{len(group)} more men from Russia's regions confirmed dead",
                                   "Who were the men killed in Ukraine this month?",
                                   "Russia's regions keep burying their dead"])  # fmt: skip
        paras = [rng.choice([
            "Russia does not publish its losses. Mediazona and the BBC Russian service, working "
            "with volunteers, have confirmed the names of more than 100,000 soldiers killed since "
            "February 2022 from obituaries, social media posts and photographs of graves.",
            "Regional officials rarely comment on the deaths. The Kremlin spokesman has said the "
            "Defence Ministry alone is entitled to publish figures.",
        ])]  # fmt: skip
        texts = {p.pid: self._about(rng, p, names[p.pid]) for p in group}
        own = dict(texts)  # what the article says of each man
        if len(group) > 1 and rng.random() < 0.6:
            bits = [self._brief(p, names[p.pid]) for p in group]
            paras.append("Among the dead were " + ", ".join(bits[:-1]) + f", and {bits[-1]}.")
            for p, bit in zip(group, bits, strict=True):
                own[p.pid] += " " + bit
        paras += list(texts.values())
        analyst_s, analyst_g, _ = ph.living_man(rng)
        a_g, a_s = latin_name(analyst_g, analyst_s, "simple")
        paras.append(
            f"“Every one of these names was checked against at least two sources,” said {a_g} "
            f"{a_s}, a researcher who tracks Russian losses. “The real toll is much higher.”"
        )
        people = [self._truth(p, names[p.pid], own[p.pid]) for p in group]
        article = PressArticle(
            aid, published, headline, paras, people, list(group), author=rng.choice(REPORTERS)
        )
        for shown in article.people:
            shown.url = article.url
        return article

    def _place(self, p: Person) -> str:
        region = ph.region_en(p.region)
        republic = "Республика" in ph.region_name(p.region)
        where = region if republic else f"the {region} region"
        row = ph._settlement_row(p.settlement, p.region) if p.settlement else None
        return f"{row['name_en']} in {where}" if row and row.get("name_en") else where

    def _brief(self, p: Person, name: tuple[str, str]) -> str:
        what = CATEGORY_EN[p.category][0].split(" ", 1)[1]
        return f"{name[0]} {name[1]}, a {p.age}-year-old {what} from {self._place(p)}"

    def _about(self, rng: random.Random, p: Person, name: tuple[str, str]) -> str:
        g, s = name
        when = ru_date(p.death, rng.choice(["en", "en_uk"]))
        rank = _rank_en(p.rank).title()
        unit = _unit_en(p.unit)
        relative = rng.choice(["sister", "mother", "widow", "brother", "cousin"])
        options = [
            f"{g} {s}, {p.age}, from {self._place(p)}, was killed on {when}, his {relative} said.",
            f"{rank} {g} {s} died on {when}, according to a post by the local administration.",
            f"{g} {s} was killed in {MONTHS_EN[p.death.month - 1]} {p.death.year}. He was {p.age}.",
        ]
        if unit:
            options.append(f"{rank} {g} {s} of the {unit} was killed on {when}.")
        text = rng.choice(options)
        cat = _cat_sentence(p)
        if rng.random() < 0.5:
            text += f" {g} {cat}."
        if rng.random() < 0.3 and p.funeral <= self.world.today:
            text += f" He was buried on {ru_date(p.funeral, 'en')}."
        return text

    def _truth(self, p: Person, name: tuple[str, str], own: str) -> Shown:
        """The truth of one man from what the article says of him."""
        g, s = name
        shown = self.shown(p, f"{s} {g}")
        for style in ("en", "en_uk"):
            if said(
                own, f"killed on {ru_date(p.death, style)}", f"died on {ru_date(p.death, style)}"
            ):
                shown.death_date = p.death.isoformat()
        if said(own, f"killed in {MONTHS_EN[p.death.month - 1]} {p.death.year}"):
            shown.death_date = p.death.isoformat()[:7]
        if said(own, f"buried on {ru_date(p.funeral, 'en')}"):
            shown.funeral_date = p.funeral.isoformat()
        if said(own, f"{g} {s}, {p.age}", f"{g} {s}, a {p.age}-year-old", f"He was {p.age}"):
            shown.age = p.age
        if said(own, f"{_rank_en(p.rank).title()} {g} {s}"):
            shown.rank = p.rank
        if _unit_en(p.unit) and said(own, f"{g} {s} of the {_unit_en(p.unit)}"):
            shown.unit = p.unit
        what = CATEGORY_EN[p.category][0].split(" ", 1)[1]
        if said(own, f"{g} {_cat_sentence(p)}", f"a {p.age}-year-old {what}"):
            shown.category = p.category
        place = self._place(p)
        if said(own, f"{g} {s}, {p.age}, from {place}", f"{what} from {place}"):
            shown.settlement = p.settlement if " in " in place else None
            shown.region = p.region
        return shown

    # -- changes over time ------------------------------------------------------------------
    def edit(self, url: str) -> None:
        a = self.find(url)
        a.edits += 1
        new = self._article(
            rng_for(self.world, "press", "edit", a.aid, a.edits), a.aid, a.persons, a.published
        )
        a.paragraphs = [*new.paragraphs, "This article has been updated with more names."]
        a.people = new.people
        for shown in a.people:
            shown.url = a.url

    # -- serving ----------------------------------------------------------------------------
    def feed_url(self, number: int) -> str:
        return PREFIX if number == 1 else f"{PREFIX}page/{number}/"

    def list_at(self, path: str, query: dict[str, str]) -> tuple[None, int] | None:
        m = re.fullmatch(rf"{PREFIX}(?:page/(\d+)/)?", path)
        return (None, int(m.group(1) or 1)) if m else None

    def list_page(self, group: None, n: int, count: int) -> Response:
        live = self.live()
        posts = "".join(
            f'<article class="post-summary"><h2 class="entry-title"><a href="{a.url}">{esc(a.headline)}'
            f'</a></h2><time datetime="{a.published.isoformat()}">{ru_date(a.published, "en")}</time>'
            f"<p>{esc(a.paragraphs[0][:140])}…</p></article>"
            for a in self.page_of(live, n)
        )
        older = (
            f'<a class="next page-numbers" href="{self.feed_url(n + 1)}">Older posts</a>'
            if n < count
            else ""
        )
        body = f'{_HEADER}<main><h1>Russia at war</h1>{posts}<nav class="pagination">{older}</nav></main>{_FOOTER}'
        return self.respond(
            page("Russia at war — The Monitor", body, lang="en"),
            modified=live[0].published if live else None,
        )

    def article_html(self, a: Article) -> str:
        paras = "".join(f"<p>{esc(x)}</p>" for x in a.paragraphs)
        content = "post-body" if a.layout == "broken" else "entry-content"
        related = "".join(
            f'<li><a href="{x.url}">{esc(x.headline)}</a></li>'
            for x in self.live()[:5]
            if x is not a
        )
        body = (
            f'{_HEADER}<main><article class="post"><header><h1 class="entry-title">{esc(a.headline)}</h1>'
            f'<div class="byline">By <span class="author">{esc(a.author)}</span> · <time class="published" '
            f'datetime="{a.published.isoformat()}T09:00:00+00:00">{ru_date(a.published, "en")}</time></div>'
            f'</header><div class="{content}">{paras}</div>'
            '<div class="newsletter">Sign up for our weekly briefing on Russia. <input type="email"></div>'
            f'<aside class="related-posts"><h3>Related</h3><ul>{related}</ul></aside></article></main>{_FOOTER}'
        )
        return page(a.headline, body, lang="en")


def _cat_sentence(p: Person) -> str:
    return CATEGORY_EN[p.category][1].format(y=max(2022, p.death.year - 1), e=p.death.year - 6)


def _rank_en(rank: str) -> str:
    row = ranks().get(rank)
    return row.rank_en if row else "private"


def _unit_en(unit: str | None) -> str | None:
    known = known_units().get(unit or "")
    return known.en if known and known.en else None


_HEADER = (
    '<header class="site-header"><a class="site-title" href="/en/">The Monitor</a><nav>'
    '<a href="/en/">Russia at war</a> <a href="http://example.org/subscribe">Subscribe</a></nav></header>'
)
_FOOTER = (
    '<footer class="site-footer">© 2026 The Monitor. All rights reserved.</footer>'
    '<div id="gdpr-consent">We use cookies to personalise content. <button>Accept all</button></div>'
)
