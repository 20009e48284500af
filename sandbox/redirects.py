"""Where a hostile stand-in site redirects, and which pages that leaves unreachable.

Real sites move pages about: an old address answers 301 to the new one (a crawler follows it
and reads the page), and now and then a misconfigured server sends a page round in a circle,
down an endless chain, or off to another host (the page cannot be read at all). The plan says,
for every URL that redirects, what it answers; which pages are `moved` (readable behind a
redirect); and which are `failing`, with the reason the page truth gives.

Which page gets which redirect is drawn from (seed, URL) (`sandbox.faults.draw`), among the pages
whose loss cuts nothing else off: an article's own page, or, on a site without those, the last
page of a list (not a start page). A permanent redirect goes, where it can, to a page all of
whose men are also reported on a page still readable, so the men reported stay the same; where
it cannot (one loop per site is guaranteed: on the memorial wall, whose one list has one last
page, it often cannot), the page losing the fewest men is taken and the truth says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from urllib.parse import parse_qsl

from sandbox import faults as fl
from sandbox.sites.base import Response, esc, not_found, page_entry
from sandbox.sites.site import Site

# Why a page behind a permanent redirect cannot be read, as the page truth says it.
REASONS = {
    "loop": "redirect loop",
    "chain": "too many redirects",
    "offsite": "redirect off the site",
}
CHAIN_LENGTH = 50  # hops before the chain ends in a 404: more than any crawler follows
OFFSITE_HOST = "elsewhere.invalid"  # a name that never resolves (RFC 2606)


def with_query(target: str, **extra: str) -> str:
    """The URL (path and query) with more query parameters, spelled as the server logs it."""
    path, _, query = target.partition("?")
    return fl.target_of(path, {**dict(parse_qsl(query)), **extra})


def redirect(status: int, location: str) -> Response:
    """A redirect to `location` with the short body servers send along."""
    body = f'<html><body><a href="{esc(location)}">Moved</a></body></html>'.encode()
    return Response(status, body, headers=(("Location", location),), charset="utf-8")


class RedirectPlan:
    """What every redirecting URL answers (`answers`), what every alias serves (`aliases`),
    the pages readable behind a redirect (`moved`) and the unreachable ones (`failing`)."""

    def __init__(self, seed: int, sites: Sequence[Site]):
        self.seed = seed
        self.answers: dict[str, Response] = {}
        self.aliases: dict[str, str] = {}  # alias -> the page it serves
        self.moved: dict[str, str] = {}  # page -> its alias
        self.failing: dict[str, str] = {}  # page -> why it cannot be read (REASONS)
        self.kinds: dict[str, str] = {}  # page -> loop | chain | offsite
        self._men_on: dict[str, set[str]] = defaultdict(set)
        self._pages_of: dict[str, set[str]] = defaultdict(set)
        for site in sites:
            for shown in site.truth():
                if not shown.expect_reject:
                    self._men_on[shown.url].add(shown.pid)
                    self._pages_of[shown.pid].add(shown.url)
        self._move([url for site in sites for url in _articles(site, ("parsed", "rejected"))])
        standing = {
            site.name: _articles(site, ("parsed",)) or _last_list_pages(site) for site in sites
        }
        for site in sites:
            self._loops(standing[site.name])
        anywhere = [url for site in sites for url in _articles(site, ("parsed",))]
        anywhere = anywhere or [url for urls in standing.values() for url in urls]
        for kind in ("chain", "offsite"):
            page = self._pick(anywhere, kind)
            if page is not None:
                self._fail(page, kind)

    # -- choosing -----------------------------------------------------------------------------
    def _free(self, pages: Iterable[str]) -> list[str]:
        return [p for p in pages if p not in self.moved and p not in self.failing]

    def lost(self, page: str) -> set[str]:
        """The men reported on no readable page but this one (so lost with it)."""
        return {
            pid
            for pid in self._men_on.get(page, ())
            if all(p == page or p in self.failing for p in self._pages_of[pid])
        }

    def _pick(self, pages: Iterable[str], kind: str) -> str | None:
        """The free page a permanent redirect of this kind goes to: the first by its draw that
        loses no man, else the one losing the fewest."""
        free = self._free(pages)
        if not free:
            return None
        return min(free, key=lambda p: (len(self.lost(p)), fl.draw(self.seed, kind, p)))

    def _move(self, articles: list[str]) -> None:
        chosen = [p for p in articles if fl.draw(self.seed, "moved", p) < fl.MOVED_SHARE]
        if not chosen and articles:
            chosen = [min(articles, key=lambda p: fl.draw(self.seed, "moved", p))]
        for page in chosen:
            alias = with_query(page, **{"from": "old"})
            status = 301 if fl.draw(self.seed, "moved-status", page) < 0.5 else 302
            self.moved[page], self.aliases[alias] = alias, page
            self.answers[page] = redirect(status, alias)

    def _loops(self, pages: list[str]) -> None:
        """Loops on about LOOP_SHARE of a site's pages that lose no man, and at least one."""
        drawn = sorted(self._free(pages), key=lambda p: fl.draw(self.seed, "loop", p))
        placed = False
        for page in drawn:
            if fl.draw(self.seed, "loop", page) >= fl.LOOP_SHARE:
                break
            if not self.lost(page):
                self._fail(page, "loop")
                placed = True
        if not placed:
            page = self._pick(pages, "loop")
            if page is not None:
                self._fail(page, "loop")

    # -- answering ----------------------------------------------------------------------------
    def _fail(self, page: str, kind: str) -> None:
        self.failing[page], self.kinds[page] = REASONS[kind], kind
        if kind == "loop" and fl.draw(self.seed, "loop-pair", page) < 0.5:
            partner = with_query(page, loop="1")
            self.answers[page] = redirect(302, partner)
            self.answers[partner] = redirect(302, page)
        elif kind == "loop":
            self.answers[page] = redirect(302, page)
        elif kind == "chain":
            hops = [page] + [with_query(page, hop=str(n)) for n in range(1, CHAIN_LENGTH + 1)]
            for here, there in zip(hops, hops[1:], strict=False):
                self.answers[here] = redirect(302, there)
            self.answers[hops[-1]] = not_found()
        else:
            self.answers[page] = redirect(302, f"http://{OFFSITE_HOST}{page}")

    def answer(self, target: str) -> Response | None:
        """The redirect (or the chain's closing 404) a URL answers, if it is one of the plan's."""
        return self.answers.get(target)

    def page_truth(self, entry: dict, records: Sequence[dict]) -> dict:
        """A page truth entry as the plan leaves it: a page behind a permanent redirect failed,
        with its reason and the men whose records it holds (as a dead page's entry does)."""
        reason = self.failing.get(entry["url"])
        if reason is None:
            return entry
        lost = [r["pid"] for r in records if r["url"] == entry["url"]]
        return page_entry(entry["url"], entry["site"], "failed", 0, reason=reason, lost=lost)


def _articles(site: Site, statuses: tuple[str, ...]) -> list[str]:
    """A site's article pages of these statuses (parsed, rejected by layout), in page order."""
    return [e["url"] for e in site.item_entries() if e["status"] in statuses]


def _last_list_pages(site: Site) -> list[str]:
    """The last page of each of a site's lists (nothing is reached only through it), but not
    a list's only page when that is where the crawl of the site starts."""
    counts = [(group, site.page_count(site.listed(group))) for group in site.groups()]
    return [site.list_url(g, n) for g, n in counts if n > 1 or site.has_index]
