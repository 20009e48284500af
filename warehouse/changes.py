"""What changed between published snapshots, compared by value, never by timestamp: each man
added, changed (which of his fields, or his set of records), removed, or merged into another
(his records now belong to that man).

The warehouse keeps every snapshot (`snapshots`), every snapshot's changes (`changes`) and the
state the last snapshot published (`snapshot_persons`, `snapshot_links`). A publish compares the
persons with that state into temporary tables (`compare`), builds the snapshot from them, and only
once the snapshot passed its checks keeps the new history and state in one transaction (`keep`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

# A man's values an analyst sees change; `records` (the set of his records) and
# `records_removed` (one of his records taken down from its page, or back) are compared too.
FIELDS: tuple[str, ...] = (
    "full_name",
    "surname",
    "given_name",
    "patronymic",
    "birth_date",
    "death_date",
    "age",
    "region",
    "settlement",
    "unit",
    "rank",
    "category",
    "n_records",
    "n_sources",
    "first_reported",
)
CHANGE_KINDS = ("added", "changed", "removed", "merged")
SNAPSHOT_COLUMNS = (
    "snapshot_id, published_at, previous_id, persons, records, added, changed, removed, merged"
)
TEMP_TABLES = ("_snapshot_now", "_links_now", "_moves", "_regrouped", "_changes_now", "_marks")


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: str
    published_at: datetime
    previous_id: str | None


def snapshot_id(published_at: datetime) -> str:
    """A snapshot's id: its publish time (UTC) to the microsecond, fit for a file name."""
    return published_at.strftime("%Y%m%dT%H%M%S.%fZ")


def compare(con: duckdb.DuckDBPyConnection, stamp: datetime, published: Path) -> Snapshot:
    """Compare the warehouse's persons with the last snapshot into temporary tables the publish
    reads: `_changes_now` (this snapshot's changes), `_marks` (each man's `first_published` and
    `last_changed`), `_snapshot_now` (the snapshot's row). Nothing is kept yet. A warehouse with
    no snapshot on record takes the state of the published file `published`, if there is one
    (a warehouse from before snapshots were kept, or one rebuilt)."""
    if not con.execute("SELECT count(*) FROM snapshots").fetchone()[0]:
        seed_from(con, published)
    last = con.execute(
        "SELECT snapshot_id, published_at FROM snapshots ORDER BY published_at DESC LIMIT 1"
    ).fetchone()
    if last and stamp <= last[1]:  # a clock set back: ids still follow each other
        stamp = last[1] + timedelta(microseconds=1)
    snap = Snapshot(snapshot_id(stamp), stamp, last[0] if last else None)
    _compare(con, snap)
    return snap


def _compare(con: duckdb.DuckDBPyConnection, snap: Snapshot) -> None:
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _links_now AS "
        "SELECT l.record_id, l.person_id, r.removed_at IS NOT NULL AS removed "
        "FROM main.record_person l JOIN main.records r USING (record_id) "
        "WHERE l.person_id IN (SELECT person_id FROM main.persons)"
    )
    # the records whose man (or whose page) is not what the last snapshot said
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _moves AS "
        "SELECT coalesce(n.record_id, o.record_id) AS record_id, o.person_id AS was, "
        "n.person_id AS now, o.removed AS was_removed, n.removed AS now_removed "
        "FROM main.snapshot_links o FULL JOIN _links_now n ON o.record_id = n.record_id "
        "WHERE o.person_id IS DISTINCT FROM n.person_id OR o.removed IS DISTINCT FROM n.removed"
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _regrouped AS
        SELECT person_id, bool_or(moved) AS records, bool_or(taken_down) AS records_removed
        FROM (SELECT was AS person_id, was IS DISTINCT FROM now AS moved, false AS taken_down
              FROM _moves WHERE was IS NOT NULL
              UNION ALL
              SELECT now, was IS DISTINCT FROM now, was = now FROM _moves WHERE now IS NOT NULL)
        GROUP BY 1"""
    )
    differs = ", ".join(f"CASE WHEN s.{f} IS DISTINCT FROM p.{f} THEN '{f}' END" for f in FIELDS)
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _changes_now AS
        WITH compared AS (
            SELECT p.person_id, s.person_id IS NULL AS new,
                   [x FOR x IN [{differs},
                                CASE WHEN g.records THEN 'records' END,
                                CASE WHEN g.records_removed THEN 'records_removed' END]
                    IF x IS NOT NULL] AS fields
            FROM main.persons p LEFT JOIN main.snapshot_persons s USING (person_id)
            LEFT JOIN _regrouped g USING (person_id)),
        heir AS (  -- who holds most of a vanished man's records now
            SELECT was AS person_id, now AS merged_into FROM _moves
            WHERE was IS NOT NULL AND now IS NOT NULL GROUP BY was, now
            QUALIFY row_number() OVER (PARTITION BY was ORDER BY count(*) DESC, now) = 1)
        SELECT person_id, 'added' AS change, NULL::VARCHAR[] AS fields,
               NULL::VARCHAR AS merged_into FROM compared WHERE new
        UNION ALL
        SELECT person_id, 'changed', fields, NULL FROM compared WHERE NOT new AND len(fields) > 0
        UNION ALL
        SELECT s.person_id, CASE WHEN h.merged_into IS NULL THEN 'removed' ELSE 'merged' END,
               NULL, h.merged_into
        FROM main.snapshot_persons s LEFT JOIN heir h USING (person_id)
        WHERE s.person_id NOT IN (SELECT person_id FROM main.persons)"""
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _marks AS "
        "SELECT p.person_id, coalesce(s.first_published, $id) AS first_published, "
        "CASE WHEN c.person_id IS NULL THEN s.last_changed ELSE $id END AS last_changed "
        "FROM main.persons p LEFT JOIN main.snapshot_persons s USING (person_id) "
        "LEFT JOIN (SELECT person_id FROM _changes_now WHERE change IN ('added', 'changed')) c "
        "USING (person_id)",
        {"id": snap.snapshot_id},
    )
    counts = ", ".join(
        f"(SELECT count(*) FROM _changes_now WHERE change = '{k}') AS {k}" for k in CHANGE_KINDS
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _snapshot_now AS SELECT $id AS snapshot_id, "
        "$at::TIMESTAMP AS published_at, $previous::VARCHAR AS previous_id, "
        "(SELECT count(*) FROM main.persons)::INTEGER AS persons, "
        f"(SELECT count(*) FROM main.records)::INTEGER AS records, {counts}",
        {"id": snap.snapshot_id, "at": snap.published_at, "previous": snap.previous_id},
    )


