"""Loading a million records into the warehouse, beside DuckDB's own COPY from Parquet of the
same rows in the same run (goal: at most 2×), and every public view of the published file on
that database (goal: each under a second).

    .venv/bin/python bench/load.py                 # 1,000,000 records, 3 runs
    .venv/bin/python bench/load.py --records 200000 --runs 5

The rows are the noisy generator's (`sandbox.records`), shaped as the spiders write them: one
run folder (records.jsonl) for `tally`'s loader, one Parquet file for COPY.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

# bench/ holds scripts named like tally's packages (dedupe.py): keep it off the import path
HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if p and Path(p).resolve() != HERE]
sys.path.insert(0, str(HERE.parent))

import duckdb  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from sandbox.records import generate_records  # noqa: E402
from schema.records import CONTENT_FIELDS, RECORD_COLUMNS  # noqa: E402
from warehouse.db import connect  # noqa: E402
from warehouse.load import load_run  # noqa: E402
from warehouse.publish import PUBLIC_TABLES, PUBLIC_VIEWS, publish_snapshot  # noqa: E402

ARROW = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "TIMESTAMP": pa.string(),
    "JSON": pa.string(),
    "BOOLEAN": pa.bool_(),
}


def spider_rows(count: int, seed: int = 1) -> pa.Table:
    """`count` records (about) as the spiders write them, every schema column present."""
    table = generate_records(max(count // 2, 1), seed)
    n = table.num_rows
    full_name = pc.fill_null(table.column("full_name"), "")
    columns = {
        "record_id": table.column("record_id"),
        "source": pa.array(["bench"] * n),
        "spider": pa.array(["source"] * n),
        "url": pc.binary_join_element_wise("http://127.0.0.1", table.column("url"), ""),
        "fetched_at": pa.array(["2026-01-30T10:00:00"] * n),
        "name_raw": full_name,
        "full_name": full_name,
        "birth_date": table.column("birth_date"),
        "death_date": table.column("death_date"),
        "age": table.column("age"),
        "region": table.column("region"),
        "settlement": table.column("settlement"),
        "unit": table.column("unit"),
        "category": table.column("category"),
        "context": full_name,
    }
    out = {}
    for c in RECORD_COLUMNS:
        out[c.name] = columns.get(c.name, pa.nulls(n, ARROW[c.type]))
    rows = pa.table(out)
    values = [rows.column(f).to_pylist() for f in CONTENT_FIELDS if f in rows.column_names]
    digests = [
        hashlib.sha256("\x1f".join("" if v is None else str(v) for v in row).encode()).hexdigest()
        for row in zip(*values, strict=True)
    ]
    return rows.append_column("content_hash", pa.array(digests))


def write_run(rows: pa.Table, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.register("rows", rows)
    con.execute(f"COPY rows TO '{folder / 'records.jsonl'}' (FORMAT json)")
    con.close()
    for name in ("rejects.jsonl", "pages.jsonl"):
        (folder / name).write_text("")
    (folder / "summary.json").write_text('{"finish_reason": "finished"}')
    return folder


def time_load(run: Path, tmp: Path, k: int) -> float:
    path = tmp / f"load-{k}.duckdb"
    with connect(path) as con:
        start = time.perf_counter()
        load_run(con, run, run_id="bench", source="bench")
        seconds = time.perf_counter() - start
    path.unlink()
    return seconds


def time_copy(parquet: Path, tmp: Path, k: int) -> float:
    path = tmp / f"copy-{k}.duckdb"
    con = duckdb.connect(str(path))
    con.execute(f"CREATE TABLE records AS SELECT * FROM read_parquet('{parquet}') LIMIT 0")
    start = time.perf_counter()
    con.execute(f"COPY records FROM '{parquet}' (FORMAT parquet)")
    con.execute("CHECKPOINT")
    seconds = time.perf_counter() - start
    con.close()
    path.unlink()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tally-bench-load-") as tmp_name:
        tmp = Path(tmp_name)
        rows = spider_rows(args.records)
        run = write_run(rows, tmp / "run")
        parquet = tmp / "records.parquet"
        pq.write_table(rows, parquet)
        print(f"{rows.num_rows:,} records", file=sys.stderr)
        loads, copies = [], []
        for k in range(args.runs):
            loads.append(time_load(run, tmp, k))
            copies.append(time_copy(parquet, tmp, k))
            print(
                f"  run {k + 1}: load {loads[-1]:.2f} s, COPY {copies[-1]:.2f} s", file=sys.stderr
            )
        load, copy = statistics.median(loads), statistics.median(copies)
        print(
            f"load_run: {load:.2f} s; DuckDB COPY from Parquet: {copy:.2f} s ({load / copy:.2f}×)"
        )

        # the public views of a published file over that many records (one person each)
        warehouse = tmp / "warehouse.duckdb"
        with connect(warehouse) as con:
            load_run(con, run, run_id="bench", source="bench")
            con.execute(
                """INSERT INTO persons (person_id, full_name, birth_date, death_date, age, region,
                       settlement, unit, category, n_records, n_sources, first_reported,
                       created_at, updated_at)
                   SELECT 'P' || record_id, full_name, birth_date, death_date, age, region,
                          settlement, unit, category, 1, 1, '2026-01-30', now(), now()
                   FROM records"""
            )
            publish_snapshot(con, tmp / "published")
        pub = duckdb.connect(str(tmp / "published" / "tally.duckdb"), read_only=True)
        slowest = 0.0
        for name in [*PUBLIC_VIEWS, *PUBLIC_TABLES]:
            times = []
            for _ in range(3):
                start = time.perf_counter()
                pub.execute(f"SELECT * FROM {name}").to_arrow_table()
                times.append(time.perf_counter() - start)
            seconds = statistics.median(times)
            slowest = max(slowest, seconds if name in PUBLIC_VIEWS else 0.0)
            kind = "view" if name in PUBLIC_VIEWS else "table"
            print(f"  {kind} {name}: {seconds * 1000:.0f} ms")
        pub.close()
        print(f"slowest public view: {slowest * 1000:.0f} ms (goal < 1000 ms)")


if __name__ == "__main__":
    main()
