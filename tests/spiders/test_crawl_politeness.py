"""A polite crawler: robots.txt obeyed, no request outside the source's domains, an identifying
user agent, a limit on response size, throttled per domain."""

import json
from urllib.parse import urlsplit

import pytest

from flows.crawl import crawl_source
from flows.paths import Home
from spiders import settings

TODAY = "2026-01-30"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    from sandbox.server import Sandbox, SandboxServer

    sandbox = Sandbox(60, seed=4, only=("news", "oldnews"))
    server = SandboxServer(sandbox).start()
    home = Home.from_env(tmp_path_factory.mktemp("polite") / "var")
    try:
        results = [
            crawl_source(s, home, base_url=server.url, today=TODAY)
            for s in ("sandbox-news", "sandbox-oldnews")
        ]
    finally:
        server.stop()
    return sandbox, results


@pytest.mark.e2e
def test_robots_txt_is_read_first_and_obeyed(crawled):
    sandbox, _ = crawled
    assert sandbox.requests["/robots.txt"] >= 1 and not [
        p for p in sandbox.requests if p.startswith("/private/")
    ]


@pytest.mark.e2e
def test_forbidden_links_are_counted_not_fetched(crawled):
    _, results = crawled
    assert sum(r.summary["skipped"]["robots.txt"] for r in results) >= 1


@pytest.mark.e2e
def test_no_request_leaves_the_allowed_domains(crawled):
    _, results = crawled
    hosts = {
        urlsplit(json.loads(line)["url"]).hostname
        for r in results
        for line in (r.run_dir / "pages.jsonl").read_text().splitlines()
    }
    assert hosts == {"127.0.0.1"}


@pytest.mark.e2e
def test_the_crawler_says_who_it_is(crawled):
    sandbox, _ = crawled
    assert set(sandbox.user_agents) == {settings.USER_AGENT}


@pytest.mark.e2e
def test_a_response_over_the_size_limit_fails_with_the_reason(tmp_path):
    from sandbox.server import Sandbox, SandboxServer

    server = SandboxServer(Sandbox(30, seed=4, only=("news",))).start()
    try:
        result = crawl_source(
            "sandbox-news",
            Home.from_env(tmp_path / "var"),
            base_url=server.url,
            today=TODAY,
            settings={"DOWNLOAD_MAXSIZE": 3000},
        )
    finally:
        server.stop()
    reasons = [
        json.loads(line)["reason"] or ""
        for line in (result.run_dir / "pages.jsonl").read_text().splitlines()
    ]
    assert any("max size" in reason or "maxsize" in reason.lower() for reason in reasons)


def test_polite_defaults():
    assert (
        settings.ROBOTSTXT_OBEY,
        settings.AUTOTHROTTLE_ENABLED,
        settings.CONCURRENT_REQUESTS_PER_DOMAIN <= 8,
        "tally" in settings.USER_AGENT,
        settings.DOWNLOAD_MAXSIZE <= 16 * 1024 * 1024,
    ) == (True, True, True, True, True)
