"""The warehouse's `runs` table: one row per crawl, load, dedupe and publish, with its figures,
so a run that failed or was refused is on record beside the ones that worked."""

from __future__ import annotations

import json
import os
import socket
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
    failed. A run already on record (opened as «running») is closed with these figures."""
    now = utc_now()
    con.execute(
        "INSERT INTO runs (run_id, kind, source, started_at, finished_at, status, records, "
        "seconds, message, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (run_id) DO UPDATE SET finished_at = excluded.finished_at, "
        "status = excluded.status, records = excluded.records, seconds = excluded.seconds, "
        "message = excluded.message, detail = excluded.detail",
        [run_id, kind, source, started or now, now, status, records, seconds,
         (message or "")[:2000] or None, json.dumps(detail or {}, default=str)],
    )  # fmt: skip
    return run_id


def open_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    kind: str,
    *,
    source: str | None = None,
    started: datetime | None = None,
) -> None:
    """A run's row as it starts: «running», with the process that owns it. A run that is never
    closed (its process killed) is marked «killed» by the next writer (`close_dead_runs`).
    Opening a run again (a retry with the same id) takes it over."""
    con.execute(
        "INSERT INTO runs (run_id, kind, source, started_at, status, pid, host) "
        "VALUES (?, ?, ?, ?, 'running', ?, ?) ON CONFLICT (run_id) DO UPDATE SET "
        "status = 'running', pid = excluded.pid, host = excluded.host, finished_at = NULL",
        [run_id, kind, source, started or utc_now(), os.getpid(), socket.gethostname()],
    )


def close_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    status: str,
    *,
    seconds: float | None = None,
    message: str | None = None,
    detail: dict | None = None,
    records: int | None = None,
) -> None:
    """A run's row as it ends: ok, incomplete, failed or refused, with its figures."""
    con.execute(
        "UPDATE runs SET status = ?, finished_at = ?, seconds = coalesce(?, seconds), "
        "message = coalesce(?, message), detail = coalesce(?, detail), "
        "records = coalesce(?, records) WHERE run_id = ?",
        [status, utc_now(), seconds, (message or "")[:2000] or None,
         json.dumps(detail, default=str) if detail is not None else None, records, run_id],
    )  # fmt: skip


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def close_dead_runs(con: duckdb.DuckDBPyConnection) -> int:
    """Runs left «running» by a process of this machine that no longer exists (killed, out of
    memory, the machine restarted) are marked «killed». Returns how many."""
    host = socket.gethostname()
    rows = con.execute(
        "SELECT run_id, pid FROM runs WHERE status = 'running' AND host = ?", [host]
    ).fetchall()
    dead = [(run_id, pid) for run_id, pid in rows if pid is None or not _alive(int(pid))]
    for run_id, pid in dead:
        close_run(
            con,
            run_id,
            "killed",
            message=f"its process ({pid} on {host}) ended without finishing the run",
        )
    return len(dead)
