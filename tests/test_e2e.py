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
    from flows.cli import demo_sources

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
