"""A crawl of a misbehaving site (5xx, resets, truncated bodies, time-outs, slow pages, lying
charsets, 429 with Retry-After, pages that moved, redirect loops, chains and redirects off the
site) accounts for every URL it was given and, once retries are done, loses no record that a
crawl of the same site behaving well finds — but those on pages no request can reach."""

import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

from flows.crawl import crawl_source
from flows.paths import Home
from flows.stages import sandbox_sources

pytestmark = pytest.mark.e2e
TODAY = "2026-01-30"


def _records(run_dir):
    rows = [json.loads(line) for line in (run_dir / "records.jsonl").read_text().splitlines()]
    return {
        (
            r["source"],
            urlsplit(r["url"]).path + "?" + urlsplit(r["url"]).query,
            r["name_raw"],
            r["birth_date_raw"],
            r["death_date_raw"],
        )
        for r in rows
    }


def _pages(run_dir):
    rows = [json.loads(line) for line in (run_dir / "pages.jsonl").read_text().splitlines()]
    return {
        urlsplit(r["url"]).path
        + ("?" + urlsplit(r["url"]).query if urlsplit(r["url"]).query else ""): r["status"]
        for r in rows
    }


def _crawl_all(server, root, settings=None):
    home = Home.from_env(root / "var")
    with ThreadPoolExecutor(max_workers=4) as pool:
        jobs = [
            pool.submit(
                crawl_source, name, home, base_url=server.url, today=TODAY, settings=settings
            )
            for name in sandbox_sources()
        ]
        return [job.result() for job in jobs]


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    from sandbox.server import Sandbox, SandboxServer

    clean_site = Sandbox(80, seed=9)
    faulty_site = Sandbox(80, seed=9, hostile=True, slow_timeout=4.0)
    clean = SandboxServer(clean_site).start()
    faulty = SandboxServer(faulty_site).start()
    try:
        good = _crawl_all(clean, tmp_path_factory.mktemp("clean"))
        bad = _crawl_all(faulty, tmp_path_factory.mktemp("faulty"), {"DOWNLOAD_TIMEOUT": 3})
    finally:
        clean.stop()
        faulty.stop()
    return good, bad, faulty_site.truth(), faulty_site.asked()


def test_the_faults_really_happened(crawls):
    bad = crawls[1]
    waited = sum(r.summary["scrapy"]["retry/retry_after"] for r in bad)
    assert (sum(r.summary.get("retries", 0) for r in bad) >= 3, waited >= 1) == (True, True)


def test_every_page_ends_as_the_truth_says(crawls):
    bad, truth = crawls[1], crawls[2]
    found = {}
    for result in bad:
        found.update(_pages(result.run_dir))
    expected = {p["url"]: p["status"] for p in truth["pages"]}
    assert found == expected


def _unreachable(truth) -> set[str]:
    return {p["url"] for p in truth["pages"] if "redirect" in (p.get("reason") or "")}


def test_no_record_is_lost_to_the_faults(crawls):
    good, bad, truth = crawls[:3]
    clean = set().union(*(_records(r.run_dir) for r in good))
    faulty = set().union(*(_records(r.run_dir) for r in bad))
    lost = {r for r in clean - faulty if r[1].rstrip("?") not in _unreachable(truth)}
    assert (len(_unreachable(truth)) > 0, lost) == (True, set())


def test_every_url_the_crawl_was_given_ends_somewhere(crawls):
    bad, asked = crawls[1], crawls[3]
    ended = set()
    for result in bad:
        for row in (json.loads(line) for line in (result.run_dir / "pages.jsonl").open()):
            for url in (row["url"], row.get("redirected_to")):
                if url:
                    parts = urlsplit(url)
                    ended.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    # a URL that answered a redirect is a hop of a request that ended where the chain did
    final = {u for u, status in asked.items() if status not in (301, 302) and u != "/robots.txt"}
    outstanding = [r.summary["accounting"]["outstanding"] for r in bad]
    assert (final - ended, sum(outstanding)) == (set(), 0)


def test_faults_add_no_records(crawls):
    good, bad = crawls[:2]
    clean = set().union(*(_records(r.run_dir) for r in good))
    faulty = set().union(*(_records(r.run_dir) for r in bad))
    assert faulty - clean == set()


def test_every_crawl_finishes_complete(crawls):
    bad = crawls[1]
    assert Counter((r.summary.get("finish_reason"), r.complete) for r in bad) == Counter(
        {("finished", True): len(bad)}
    )
