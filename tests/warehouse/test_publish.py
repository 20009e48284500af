"""The published snapshot: whole, read-only for readers, the previous one kept."""

import duckdb
import pytest

from flows.paths import Home
from flows.stages import dedupe_stage, publish_stage
from tests.conftest import write_run
from warehouse.db import connect
from warehouse.load import load_run


@pytest.fixture
def home(tmp_path, record_factory):
    home = Home.from_env(tmp_path / "var", tmp_path / "published")
    records = [
        record_factory(
            "Петров Иван Сергеевич", birth_date="1990-03-12", death_date="2024-02-20", region="BA"
        ),
        record_factory(
            "Петров Иван",
            url="http://127.0.0.1/news/1.html",
            source="sandbox-news",
            death_date="2024-02-20",
            region="BA",
            age=33,
        ),
        record_factory("Смирнов Олег Петрович", death_date="2023-07-14", region="KEM"),
    ]
    run = write_run(
        tmp_path / "run",
        records,
        pages=[
            {
                "source": "s",
                "url": r["url"],
                "status": "parsed",
                "http_status": 200,
                "fetched_at": "2026-01-30T10:00:00",
            }
            for r in records
        ],
    )
    with connect(home.warehouse) as con:
        load_run(con, run, run_id="run", source="sandbox-memorial")
    dedupe_stage(home)
    return home


def test_published_file_counts_persons_read_only(home):
    publish_stage(home)
    con = duckdb.connect(str(home.snapshot), read_only=True)
    assert con.execute("SELECT count(*) FROM persons").fetchone()[0] == 2


def test_published_file_has_no_internal_tables(home):
    publish_stage(home)
    con = duckdb.connect(str(home.snapshot), read_only=True)
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert not tables & {"review_pairs", "record_person", "schema_version", "pages"}


def test_every_public_view_answers(home):
    publish_stage(home)
    con = duckdb.connect(str(home.snapshot), read_only=True)
    views = [
        r[0]
        for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    ]
    assert views and all(con.execute(f"SELECT count(*) FROM {v}").fetchone()[0] >= 0 for v in views)


def test_deaths_by_day_counts_the_merged_man_once(home):
    publish_stage(home)
    con = duckdb.connect(str(home.snapshot), read_only=True)
    assert (
        con.execute("SELECT deaths FROM deaths_by_day WHERE day = '2024-02-20'").fetchone()[0] == 1
    )


def test_publishing_again_keeps_the_previous_snapshot(home):
    publish_stage(home)
    publish_stage(home)
    assert (home.published / "tally.previous.duckdb").exists()


def test_parquet_files_are_written_for_public_tables(home):
    publish_stage(home)
    assert {p.name for p in (home.published / "parquet").iterdir()} >= {
        "persons.parquet",
        "records.parquet",
    }


def test_no_temporary_files_are_left_behind(home):
    publish_stage(home)
    assert not [p for p in home.published.iterdir() if p.name.startswith(".")]
