"""Data assertions stop a bad publish and leave the previous snapshot; the data dictionary is
generated from the schema, kept in docs/, and written beside every snapshot."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import generated_records, write_run
from warehouse.db import connect
from warehouse.load import load_run
from warehouse.publish import Checks, PublishRefused, dictionary_from_schema, publish_snapshot

DOCS = Path(__file__).resolve().parents[2] / "docs" / "DATA_DICTIONARY.md"


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    run = write_run(tmp_path / "r1", records=generated_records(100, 1))
    with connect(path) as con:
        load_run(con, run, run_id="r1", source="sandbox-news")
        con.execute(
            "INSERT INTO persons (person_id, full_name, n_records, n_sources, created_at, "
            "updated_at) SELECT 'P' || record_id, full_name, 1, 1, now(), now() FROM records"
        )
    return path


def _persons(snapshot: Path) -> int:
    con = duckdb.connect(str(snapshot), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM persons").fetchone()[0]
    finally:
        con.close()


def test_too_few_records_from_a_source_stops_the_publish(warehouse, tmp_path):
    out = tmp_path / "published"
    with connect(warehouse) as con:
        publish_snapshot(con, out, Checks({"sandbox-news": (1, None)}))
        before = _persons(out / "tally.duckdb")
        with pytest.raises(PublishRefused, match="sandbox-news: .* fewer than its least 10,000"):
            publish_snapshot(con, out, Checks({"sandbox-news": (10_000, None)}))
        with pytest.raises(PublishRefused, match="more than its most 5"):
            publish_snapshot(con, out, Checks({"sandbox-news": (0, 5)}))
    assert _persons(out / "tally.duckdb") == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_fall_in_the_count_beyond_the_limit_stops_the_publish(warehouse, tmp_path):
    out = tmp_path / "published"
    with connect(warehouse) as con:
        publish_snapshot(con, out, Checks(max_drop=0.1))
        before = _persons(out / "tally.duckdb")
        con.execute(
            "DELETE FROM persons WHERE person_id IN (SELECT person_id FROM persons LIMIT 50)"
        )
        with pytest.raises(PublishRefused, match=r"fell from .* more than the 10% allowed"):
            publish_snapshot(con, out, Checks(max_drop=0.1))
        assert _persons(out / "tally.duckdb") == before
        publish_snapshot(con, out, Checks(max_drop=None))  # a maintainer lifts the limit
    assert _persons(out / "tally.duckdb") == before - 50


def test_the_dictionary_is_beside_the_snapshot_and_in_the_tables(warehouse, tmp_path):
    out = tmp_path / "published"
    with connect(warehouse) as con:
        publish_snapshot(con, out)
    text = (out / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert "## `persons` (table)" in text and "| `person_id` | VARCHAR |" in text
    con = duckdb.connect(str(out / "tally.duckdb"), read_only=True)
    comments = dict(
        con.execute(
            "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'persons'"
        ).fetchall()
    )
    con.close()
    assert comments["person_id"].startswith("Stable person id")


def test_docs_hold_the_current_dictionary():
    """`tally dictionary --out docs/DATA_DICTIONARY.md` after a schema change."""
    assert DOCS.read_text(encoding="utf-8") == dictionary_from_schema()
    for line in dictionary_from_schema().splitlines():
        if line.startswith("| `"):
            assert not line.endswith("|  |"), f"a column without a meaning: {line}"


def test_publish_runs_land_in_the_warehouse(tmp_path, monkeypatch):
    from flows.stages import publish_stage
    from tests.conftest import build_review_home

    home = build_review_home(tmp_path, men=40, seed=4)
    publish_stage(home)
    monkeypatch.setenv("TALLY_MAX_DROP", "0.1")
    with connect(home.warehouse) as con:
        con.execute(
            "DELETE FROM persons WHERE person_id IN (SELECT person_id FROM persons LIMIT 20)"
        )
    with pytest.raises(PublishRefused):
        publish_stage(home)
    con = duckdb.connect(str(home.warehouse), read_only=True)
    runs = con.execute(
        "SELECT status, message FROM runs WHERE kind = 'publish' ORDER BY started_at"
    ).fetchall()
    con.close()
    assert [r[0] for r in runs] == ["ok", "refused"] and "fell from" in runs[1][1]
