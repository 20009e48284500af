"""End to end: the stand-in site served on 127.0.0.1, crawled by real Scrapy subprocesses,
loaded into a real DuckDB, merged, published and reported by the real Prefect flow."""

from collections import Counter

import duckdb
import pytest

from flows.paths import Home

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def run(prefect_harness, sandbox_site, tmp_path_factory):
    from flows.pipeline import pipeline

    server, truth = sandbox_site
    root = tmp_path_factory.mktemp("e2e")
    from flows.stages import demo_sources

    out = pipeline(
        demo_sources(),
        str(root / "var"),
        str(root / "published"),
        server.url,
        "2026-01-30",
    )
    return out, truth, Home.from_env(root / "var", root / "published")


def test_count_is_within_five_percent_of_the_truth(run):
    out, truth, _ = run
    assert (
        abs(out["report"]["persons"] - truth["people_reported"]) <= 0.05 * truth["people_reported"]
    )


def test_every_page_is_accounted_for(run):
    out, truth, _ = run
    found = Counter()
    for load in out["loads"]:
        found.update(
            parsed=load["pages_parsed"],
            rejected=load["pages_rejected"],
            failed=load["pages_failed"],
        )
    assert +found == Counter(page["status"] for page in truth["pages"])


def test_every_reported_record_is_loaded(run):
    out, truth, _ = run
    loaded = sum(load["records"] for load in out["loads"])
    assert loaded == sum(truth["records_by_site"].values())


def test_published_file_answers_a_reader(run):
    _, _, home = run
    con = duckdb.connect(str(home.snapshot), read_only=True)
    assert con.execute("SELECT count(*) FROM persons").fetchone()[0] > 0


def test_runs_are_recorded_in_the_warehouse(run):
    _, _, home = run
    con = duckdb.connect(str(home.snapshot), read_only=True)
    kinds = {r[0] for r in con.execute("SELECT DISTINCT kind FROM runs").fetchall()}
    assert kinds >= {"crawl", "dedupe"}


READER = """
import sys, time, duckdb
path, stop = sys.argv[1], sys.argv[2]
ok = failed = 0
import os
while not os.path.exists(stop):
    try:
        con = duckdb.connect(path, read_only=True)
        persons = con.execute("SELECT count(*) FROM persons").fetchone()[0]
        meta = con.execute("SELECT persons FROM metadata").fetchone()[0]
        con.execute("SELECT count(*) FROM deaths_by_month").fetchone()
        con.close()
        assert persons == meta, (persons, meta)  # a whole snapshot, never a torn one
        ok += 1
    except Exception as exc:
        failed += 1
        print("FAILED", repr(exc), flush=True)
    time.sleep(0.02)
print("reads", ok, "failed", failed, flush=True)
"""


def test_a_reader_of_the_published_file_never_fails_during_a_run(run, sandbox_site, tmp_path):
    import subprocess
    import sys

    from flows.pipeline import pipeline
    from flows.stages import demo_sources

    _, _, home = run
    server, _ = sandbox_site
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(home.snapshot), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        # one source crawled again is enough: the reader races the dedupe and the publish
        sources = [s for s in demo_sources() if s == "sandbox-news"]
        pipeline(sources, str(home.root), str(home.published), server.url, "2026-01-30")
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    assert "FAILED" not in out, out
    reads = int(out.split("reads")[1].split()[0])
    assert reads > 10, out


def test_the_review_page_shows_a_records_archived_page(run):
    """After a real crawl, a reviewer opens the archived copy of a record's page."""
    import sqlite3

    from fastapi.testclient import TestClient

    from review.store import Store
    from review.web import create_app

    _, _, home = run
    store = Store(home.review_db)
    con = sqlite3.connect(home.review_db)
    record_id, url = con.execute(
        "SELECT record_id, url FROM records WHERE archive_ref IS NOT NULL LIMIT 1"
    ).fetchone()
    con.close()
    client = TestClient(create_app(store, runs_dir=home.runs))
    login = client.get("/login")
    csrf = login.text.split('name="csrf" value="')[1].split('"')[0]
    client.post("/login", data={"csrf": csrf, "reviewer": "anna"})
    page = client.get(f"/archive/{record_id}")
    assert page.status_code == 200, page.text
    assert url in page.text and '<pre class="archive">' in page.text
