"""The published snapshot: whole, read-only for readers, the previous one kept."""

import duckdb
import pytest

from flows.paths import Home
from flows.stages import dedupe_stage, publish_stage
from tests.conftest import write_run
from warehouse.db import connect
from warehouse.load import load_run
from warehouse.publish import publish_snapshot


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


def test_the_metadata_row_carries_the_count_interval(home):
    """Two men sure of themselves and nothing to review: the interval is the count itself."""
    publish_stage(home)
    con = duckdb.connect(str(home.snapshot), read_only=True)
    row = con.execute(
        "SELECT persons, persons_expected, persons_low, persons_high, pairs_pending FROM metadata"
    ).fetchone()
    assert row == (2, 2.0, 2, 2, 0)


def test_a_warehouse_never_deduped_publishes_no_interval(tmp_path):
    with connect(tmp_path / "warehouse.duckdb") as con:
        publish_snapshot(con, tmp_path / "published")
    con = duckdb.connect(str(tmp_path / "published" / "tally.duckdb"), read_only=True)
    row = con.execute(
        "SELECT persons_expected, persons_low, persons_high, pairs_pending FROM metadata"
    ).fetchone()
    assert row == (None, None, None, None)


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


def test_every_column_of_every_table_and_view_is_explained(home):
    publish_stage(home)
    con = duckdb.connect(str(home.snapshot), read_only=True)
    unexplained = con.execute(
        "SELECT table_name || '.' || column_name FROM duckdb_columns() "
        "WHERE NOT internal AND coalesce(comment, '') = ''"
    ).fetchall()
    assert unexplained == []
    views = con.execute("SELECT count(*) FROM duckdb_columns() c JOIN duckdb_views() v "
                        "ON c.table_name = v.view_name WHERE NOT v.internal").fetchone()[0]  # fmt: skip
    assert views > 10


def test_views_are_exported_as_parquet_beside_the_tables(home):
    publish_stage(home)
    con = duckdb.connect(str(home.snapshot), read_only=True)
    names = {
        r[0] for r in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    }
    names |= {r[0] for r in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
    files = {p.name for p in (home.published / "parquet").iterdir()}
    assert files == {f"{n}.parquet" for n in names}
    month = duckdb.sql(f"SELECT * FROM '{home.published / 'parquet' / 'deaths_by_month.parquet'}'")
    assert month.fetchall() == con.execute("SELECT * FROM deaths_by_month").fetchall()


def test_deaths_dated_only_by_year_have_a_month_of_their_own(tmp_path):
    with connect(tmp_path / "warehouse.duckdb") as con:
        con.execute(
            "INSERT INTO persons (person_id, full_name, death_date, n_records, n_sources, "
            "created_at, updated_at) SELECT 'P' || i, 'Петров Иван', d, 1, 1, now(), now() "
            "FROM (VALUES (1, '2024-02-20'), (2, '2024-03'), (3, '2024'), (4, '2023'), "
            "(5, '2024'), (6, NULL)) t(i, d)"
        )
        publish_snapshot(con, tmp_path / "published")
    con = duckdb.connect(str(tmp_path / "published" / "tally.duckdb"), read_only=True)
    assert con.execute("SELECT * FROM deaths_by_month").fetchall() == [
        ("2023-??", 1),
        ("2024-02", 1),
        ("2024-03", 1),
        ("2024-??", 2),
    ]
    by_year = con.execute("SELECT sum(deaths) FROM deaths_by_year").fetchone()[0]
    assert con.execute("SELECT sum(deaths) FROM deaths_by_month").fetchone()[0] == by_year == 5
