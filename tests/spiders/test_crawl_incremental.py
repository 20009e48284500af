"""Real crawls of the stand-in site (Scrapy subprocesses): provenance in WARC, unchanged pages
recognised on the next crawl, and a crawl killed with kill -9 resumed without duplicates."""

import os
import signal
import subprocess
import sys
import time

import pytest

from flows.crawl import crawl_command, crawl_env, crawl_source, load_crawl
from flows.paths import Home
from schema.archive import read_capture
from schema.runfolder import RunFolder
from warehouse.db import connect

pytestmark = pytest.mark.e2e
TODAY = "2026-01-30"  # the stand-in world's crawl day


@pytest.fixture(scope="module")
def site():
    from sandbox.server import Sandbox, SandboxServer

    sandbox = Sandbox(people=120, seed=21)
    server = SandboxServer(sandbox).start()
    yield server, sandbox
    server.stop()


@pytest.fixture(scope="module")
def twice(site, tmp_path_factory):
    """The news source crawled and loaded twice, the site unchanged in between."""
    server, _ = site
    home = Home.from_env(tmp_path_factory.mktemp("inc") / "var")
    first = crawl_source("sandbox-news", home, base_url=server.url)
    first_load = load_crawl(first, home)
    second = crawl_source("sandbox-news", home, base_url=server.url)
    second_load = load_crawl(second, home)
    return home, first, first_load, second, second_load


def test_second_crawl_adds_and_changes_nothing(twice):
    *_, second_load = twice
    assert (second_load.records_new, second_load.records_updated, second_load.records_removed) == (
        0,
        0,
        0,
    )


def test_second_crawl_recognises_unchanged_pages(twice):
    home, _, first_load, second, _ = twice
    with connect(home.warehouse) as con:
        unchanged = con.execute(
            "SELECT count(*) FROM pages WHERE run_id = ? AND unchanged", [second.run_id]
        ).fetchone()[0]
    assert unchanged >= first_load.records  # every article page at least


def test_records_stay_seen_after_an_unchanged_crawl(twice):
    home, _, _, second, _ = twice
    with connect(home.warehouse) as con:
        stale = con.execute(
            "SELECT count(*) FROM records WHERE last_run <> ?", [second.run_id]
        ).fetchone()[0]
    assert stale == 0


def test_every_record_points_to_its_archived_page(twice):
    home, *_ = twice
    with connect(home.warehouse) as con:
        rows = con.execute("SELECT url, archive_ref, page_sha256 FROM records").fetchall()
    captures = [read_capture(ref, home.runs) for _, ref, _ in rows]
    assert all(
        c.url == url and c.sha256 == sha for c, (url, _, sha) in zip(captures, rows, strict=True)
    )


def test_archive_show_prints_the_archived_page(twice):
    home, *_ = twice
    with connect(home.warehouse) as con:
        url, headline_source = con.execute("SELECT url, context FROM records LIMIT 1").fetchone()
    out = subprocess.run(
        [sys.executable, "-m", "cli", "archive", "show", url],
        capture_output=True,
        text=True,
        env={**os.environ, "TALLY_HOME": str(home.root)},
    )
    assert headline_source.split("\n")[0] in out.stdout


def test_a_killed_crawl_resumes_without_duplicate_rows(site, tmp_path):
    server, sandbox = site
    home = Home.from_env(tmp_path / "var")
    slow = {"CONCURRENT_REQUESTS": 1, "DOWNLOAD_DELAY": 0.05}
    _, run_id, run_dir, cmd = crawl_command(
        "sandbox-news", home, base_url=server.url, settings=slow, today=TODAY
    )
    proc = subprocess.Popen(
        cmd, env=crawl_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while RunFolder(run_dir).count("page") < 25 and time.monotonic() < deadline:
        time.sleep(0.1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    resumed = crawl_source("sandbox-news", home, base_url=server.url, run_id=run_id, today=TODAY)
    load = load_crawl(resumed, home)
    expected = sandbox.truth()["records_by_site"]["news"]
    assert load.records == expected


def test_an_obituary_taken_down_is_marked_removed_not_deleted(tmp_path):
    from sandbox.server import Sandbox, SandboxServer

    sandbox = Sandbox(people=40, seed=22, only=("news",))
    server = SandboxServer(sandbox).start()
    home = Home.from_env(tmp_path / "var")
    try:
        load_crawl(crawl_source("sandbox-news", home, base_url=server.url, today=TODAY), home)
        gone = next(r["url"] for r in sandbox.truth()["records"] if not r.get("expect_reject"))
        sandbox.remove(gone)
        second = load_crawl(
            crawl_source("sandbox-news", home, base_url=server.url, today=TODAY), home
        )
    finally:
        server.stop()
    with connect(home.warehouse) as con:
        kept = con.execute(
            "SELECT count(*) FROM records WHERE url LIKE ? AND removed_at IS NOT NULL", [f"%{gone}"]
        ).fetchone()[0]
    assert (second.records_removed, kept) == (1, 1)