def keep(con: duckdb.DuckDBPyConnection) -> None:
    """Keep the compared snapshot: its row and changes in the history, its persons and links
    as the state the next snapshot is compared with; all or nothing."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("INSERT INTO snapshots SELECT * FROM _snapshot_now")
        con.execute(
            "INSERT INTO changes SELECT (SELECT snapshot_id FROM _snapshot_now), person_id, "
            "change, fields, merged_into FROM _changes_now"
        )
        con.execute("DELETE FROM snapshot_persons")
        con.execute(
            f"INSERT INTO snapshot_persons SELECT p.person_id, {', '.join(f'p.{f}' for f in FIELDS)}, "
            "m.first_published, m.last_changed FROM main.persons p JOIN _marks m USING (person_id)"
        )
        con.execute("DELETE FROM snapshot_links")
        con.execute(
            "INSERT INTO snapshot_links SELECT record_id, person_id, removed FROM _links_now"
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def drop(con: duckdb.DuckDBPyConnection) -> None:
    """The temporary tables of a comparison, gone (the publish is done or refused)."""
    for name in TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS temp.{name}")


def seed_from(con: duckdb.DuckDBPyConnection, published: Path) -> bool:
    """Take the last snapshot's state from a published file: its row (and the history it carries,
    if any), each man's values and the record → person links. A file published before snapshots
    were kept counts as the first snapshot; its men were first published in it, as far as tally
    knows. Returns whether there was a file to take it from."""
    if not Path(published).exists():
        return False
    try:
        con.execute(f"ATTACH '{published}' AS prev (READ_ONLY)")
    except duckdb.Error:
        return False  # not a snapshot tally can read: the next one starts the history
    try:
        return _seed(con)
    finally:
        con.execute("DETACH prev")


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = 'prev' "
            "AND table_name = ?",
            [table],
        ).fetchall()
    }


def _seed(con: duckdb.DuckDBPyConnection) -> bool:
    meta, persons = _columns(con, "metadata"), _columns(con, "persons")
    if not meta or "person_id" not in _columns(con, "records") or not persons:
        return False
    published_at = con.execute("SELECT published_at FROM prev.metadata").fetchone()[0]
    sid = snapshot_id(published_at)
    if "snapshot_id" in meta:
        sid = con.execute("SELECT snapshot_id FROM prev.metadata").fetchone()[0]
    values = ", ".join(f if f in persons else "NULL" for f in FIELDS)
    first, last = (
        f"coalesce({c}, $id)" if c in persons else "$id"
        for c in ("first_published", "last_changed")
    )
    con.execute("BEGIN TRANSACTION")
    try:
        if _columns(con, "snapshots"):
            con.execute(
                f"INSERT INTO snapshots ({SNAPSHOT_COLUMNS}) SELECT {SNAPSHOT_COLUMNS} "
                "FROM prev.snapshots"
            )
        else:
            con.execute(
                "INSERT INTO snapshots (snapshot_id, published_at, persons, records) "
                "SELECT $id, published_at, persons, records FROM prev.metadata",
                {"id": sid},
            )
        if _columns(con, "changes"):
            con.execute(
                "INSERT INTO changes SELECT snapshot_id, person_id, change, fields, merged_into "
                "FROM prev.changes"
            )
        con.execute(
            f"INSERT INTO snapshot_persons SELECT person_id, {values}, {first}, {last} "
            "FROM prev.persons",
            {"id": sid},
        )
        con.execute(
            "INSERT INTO snapshot_links SELECT record_id, person_id, removed_at IS NOT NULL "
            "FROM prev.records WHERE person_id IN (SELECT person_id FROM prev.persons)"
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return True
