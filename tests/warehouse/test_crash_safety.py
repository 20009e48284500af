"""kill -9 in the middle of a load or a publish leaves the warehouse and the published file as
they were; running again finishes the job with no duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import generated_records, write_run
from warehouse.db import connect
from warehouse.load import load_run

ROOT = Path(__file__).resolve().parents[2]

LOAD = """
import sys
from pathlib import Path
from warehouse.db import connect
from warehouse.load import load_run
with connect(Path(sys.argv[1])) as con:
    print("loading", flush=True)
    load_run(con, Path(sys.argv[2]), run_id="big", source="sandbox-news")
print("loaded", flush=True)
"""

PUBLISH = """
import sys
from pathlib import Path
from warehouse.db import connect
from warehouse.publish import publish_snapshot
with connect(Path(sys.argv[1])) as con:
    print("publishing", flush=True)
    publish_snapshot(con, Path(sys.argv[2]))
print("published", flush=True)
"""


@pytest.fixture(scope="module")
def big_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    small = write_run(root / "small", records=generated_records(50, 1))
    big = write_run(root / "big", records=generated_records(60_000, 2))
    return root, small, big


def _counts(path: Path) -> tuple[int, int, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        records, distinct = con.execute(
            "SELECT count(*), count(DISTINCT record_id) FROM records"
        ).fetchone()
        runs = con.execute("SELECT count(*) FROM runs WHERE run_id = 'big'").fetchone()[0]
        return records, distinct, runs
    finally:
        con.close()


def _kill_when(script: str, args: list[str], started: str, after: float) -> bool:
    """Run `script`, kill -9 it `after` seconds past the line `started`; False if it finished
    first (too quick to test)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == started
    time.sleep(after)
    alive = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return alive


def test_kill_during_load_leaves_no_partial_state(big_run, tmp_path):
    _, small, big = big_run
    warehouse = tmp_path / "warehouse.duckdb"
    with connect(warehouse) as con:
        load_run(con, small, run_id="small", source="sandbox-news")
    before = _counts(warehouse)
    assert _kill_when(LOAD, [str(warehouse), str(big)], "loading", 0.8), "the load was too quick"
    assert _counts(warehouse) == before  # nothing of the killed load
    with connect(warehouse) as con:  # run again: the whole load, once
        summary = load_run(con, big, run_id="big", source="sandbox-news")
    records, distinct, runs = _counts(warehouse)
    assert records == distinct == before[0] + summary.records_new and runs == 1


def test_kill_during_publish_keeps_the_published_file(big_run, tmp_path):
    _, small, big = big_run
    warehouse, published = tmp_path / "warehouse.duckdb", tmp_path / "published"
    with connect(warehouse) as con:
        load_run(con, small, run_id="small", source="sandbox-news")
        from warehouse.publish import publish_snapshot

        publish_snapshot(con, published)
        load_run(con, big, run_id="big", source="sandbox-news")
    snapshot = published / "tally.duckdb"
    old = (
        duckdb.connect(str(snapshot), read_only=True)
        .execute("SELECT records FROM metadata")
        .fetchone()[0]
    )
    assert _kill_when(PUBLISH, [str(warehouse), str(published)], "publishing", 0.4)
    con = duckdb.connect(str(snapshot), read_only=True)  # still the whole old snapshot
    assert con.execute("SELECT records FROM metadata").fetchone()[0] == old
    assert con.execute("SELECT count(*) FROM records").fetchone()[0] == old
    con.close()
    with connect(warehouse) as con:  # run again: the new snapshot, whole
        result = publish_snapshot(con, published)
    assert result.records > old
    leftovers = [p.name for p in published.iterdir() if p.name.endswith(".tmp")]
    assert not leftovers, leftovers
