"""What dedupe reads from the warehouse and what it writes back: every record (removed ones
too: a deleted obituary does not bring a man back) and the last run's record → person links in;
persons, links and the pairs left for review out, in one transaction with the run's row."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from warehouse.runs import utc_now


def records_for_dedupe(con: duckdb.DuckDBPyConnection) -> tuple[list[dict], dict[str, str]]:
    """Every record, in id order, and the person each was in after the last run."""
    records = con.execute("SELECT * FROM records ORDER BY record_id").to_arrow_table().to_pylist()
    previous = dict(con.execute("SELECT record_id, person_id FROM record_person").fetchall())
    return records, previous


def save_persons(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    *,
    persons: dict[str, dict[str, Any]],
    assignment: dict[str, str],
    review: Sequence[Any],
    figures: dict[str, Any],
    started: datetime,
    seconds: float,
) -> None:
    """Replace persons, links and review pairs with a dedupe run's, and record the run: all or
    nothing. `review` items carry record_a, record_b, score and reasons."""
    now = utc_now()
    table = (
        pa.Table.from_pylist([{"person_id": pid, **row} for pid, row in persons.items()])
        if persons
        else None
    )
    links = pa.table({"record_id": list(assignment), "person_id": list(assignment.values())})
    pairs = pa.table(
        {
            "record_a": [p.record_a for p in review],
            "record_b": [p.record_b for p in review],
            "score": pa.array([p.score for p in review], pa.float64()),
            "reasons": [p.reasons for p in review],
        }
    )
    registered = {"new_links": links, "new_review": pairs}
    if table is not None:
        registered["new_persons"] = table
    for name, data in registered.items():
        con.register(name, data)
    con.execute("BEGIN TRANSACTION")
    try:
        if table is not None:  # first: it compares the new links with the last run's
            _upsert_persons(con, table.column_names, now)
        else:
            con.execute("DELETE FROM persons")
        con.execute("DELETE FROM record_person")
        con.execute(
            "INSERT INTO record_person SELECT record_id, person_id, ? FROM new_links", [run_id]
        )
        con.execute("DELETE FROM review_pairs")
        con.execute(
            "INSERT INTO review_pairs SELECT record_a, record_b, score, reasons, ? FROM new_review",
            [run_id],
        )
        con.execute(
            "INSERT INTO runs (run_id, kind, started_at, finished_at, status, records, seconds, "
            "detail) VALUES (?, 'dedupe', ?, ?, 'ok', ?, ?, ?) ON CONFLICT (run_id) DO UPDATE "
            "SET finished_at = excluded.finished_at, status = 'ok', records = excluded.records, "
            "seconds = excluded.seconds, detail = excluded.detail",
            [run_id, started, now, figures["records"], round(seconds, 3), json.dumps(figures)],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in registered:
            con.unregister(name)


def _upsert_persons(con: duckdb.DuckDBPyConnection, columns: list[str], now: datetime) -> None:
    """The run's persons over the last run's. `updated_at` moves only for a man whose values or
    set of records changed (compared, not stamped: a rerun that finds the same men changes no
    timestamp); the record → person links must still be the last run's."""
    cols = [c for c in columns if c != "person_id"]
    differs = " OR ".join(f"p.{c} IS DISTINCT FROM n.{c}" for c in cols)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE touched AS "
        f"SELECT n.person_id FROM new_persons n LEFT JOIN persons p USING (person_id) "
        f"WHERE p.person_id IS NULL OR {differs} "
        "UNION SELECT person_id FROM (SELECT record_id, person_id FROM record_person "
        "EXCEPT SELECT record_id, person_id FROM new_links) "
        "UNION SELECT person_id FROM (SELECT record_id, person_id FROM new_links "
        "EXCEPT SELECT record_id, person_id FROM record_person)"
    )
    try:
        con.execute(
            "DELETE FROM persons WHERE person_id NOT IN (SELECT person_id FROM new_persons)"
        )
        con.execute(
            f"INSERT INTO persons (person_id, {', '.join(cols)}, created_at, updated_at) "
            f"SELECT person_id, {', '.join(cols)}, ?, ? FROM new_persons "
            f"ON CONFLICT (person_id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in cols),
            [now, now],
        )
        con.execute(
            "UPDATE persons SET updated_at = ? WHERE person_id IN (SELECT person_id FROM touched)",
            [now],
        )
    finally:
        con.execute("DROP TABLE IF EXISTS temp.touched")


def id_moves(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Record ids a migration changed that the review database has not followed yet:
    old → new."""
    return dict(
        con.execute("SELECT old_id, new_id FROM record_id_moves WHERE NOT reviewed").fetchall()
    )


def moves_reviewed(con: duckdb.DuckDBPyConnection, moves: dict[str, str]) -> None:
    """The review database follows these moves now."""
    con.register("followed", pa.table({"old_id": list(moves)}))
    try:
        con.execute(
            "UPDATE record_id_moves SET reviewed = true "
            "WHERE old_id IN (SELECT old_id FROM followed)"
        )
    finally:
        con.unregister("followed")
