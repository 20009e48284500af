import subprocess
import sys

import duckdb
import pytest

from tests.conftest import write_run
from warehouse.db import WarehouseBusy, connect, migrations, schema_version
from warehouse.load import load_run

URL = "http://127.0.0.1/memorial/?page=1"


def page(url=URL, status="parsed", http_status=200, n=1):
    return {
        "source": "sandbox-memorial",
        "url": url,
        "status": status,
        "reason": None,
        "http_status": http_status,
        "n_records": n,
        "fetched_at": "2026-01-30T10:00:00",
    }


def test_migrations_are_numbered_from_one():
    assert [v for v, _, _ in migrations()][0] == 1


def test_migrate_records_schema_version(tmp_path):
    with connect(tmp_path / "w.duckdb") as con:
        assert schema_version(con) == len(migrations())


def test_migrate_twice_changes_nothing(tmp_path):
    with connect(tmp_path / "w.duckdb"):
        pass
    with connect(tmp_path / "w.duckdb") as con:
        assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(migrations())


def test_second_writer_process_gets_a_clear_error(tmp_path):
    # DuckDB's lock is per process, so the second writer must be another process
    code = f"from warehouse.db import connect\nwith connect({str(tmp_path / 'w.duckdb')!r}): pass"
    with connect(tmp_path / "w.duckdb"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (
        f"{WarehouseBusy.__name__}: the warehouse" in out.stderr and "another process" in out.stderr
    )


@pytest.fixture
def warehouse(tmp_path):
    with connect(tmp_path / "w.duckdb") as con:
        yield con


def test_load_counts_new_records(warehouse, tmp_path, record_factory):
    run = write_run(
        tmp_path / "run1",
        [record_factory(), record_factory("Смирнов Олег Петрович")],
        pages=[page()],
    )
    summary = load_run(warehouse, run, run_id="run1", source="sandbox-memorial")
    assert (summary.records, summary.records_new) == (2, 2)


def test_loading_the_same_run_twice_changes_nothing(warehouse, tmp_path, record_factory):
    run = write_run(tmp_path / "run1", [record_factory()], pages=[page()])
    load_run(warehouse, run, run_id="run1", source="sandbox-memorial")
    before = warehouse.execute("SELECT * FROM records").fetchall()
    again = load_run(warehouse, run, run_id="run1", source="sandbox-memorial")
    assert again.already_loaded and warehouse.execute("SELECT * FROM records").fetchall() == before


def test_reloading_same_records_in_a_new_run_is_not_an_update(warehouse, tmp_path, record_factory):
    load_run(
        warehouse,
        write_run(tmp_path / "a", [record_factory()], pages=[page()]),
        run_id="a",
        source="sandbox-memorial",
    )
    summary = load_run(
        warehouse,
        write_run(
            tmp_path / "b", [record_factory(fetched_at="2026-02-01T00:00:00")], pages=[page()]
        ),
        run_id="b",
        source="sandbox-memorial",
    )
    assert (summary.records_new, summary.records_updated) == (0, 0)


def test_first_and_last_seen_span_the_runs(warehouse, tmp_path, record_factory):
    load_run(
        warehouse,
        write_run(tmp_path / "a", [record_factory()], pages=[page()]),
        run_id="a",
        source="sandbox-memorial",
    )
    load_run(
        warehouse,
        write_run(
            tmp_path / "b", [record_factory(fetched_at="2026-02-01T00:00:00")], pages=[page()]
        ),
        run_id="b",
        source="sandbox-memorial",
    )
    first, last = warehouse.execute(
        "SELECT first_seen::VARCHAR, last_seen::VARCHAR FROM records"
    ).fetchone()
    assert (first, last) == ("2026-01-30 10:00:00", "2026-02-01 00:00:00")


def test_changed_content_is_an_update(warehouse, tmp_path, record_factory):
    load_run(
        warehouse,
        write_run(tmp_path / "a", [record_factory()], pages=[page()]),
        run_id="a",
        source="sandbox-memorial",
    )
    summary = load_run(
        warehouse,
        write_run(tmp_path / "b", [record_factory(region="BA")], pages=[page()]),
        run_id="b",
        source="sandbox-memorial",
    )
    assert summary.records_updated == 1


def test_record_gone_from_a_fetched_page_is_marked_removed_not_deleted(
    warehouse, tmp_path, record_factory
):
    load_run(
        warehouse,
        write_run(tmp_path / "a", [record_factory()], pages=[page()]),
        run_id="a",
        source="sandbox-memorial",
    )
    summary = load_run(
        warehouse,
        write_run(tmp_path / "b", [], pages=[page(n=0)]),
        run_id="b",
        source="sandbox-memorial",
    )
    assert summary.records_removed == 1
    assert (
        warehouse.execute("SELECT count(*) FROM records WHERE removed_at IS NOT NULL").fetchone()[0]
        == 1
    )


def test_record_on_a_page_that_failed_is_not_removed(warehouse, tmp_path, record_factory):
    load_run(
        warehouse,
        write_run(tmp_path / "a", [record_factory()], pages=[page()]),
        run_id="a",
        source="sandbox-memorial",
    )
    summary = load_run(
        warehouse,
        write_run(tmp_path / "b", [], pages=[page(status="failed", http_status=503, n=0)]),
        run_id="b",
        source="sandbox-memorial",
    )
    assert summary.records_removed == 0


def test_a_page_whose_records_were_rejected_is_still_parsed(warehouse, tmp_path):
    reject = {
        "reject_id": "x1",
        "source": "sandbox-memorial",
        "url": URL,
        "scope": "record",
        "reason": "not a name",
        "field": "full_name",
        "raw": {"name_raw": "ул. Ленина"},
        "fetched_at": "2026-01-30T10:00:00",
    }
    summary = load_run(
        warehouse,
        write_run(tmp_path / "a", [], [reject], [page()]),
        run_id="a",
        source="sandbox-memorial",
    )
    n_rejects = warehouse.execute("SELECT n_rejects FROM pages").fetchone()[0]
    assert (summary.pages_parsed, summary.pages_rejected, summary.rejects, n_rejects) == (
        1,
        0,
        1,
        1,
    )


def test_torn_last_line_of_a_killed_crawl_is_ignored(warehouse, tmp_path, record_factory):
    run = write_run(tmp_path / "a", [record_factory()], pages=[page()])
    with (run / "records.jsonl").open("a") as fh:
        fh.write('{"record_id": "r-torn", "sou')
    summary = load_run(warehouse, run, run_id="a", source="sandbox-memorial")
    assert summary.records == 1


def test_a_failed_load_leaves_nothing_behind(warehouse, tmp_path, record_factory):
    run = write_run(tmp_path / "a", [record_factory()], pages=[page()])
    (run / "pages.jsonl").write_text(
        '{"source": "s", "url": "u", "status": "parsed", "http_status": "not a number"}\n'
    )
    with pytest.raises(duckdb.Error):
        load_run(warehouse, run, run_id="a", source="sandbox-memorial")
    assert warehouse.execute("SELECT count(*) FROM records").fetchone()[0] == 0
