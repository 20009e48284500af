"""A crawl of a misbehaving site (5xx, resets, truncated bodies, time-outs, slow pages, lying
charsets) accounts for every page and, once retries are done, loses no record that a crawl of
the same site behaving well finds."""

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
    faulty_site = Sandbox(80, seed=9, faults=True, slow_timeout=4.0)
    clean = SandboxServer(clean_site).start()
    faulty = SandboxServer(faulty_site).start()
    try:
        good = _crawl_all(clean, tmp_path_factory.mktemp("clean"))
        bad = _crawl_all(faulty, tmp_path_factory.mktemp("faulty"), {"DOWNLOAD_TIMEOUT": 3})
    finally:
        clean.stop()
        faulty.stop()
    return good, bad, faulty_site.truth()


def test_the_faults_really_happened(crawls):
    _, bad, _ = crawls
    assert sum(r.summary.get("retries", 0) for r in bad) >= 3


def test_every_page_ends_as_the_truth_says(crawls):
    _, bad, truth = crawls
    found = {}
    for result in bad:
        found.update(_pages(result.run_dir))
    expected = {p["url"]: p["status"] for p in truth["pages"]}
    assert found == expected


def test_no_record_is_lost_to_the_faults(crawls):
    good, bad, _ = crawls
    clean = set().union(*(_records(r.run_dir) for r in good))
    faulty = set().union(*(_records(r.run_dir) for r in bad))
    assert clean - faulty == set()


def test_faults_add_no_records(crawls):
    good, bad, _ = crawls
    clean = set().union(*(_records(r.run_dir) for r in good))
    faulty = set().union(*(_records(r.run_dir) for r in bad))
    assert faulty - clean == set()


def test_every_crawl_finishes(crawls):
    _, bad, _ = crawls
    assert Counter(r.summary.get("finish_reason") for r in bad) == Counter({"finished": len(bad)})
