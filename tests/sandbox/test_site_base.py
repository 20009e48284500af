"""The base Site: routing, pagination and page truth, on a toy site and on every stand-in site."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from sandbox.server import Sandbox
from sandbox.sites.base import Shown
from sandbox.sites.site import Site
from sandbox.world import make_world


class ToySite(Site):
    """Two walls of notes, two notes a page; a note may show a record."""

    name = "toy"
    kind = "toy"
    prefix = "/toy/"
    per_page = 2
    has_index = True

    def __init__(self, walls: dict[str, list[tuple[str, Shown | None]]]):
        super().__init__(make_world(3, seed=1))
        self.walls = walls
        self.place_records()

    def groups(self) -> list[str]:
        return sorted(self.walls)

    def listed(self, wall: str) -> list[tuple[str, Shown | None]]:
        return self.walls[wall]

    def shown_on(self, note: tuple[str, Shown | None]) -> Shown | None:
        return note[1]

    def list_url(self, wall: str, number: int) -> str:
        return f"/toy/{wall}/" + ("" if number == 1 else f"?p={number}")

    def index_page(self):
        return self.respond("index")

    def list_at(self, path, query):
        wall = path[len(self.prefix) :].strip("/")
        return (wall, int(query.get("p", "1"))) if wall in self.walls else None

    def list_page(self, wall, number, count):
        return self.respond(" ".join(text for text, _ in self.page_of(self.walls[wall], number)))


def _shown(pid: str, reject: str | None = None) -> Shown:
    return Shown(pid=pid, site="toy", url="", full_name=pid, expect_reject=reject)


@pytest.fixture
def toy() -> ToySite:
    a = [("a1", _shown("p1")), ("a2", None), ("a3", _shown("p3", "death in the future"))]
    return ToySite({"a": a, "b": [("b1", _shown("p4"))]})


def _get(site: Site | Sandbox, url: str) -> tuple[int, bytes]:
    parts = urlsplit(url)
    response = site.handle(parts.path, dict(parse_qsl(parts.query)))
    return response.status, response.body


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/toy/", (200, b"index")),
        ("/toy/a/", (200, b"a1 a2")),
        ("/toy/a/?p=2", (200, b"a3")),
        ("/toy/a/?p=3", (404, None)),
        ("/toy/a/?p=0", (404, None)),
        ("/toy/b/", (200, b"b1")),
        ("/toy/c/", (404, None)),
    ],
)
def test_a_path_routes_to_the_index_a_list_page_in_range_or_404(toy, url, expected):
    status, body = _get(toy, url)
    assert (status, body if status == 200 else None) == expected


def test_page_truth_lists_the_index_then_every_list_page_with_its_records(toy):
    assert toy.pages() == [
        {"url": "/toy/", "site": "toy", "status": "parsed", "records": 0},
        {"url": "/toy/a/", "site": "toy", "status": "parsed", "records": 1, "rejects": 0},
        {"url": "/toy/a/?p=2", "site": "toy", "status": "parsed", "records": 0, "rejects": 1},
        {"url": "/toy/b/", "site": "toy", "status": "parsed", "records": 1, "rejects": 0},
    ]


def test_records_point_at_the_page_they_are_on(toy):
    assert [(s.pid, s.url) for s in toy.truth()] == [
        ("p1", "/toy/a/"),
        ("p3", "/toy/a/?p=2"),
        ("p4", "/toy/b/"),
    ]


# -- every stand-in site ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    return Sandbox(80, seed=5)


def test_every_site_serves_its_last_list_page_and_not_the_one_after(sandbox):
    wrong = []
    for site in sandbox.sites:
        for group in site.groups():
            count = site.page_count(site.listed(group))
            last, after = site.list_url(group, count), site.list_url(group, count + 1)
            if (_get(sandbox, last)[0], _get(sandbox, after)[0]) != (200, 404):
                wrong.append((site.name, last, after))
    assert wrong == []


def test_only_the_sites_that_change_between_crawls_can_remove_and_edit(sandbox):
    changing = {s.name for s in sandbox.sites if hasattr(s, "remove") or hasattr(s, "edit")}
    assert changing == {"news", "press_en", "oldnews", "condolence"}


def test_every_site_starts_its_page_truth_at_its_prefix(sandbox):
    """The index where a site has one, else the first list page, which is served there."""
    assert [s.pages()[0]["url"] for s in sandbox.sites] == [s.prefix for s in sandbox.sites]
