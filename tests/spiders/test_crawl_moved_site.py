"""A site that moved to another address (the stand-in site on another port, as a second
`make demo` may serve it; http→https or a `www.` on real sites): the next crawl asks the
remembered pages at the new address, and finds the same records — none new, none lost."""

from __future__ import annotations

import pytest

from flows.crawl import crawl_source, load_crawl
from flows.paths import Home
from spiders.crawlers.source import rebased
from warehouse.db import connect


@pytest.mark.parametrize(
    ("old", "start", "new"),
    [
        ("http://127.0.0.1:46815/news/1.html", "http://127.0.0.1:38917/news/",
         "http://127.0.0.1:38917/news/1.html"),
        ("http://localhost:8766/a?p=2", "http://127.0.0.1:8766/", "http://127.0.0.1:8766/a?p=2"),
        ("http://example.ru/news/1", "https://www.example.ru/news/", "https://www.example.ru/news/1"),
        ("http://other.ru/news/1", "https://example.ru/news/", "http://other.ru/news/1"),
    ],
)  # fmt: skip
def test_remembered_pages_are_asked_where_the_site_is_now(old, start, new):
    assert list(rebased({old: {"sha256": "x"}}, start)) == [new]


@pytest.mark.e2e
def test_a_crawl_after_the_site_moved_finds_the_same_records(tmp_path):
    from sandbox.server import Sandbox, SandboxServer

    sandbox = Sandbox(people=60, seed=29)
    home = Home.from_env(tmp_path / "var")
    first_server = SandboxServer(sandbox).start()
    try:
        first = load_crawl(crawl_source("sandbox-news", home, base_url=first_server.url), home)
    finally:
        first_server.stop()
    second_server = SandboxServer(sandbox).start()
    try:
        assert second_server.url != first_server.url
        result = crawl_source("sandbox-news", home, base_url=second_server.url)
        second = load_crawl(result, home)
    finally:
        second_server.stop()
    assert result.complete and result.summary["pages"].get("failed", 0) == 0
    assert first.records > 10
    assert (second.records_new, second.records_removed) == (0, 0)
    with connect(home.warehouse) as con:
        live = con.execute("SELECT count(*) FROM records WHERE removed_at IS NULL").fetchone()[0]
    assert live == first.records
