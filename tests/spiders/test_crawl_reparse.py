"""A source's config edited, the crawl run again: the record pages already archived are read
again with the new config, not fetched again (issue: "editing a config and re-crawling does
nothing"). Real crawls of the stand-in site (Scrapy subprocesses)."""

from __future__ import annotations

import re

import pytest

from flows.crawl import crawl_source, load_crawl
from flows.paths import Home
from spiders.config import builtin_sources
from warehouse.db import connect

pytestmark = pytest.mark.e2e
ARTICLE = re.compile(r"^/news/\d{4}/\d{2}/\d{2}/\d+\.html$")


@pytest.fixture(scope="module")
def site():
    from sandbox.server import Sandbox, SandboxServer

    sandbox = Sandbox(people=60, seed=23)
    server = SandboxServer(sandbox).start()
    yield server, sandbox
    server.stop()


def _article_requests(sandbox) -> int:
    return sum(n for path, n in sandbox.requests.items() if ARTICLE.match(path))


def _live(home: Home) -> int:
    with connect(home.warehouse) as con:
        return con.execute("SELECT count(*) FROM records WHERE removed_at IS NULL").fetchone()[0]


@pytest.fixture(scope="module")
def edited(site, tmp_path_factory):
    """A volunteer's copy of the news source crawled, its window narrowed to 2024 on, crawled
    again; then crawled a third time unchanged."""
    server, sandbox = site
    home = Home.from_env(tmp_path_factory.mktemp("reparse") / "var")
    home.sources.mkdir(parents=True)
    text = builtin_sources()["sandbox-news"].read_text(encoding="utf-8")
    text = text.replace('name = "sandbox-news"', 'name = "my-news"')
    config = home.sources / "my-news.toml"
    config.write_text(text, encoding="utf-8")
    first = load_crawl(crawl_source("my-news", home, base_url=server.url), home)
    live_before = _live(home)
    fetched_before = _article_requests(sandbox)
    config.write_text(text + "\n[validate]\nearliest_death = 2024-01-01\n", encoding="utf-8")
    second_run = crawl_source("my-news", home, base_url=server.url)
    second = load_crawl(second_run, home)
    fetched_after = _article_requests(sandbox)
    third_run = crawl_source("my-news", home, base_url=server.url)
    third = load_crawl(third_run, home)
    return (
        home,
        first,
        live_before,
        fetched_before,
        second_run,
        second,
        fetched_after,
        third_run,
        third,
    )


def test_the_edited_config_changes_the_records(edited):
    home, first, live_before, *_ = edited
    assert first.records > 10
    with connect(home.warehouse) as con:
        early = con.execute(
            "SELECT count(*) FROM records WHERE removed_at IS NULL AND death_date < '2024'"
        ).fetchone()[0]
        refused = con.execute(
            "SELECT count(*) FROM rejects WHERE reason LIKE '%before the source''s window%'"
        ).fetchone()[0]
    assert early == 0 and refused > 0
    assert _live(home) < live_before


def test_the_archived_pages_were_read_not_fetched(edited):
    home, _, _, fetched_before, second_run, _, fetched_after, *_ = edited
    assert fetched_after == fetched_before  # not one article asked for again
    assert second_run.summary["accounting"]["reparsed"] > 10
    with connect(home.warehouse) as con:
        reasons = con.execute(
            "SELECT count(*) FROM pages WHERE run_id = ? AND reason LIKE 're-read from the archive%'",
            [second_run.run_id],
        ).fetchone()[0]
    assert reasons == second_run.summary["accounting"]["reparsed"]


def test_the_next_crawl_of_the_same_config_reads_nothing_again(edited):
    *_, third_run, third = edited
    assert third_run.summary["accounting"]["reparsed"] == 0
    assert (third.records_new, third.records_updated, third.records_removed) == (0, 0, 0)
