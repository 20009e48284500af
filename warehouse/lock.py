"""One writer at a time: a lock file beside the warehouse, taken by every flow that writes it
(load, dedupe, publish, import) and by each source's crawl (one crawl per source at a time).

DuckDB allows one writing process and refuses the second at once; with the lock the second
flow waits its turn (up to `wait` seconds, TALLY_WRITER_WAIT, default 10 minutes) and then
fails with a message saying who holds the warehouse and since when, never touching the file.
The lock is an OS file lock (flock): a writer killed with -9 releases it with its process."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path


class Busy(RuntimeError):
    """Another flow holds the lock longer than this one would wait."""


# called once with a line when a writer starts waiting for the lock (a progress display shows it)
listeners: list[Callable[[str], None]] = []


def default_wait() -> float:
    return float(os.environ.get("TALLY_WRITER_WAIT", "600"))


@contextmanager
def held(path: Path | str, what: str, wait: float | None = None) -> Iterator[float]:
    """Hold the lock at `path` for `what` (a flow's description); yields the seconds waited."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wait = default_wait() if wait is None else wait
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    start, told = time.monotonic(), False
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() - start >= wait:
                    raise Busy(_refusal(path, what, wait)) from None
                if not told:
                    told = True
                    for listener in listeners:
                        listener(_waiting(path, what, wait))
                time.sleep(0.1)
        waited = time.monotonic() - start
        os.ftruncate(fd, 0)
        os.pwrite(
            fd,
            json.dumps(
                {
                    "what": what,
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "since": datetime.now(UTC).isoformat(timespec="seconds"),
                }
            ).encode(),
            0,
        )
        try:
            yield waited
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def holder(path: Path | str) -> dict | None:
    """Who holds the lock now (what, pid, host, since), or None."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        return json.loads(text) if text.strip() else None
    except json.JSONDecodeError:
        return None


def _held_by(path: Path) -> str:
    who = holder(path)
    return (
        f"{who['what']} (pid {who['pid']} on {who['host']}, since {who['since']})"
        if who
        else "another process"
    )


def _waiting(path: Path, what: str, wait: float) -> str:
    return f"{what}: waiting for the warehouse, written by {_held_by(path)} (up to {wait:.0f} s)"


def _refusal(path: Path, what: str, wait: float) -> str:
    by = _held_by(path)
    return (
        f"{what}: the warehouse is being written by {by}; waited {wait:.0f} s for it "
        f"({path}). Try again when that run ends, or raise TALLY_WRITER_WAIT."
    )


def warehouse_lock(root: Path | str, what: str, wait: float | None = None):
    """The lock every warehouse writer takes."""
    return held(Path(root) / "warehouse.lock", what, wait)


def source_lock(root: Path | str, source: str, wait: float | None = None):
    """One crawl of a source at a time (a per-source concurrency limit of one)."""
    return held(Path(root) / "locks" / f"crawl-{source}.lock", f"crawl {source}", wait)
