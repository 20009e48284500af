"""Opening the warehouse and bringing its schema up to date with numbered SQL migrations."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb

from warehouse.runs import close_dead_runs

_MIGRATION = re.compile(r"^(\d{3})_([a-z0-9_]+)\.(sql|py)$")


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse for writing (DuckDB allows one writer)."""


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped with the package, in order. A migration
    SQL cannot express (recomputing ids in Python, say) is a module `NNN_name.py` with a
    `migrate(con)` function; its "sql" is its module name."""
    found = []
    for entry in resources.files("warehouse.migrations").iterdir():
        match = _MIGRATION.match(entry.name)
        if match and match.group(3) == "sql":
            found.append((int(match.group(1)), match.group(2), entry.read_text("utf-8")))
        elif match:
            found.append((int(match.group(1)), match.group(2), f"module:{entry.name[:-3]}"))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations must be numbered 001, 002, ... without gaps: {versions}")
    return found


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'schema_version' AND table_catalog = current_database()"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the migrations the database lacks, each in its own transaction. Returns the version."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    current = schema_version(con)
    for version, name, sql in migrations():
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            if sql.startswith("module:"):
                module = importlib.import_module(f"warehouse.migrations.{sql[7:]}")
                module.migrate(con)
            else:
                con.execute(sql)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)",
                [version, name, datetime.now(UTC).replace(tzinfo=None)],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        current = version
    return current


@contextmanager
def connect(path: Path | str) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse for writing, migrated to the latest schema.

    DuckDB lets one process write a file; a second writer gets WarehouseBusy with a clear
    message instead of DuckDB's lock error.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path))
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseBusy(
                f"the warehouse {path} is being written by another process; "
                "wait for it to finish (readers use the published snapshot)"
            ) from exc
        raise
    try:
        migrate(con)
        close_dead_runs(con)
        yield con
    finally:
        con.close()
