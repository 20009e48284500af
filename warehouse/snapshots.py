"""The published snapshot's files. `tally.duckdb` is the newest snapshot, `tally.previous.duckdb`
the one before (for rollback), and the last N (`TALLY_KEEP_SNAPSHOTS`, 5 by default) are kept as
dated files `tally.<snapshot_id>.duckdb`, so an analyst can compare any two. Names of one snapshot
are hard links of one file: keeping them costs only the snapshots that differ. Every name is
swapped in by rename, so a reader never sees a half-written file."""

from __future__ import annotations

import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

PUBLISHED_NAME = "tally.duckdb"
PREVIOUS_NAME = "tally.previous.duckdb"
KEEP_DEFAULT = 5
_DATED = re.compile(r"^tally\.(\d{8}T\d{6}\.\d{6}Z)\.duckdb$")
_TEMP = re.compile(r"^\.(?:.+)\.(\d+)\.tmp(?:\.wal)?$")


def dated_name(snapshot_id: str) -> str:
    """The file a snapshot is kept as: `tally.<snapshot_id>.duckdb`."""
    return f"tally.{snapshot_id}.duckdb"


def keep_snapshots(value: str | None = None) -> int:
    """How many snapshots to keep as dated files: `value`, else TALLY_KEEP_SNAPSHOTS, else 5;
    at least 1 (the newest)."""
    text = value if value is not None else os.environ.get("TALLY_KEEP_SNAPSHOTS", "")
    if not text.strip():
        return KEEP_DEFAULT
    try:
        keep = int(text)
    except ValueError:
        keep = 0
    if keep < 1:
        raise ValueError(f"TALLY_KEEP_SNAPSHOTS wants a whole number of 1 or more, not {text!r}")
    return keep


def kept(out_dir: Path | str) -> list[tuple[str, Path]]:
    """The dated snapshots in a published folder, (snapshot_id, file), oldest first."""
    found = [(m.group(1), p) for p in Path(out_dir).iterdir() if (m := _DATED.match(p.name))]
    return sorted(found)


def install(tmp: Path, out_dir: Path, snapshot_id: str, keep: int) -> list[str]:
    """Put a whole, fsynced snapshot file in place: under its dated name, then the published
    one becomes the previous, then the new one the published; dated files beyond the newest
    `keep` are dropped. Returns the names dropped."""
    _link_into(tmp, out_dir / dated_name(snapshot_id))
    final = out_dir / PUBLISHED_NAME
    if final.exists():
        _link_into(final, out_dir / PREVIOUS_NAME)  # the published name is never missing
    os.replace(tmp, final)
    dropped = []
    for _, path in kept(out_dir)[:-keep]:
        path.unlink(missing_ok=True)
        dropped.append(path.name)
    return dropped


def _link_into(src: Path, target: Path) -> None:
    """`target` becomes another name of `src`, swapped in by rename."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.link(src, tmp)
    os.replace(tmp, target)


def fsync(path: Path) -> None:
    """Flush a file (or a folder's entries) to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def swap_dir(new: Path, target: Path) -> None:
    """Point `target` (a symlink) at a fresh folder atomically and drop the old folder."""
    versioned = target.parent / f"{target.name}-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%f')}"
    new.rename(versioned)
    old = target.resolve() if target.is_symlink() else None
    link_tmp = target.parent / f".{target.name}.link.tmp"
    link_tmp.unlink(missing_ok=True)
    link_tmp.symlink_to(versioned.name)
    if target.exists() and not target.is_symlink():
        shutil.rmtree(target)
    os.replace(link_tmp, target)
    if old and old.exists() and old != versioned:
        shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def remove_stale(out_dir: Path) -> list[str]:
    """Temporary files a killed publisher left (`.tally.duckdb.<pid>.tmp`, its `.wal`,
    `.parquet.<pid>.tmp/`, a link half made): removed when their writer is dead. Publishing
    holds the one-writer lock, so a live writer's files are never touched. Returns the names
    removed."""
    removed = []
    for path in out_dir.iterdir():
        found = _TEMP.match(path.name)
        if not found or int(found.group(1)) == os.getpid() or _alive(int(found.group(1))):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed
