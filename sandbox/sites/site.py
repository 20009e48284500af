"""The one shape of a stand-in site, so that a site module writes only what is its own: the
records it makes, its templates and its phrasing.

A site is served under a prefix (``/news/``) and serves lists, each paginated ``per_page`` items
at a time: one list (a news feed, a wall of memorial cards) or one list per group (a region's
book of memory, a cemetery, a municipality, a social-network wall; then the prefix serves an
index of the groups). Records are shown either on the list pages themselves (cards, table rows,
grave photos, posts: `Site`) or each on an article's own page (`ArticleSite`). `Site.handle`
routes a path to the index, a list page, an item page or a 404, and `truth` and `pages` say
what every page truly shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from sandbox.sites.base import (
    Response,
    Shown,
    count_valid,
    malform,
    not_found,
    page_entry,
    respond,
)
from sandbox.world import Person, World


def page_number(text: str) -> int:
    """A list page number from a query parameter; 0 (answered 404) when it is not a whole
    number, so ``?page=x`` gets a 404 instead of an error."""
    try:
        return int(text)
    except ValueError:
        return 0


class Site:
    """What every stand-in site shares. A subclass sets the class attributes and fills in the
    hooks below (``listed``, ``list_url``, ``list_at``, ``list_page``, and what it has of the
    rest); the ones that raise NotImplementedError are those it must fill in."""

    name: ClassVar[str]  # the site in the truth and in the source configs: "memorial_table"
    kind: ClassVar[str]  # the kind of source: news | memorial | condolence | social | ...
    prefix: ClassVar[str]  # where it is served: "/kniga/"
    per_page: ClassVar[int]
    charset: ClassVar[str] = "utf-8"  # what its pages are encoded in
    declares_charset: ClassVar[bool] = True  # whether the Content-Type header names it
    has_index: ClassVar[bool] = False  # the prefix serves an index of the groups, not a list

    def __init__(self, world: World):
        self.world = world

    # -- the lists: one, or one per group ---------------------------------------------------
    def groups(self) -> Iterable[Any]:
        """The lists the site serves, in page-truth order; one list (None) unless it has groups."""
        return (None,)

    def listed(self, group: Any) -> Sequence[Any]:
        """What a list shows, in order, all its pages together."""
        raise NotImplementedError

    def list_url(self, group: Any, number: int) -> str:
        raise NotImplementedError

    def shown_on(self, item: Any) -> Shown | None:
        """The record a listed item shows on its list page, if any."""
        return None

    def page_count(self, items: Sequence[Any]) -> int:
        return max(1, -(-len(items) // self.per_page))

    def page_numbers(self, items: Sequence[Any]) -> range:
        return range(1, self.page_count(items) + 1)

    def page_of(self, items: Sequence[Any], number: int) -> Sequence[Any]:
        return items[(number - 1) * self.per_page : number * self.per_page]

    def place_records(self) -> None:
        """Point every record shown on a list page at the page it is on (again after a change)."""
        for group in self.groups():
            for i, item in enumerate(self.listed(group)):
                shown = self.shown_on(item)
                if shown:
                    shown.url = self.list_url(group, i // self.per_page + 1)

    # -- the truth ----------------------------------------------------------------------------
    def shown(self, person: Person, full_name: str, **fields: Any) -> Shown:
        """A new record of this site (its url is set once its page is known)."""
        return Shown(pid=person.pid, site=self.name, url="", full_name=full_name, **fields)

    def truth(self) -> list[Shown]:
        """Every record the site shows, in page order."""
        return [
            shown
            for group in self.groups()
            for item in self.listed(group)
            if (shown := self.shown_on(item))
        ]

    def pages(self) -> list[dict]:
        """The page truth: every page a crawler following the source config reaches."""
        out = [page_entry(self.prefix, self.name, "parsed")] if self.has_index else []
        for group in self.groups():
            items = self.listed(group)
            for number in self.page_numbers(items):
                out.append(self.list_entry(group, number, self.page_of(items, number)))
        return out + self.item_entries()

    def list_entry(self, group: Any, number: int, items: Sequence[Any]) -> dict:
        """The page truth of one list page: the records it shows and the planted rejects."""
        good, bad = count_valid([s for s in map(self.shown_on, items) if s])
        return page_entry(self.list_url(group, number), self.name, "parsed", good, rejects=bad)

    def item_entries(self) -> list[dict]:
        """The page truth of the item pages (an article's own page), if the site has them."""
        return []

    # -- serving ------------------------------------------------------------------------------
    def handle(self, path: str, query: dict[str, str]) -> Response:
        """The index, a list page in range, a live item page; else 404."""
        if path == self.prefix and self.has_index:
            return self.index_page()
        listed = self.list_at(path, query)
        if listed is not None:
            group, number = listed
            count = self.page_count(self.listed(group))
            return self.list_page(group, number, count) if 1 <= number <= count else not_found()
        item = self.item_at(path, query)
        return not_found() if item is None else self.item_page(item)

    def index_page(self) -> Response:
        raise NotImplementedError

    def list_at(self, path: str, query: dict[str, str]) -> tuple[Any, int] | None:
        """(group, page number) of a list page, None when the path is not one; a number out of
        range (0 for one that cannot be read) answers 404."""
        raise NotImplementedError

    def list_page(self, group: Any, number: int, count: int) -> Response:
        """Page `number` of `count` of a group's list."""
        raise NotImplementedError

    def item_at(self, path: str, query: dict[str, str]) -> Any | None:
        """The live item a path shows on a page of its own, if any."""
        return None

    def item_page(self, item: Any) -> Response:
        raise NotImplementedError

    def respond(self, text: str, modified: date | None = None) -> Response:
        """A page of this site, in its charset, declared as the site declares it."""
        return respond(text, self.charset, declare=self.declares_charset, modified=modified)


@dataclass
class Article:
    """A story on an article site: about the men in `persons`, showing the records `people`."""

    aid: int
    published: date
    headline: str
    paragraphs: list[str]
    people: list[Shown] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    # ok | broken (the body container renamed) | sloppy (malformed HTML) | dead (the link 404s)
    layout: str = "ok"
    removed: bool = False
    edits: int = 0

    @property
    def url(self) -> str:
        raise NotImplementedError


class ArticleSite(Site):
    """A site of articles: list pages of headlines, newest first, and one page per article that
    shows its records; an article can be removed or edited between crawls."""

    articles: list[Article]
    by_url: dict[str, Article]

    def publish(self, articles: list[Article]) -> None:
        self.articles = sorted(articles, key=lambda a: (a.published, a.aid), reverse=True)
        self.by_url = {a.url: a for a in self.articles}

    def live(self) -> list[Article]:
        return [a for a in self.articles if not a.removed]

    def listed(self, group: None) -> list[Article]:
        return self.live()

    def list_url(self, group: None, number: int) -> str:
        return self.feed_url(number)

    def feed_url(self, number: int) -> str:
        raise NotImplementedError

    def truth(self) -> list[Shown]:
        return [s for a in self.live() if a.layout in ("ok", "sloppy") for s in a.people]

    def list_entry(self, group: None, number: int, items: Sequence[Any]) -> dict:
        return page_entry(self.feed_url(number), self.name, "parsed")

    def item_entries(self) -> list[dict]:
        out = []
        for a in self.live():
            lost = [s.pid for s in a.people]
            if a.layout == "dead":
                out.append(page_entry(a.url, self.name, "failed", 0, reason="404", lost=lost))
            elif a.layout == "broken":
                out.append(page_entry(a.url, self.name, "rejected", 0, reason="layout", lost=lost))
            else:
                good, bad = count_valid(a.people)
                out.append(page_entry(a.url, self.name, "parsed", good, rejects=bad))
        return out

    # -- changes over time --------------------------------------------------------------------
    def find(self, url: str) -> Article:
        """The article a change is made to; KeyError when there is none."""
        return self.by_url[url]

    def remove(self, url: str) -> None:
        self.find(url).removed = True

    # -- serving ------------------------------------------------------------------------------
    def item_at(self, path: str, query: dict[str, str]) -> Article | None:
        article = self.article_at(path, query)
        if article is None or article.removed or article.layout == "dead":
            return None
        return article

    def article_at(self, path: str, query: dict[str, str]) -> Article | None:
        return self.by_url.get(path)

    def item_page(self, article: Article) -> Response:
        text = self.article_html(article)
        if article.layout == "sloppy":
            text = self.malform(text)
        return self.respond(text, modified=article.published)

    def article_html(self, article: Article) -> str:
        raise NotImplementedError

    def malform(self, text: str) -> str:
        """How the site's sloppy pages are broken."""
        return malform(text)
