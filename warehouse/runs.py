"""The warehouse's `runs` table: one row per crawl, load, dedupe and publish, with its figures,
so a run that failed or was refused is on record beside the ones that worked."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import duckdb


def utc_now() -> datetime:
    """Now, in UTC, as the warehouse stores times (naive)."""
    return datetime.now(UTC).replace(tzinfo=None)


def record_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    kind: str,
    status: str,
    *,
    source: str | None = None,
    started: datetime | None = None,
    seconds: float | None = None,
    message: str | None = None,
    detail: dict | None = None,
    records: int = 0,
) -> str:
    """A row for a run that has no load of its own: a publish, a refused publish, a crawl that
    failed. A run already on record is left as it is."""
    now = utc_now()
    con.execute(
        "INSERT INTO runs (run_id, kind, source, started_at, finished_at, status, records, "
        "seconds, message, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (run_id) DO NOTHING",
        [run_id, kind, source, started or now, now, status, records, seconds,
         (message or "")[:2000] or None, json.dumps(detail or {}, default=str)],
    )  # fmt: skip
    return run_id
