"""Nothing lost in the warehouse: record ids that survive a move of the site, identical entries
kept apart, a run killed midway on record as killed, a crawl that did not account for every URL
never published as ok, a source with no records left still checked, zero records an answer."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

from flows import stages
from flows.paths import Home
from review.store import Store
from schema.records import record_id, tell_apart, url_key
from tests.conftest import write_run
from warehouse.db import connect, migrations
from warehouse.load import load_run
from warehouse.publish import PublishRefused

# ids -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8765/news/1.html?id=3",
        "https://127.0.0.1:41234/news/1.html?id=3",
        "https://www.example.ru/news/1.html?id=3",
        "http://example.ru:80/news/1.html?id=3",
    ],
)
def test_a_record_keeps_its_id_when_the_site_moves(url):
    here = record_id("s", "http://example.ru/news/1.html?id=3", "Петров Иван", "1990", None)
    assert record_id("s", url, "Петров Иван", "1990", None) == here


def test_a_url_without_a_host_is_its_own_key():
    assert url_key("import:list.csv#line=3") == "import:list.csv#line=3"


def test_identical_entries_are_kept_apart_and_say_whom_they_repeat():
    rows = [{"record_id": "r1"}, {"record_id": "r2"}, {"record_id": "r1"}, {"record_id": "r1"}]
    renumbered = tell_apart(rows)
    assert (renumbered, [r["record_id"] for r in rows], rows[3]["duplicate_of"]) == (
        2,
        ["r1", "r2", "r1-2", "r1-3"],
        "r1",
    )


def _old_warehouse(path, rows):
    """A warehouse of schema version 4, as tally made it before ids left the host out."""
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
        "applied_at TIMESTAMP NOT NULL)"
    )
    for version, name, sql in migrations():
        if version <= 4:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, now()::TIMESTAMP)", [version, name]
            )
    for n, (old_id, url, name) in enumerate(rows):
        con.execute(
            "INSERT INTO records (record_id, source, spider, url, name_raw, full_name, "
            "content_hash, fetched_at, first_seen, last_seen, first_run, last_run) VALUES "
            "(?, 'sandbox-news', 'source', ?, ?, ?, 'h', now()::TIMESTAMP, now()::TIMESTAMP, "
            "now()::TIMESTAMP, 'r', 'r')",
            [old_id, url, name, name],
        )
        con.execute("INSERT INTO record_person VALUES (?, ?, 'd')", [old_id, f"P{n}"])
    con.close()


def _old_id(source, url, name):
    import hashlib

    payload = json.dumps([source, url, name, "", ""], ensure_ascii=False, separators=(",", ":"))
    return "r" + hashlib.sha256(payload.encode()).hexdigest()[:20]


def test_an_old_warehouse_moves_its_ids_and_the_decisions_follow(tmp_path):
    home = Home.from_env(tmp_path / "var", tmp_path / "published")
    urls = ["http://127.0.0.1:40001/news/1.html", "http://127.0.0.1:40001/news/2.html"]
    names = ["Петров Иван Сергеевич", "Петров Иван Сергеевич"]
    old = [_old_id("sandbox-news", u, n) for u, n in zip(urls, names, strict=True)]
    home.root.mkdir(parents=True)
    _old_warehouse(home.warehouse, list(zip(old, urls, names, strict=True)))
    Store(home.review_db).decide(old[0], old[1], "different", "anna", "brothers")
    stages.dedupe_stage(home)  # opens (and migrates) the warehouse, then obeys the decision
    new = [record_id("sandbox-news", u, n, None, None) for u, n in zip(urls, names, strict=True)]
    with connect(home.warehouse) as con:
        ids = sorted(r[0] for r in con.execute("SELECT record_id FROM records").fetchall())
        persons = con.execute("SELECT count(DISTINCT person_id) FROM record_person").fetchone()[0]
    assert (ids, Store(home.review_db).active(), persons) == (
        sorted(new),
        [(*sorted(new), "different")],
        2,
    )


# runs ----------------------------------------------------------------------------------------


def test_a_run_whose_process_died_is_marked_killed(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    code = (
        "import os; from warehouse.db import connect; from warehouse.runs import open_run\n"
        f"with connect({str(warehouse)!r}) as con: open_run(con, 'crawl-x', 'crawl', source='x')\n"
        "os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    with connect(warehouse) as con:
        status, message = con.execute(
            "SELECT status, message FROM runs WHERE run_id = 'crawl-x'"
        ).fetchone()
    assert (status, "ended without finishing" in message) == ("killed", True)


# publish -------------------------------------------------------------------------------------


def _home_with(tmp_path, record_factory, runs_status: str | None, records: int = 3):
    home = Home.from_env(tmp_path / "var", tmp_path / "published")
    rows = [record_factory(name=f"Петров Иван {k}", url=f"http://x/{k}") for k in range(records)]
    run = write_run(home.runs / "c1", records=rows, summary={"finish_reason": "finished"})
    with connect(home.warehouse) as con:
        load_run(
            con,
            run,
            run_id="c1",
            source="sandbox-memorial",
            complete=runs_status != "incomplete",
            incomplete=["2 of 9 URLs never ended"] if runs_status == "incomplete" else None,
        )
    stages.dedupe_stage(home)
    return home


def test_an_incomplete_crawl_blocks_the_publish_with_a_clear_line(tmp_path, record_factory):
    home = _home_with(tmp_path, record_factory, "incomplete")
    with pytest.raises(
        PublishRefused, match=r"sandbox-memorial: its last crawl \(c1\) is incomplete"
    ):
        stages.publish_stage(home)
    assert not home.snapshot.exists()


def test_a_source_with_no_records_left_is_still_held_to_its_least(tmp_path, record_factory):
    home = _home_with(tmp_path, record_factory, "ok", records=0)
    with pytest.raises(PublishRefused, match="sandbox-memorial: 0 live records, fewer than"):
        stages.publish_stage(home)


def test_zero_records_publish_and_report(tmp_path, monkeypatch):
    home = Home.from_env(tmp_path / "var", tmp_path / "published")
    assert stages.dedupe_stage(home)["persons"] == 0
    published = stages.publish_stage(home)
    report = stages.report_stage(home)
    assert (published["persons"], report["persons"]) == (0, 0)
