"""The evidence behind published records: which archived copies (WARC files in the run folders)
the snapshot cites, and the WARC-Record-ID of each record's copy, the id a citation names."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from schema.archive import archive_file, read_record_id


def fill_warc_record_ids(con: duckdb.DuckDBPyConnection, runs_dir: Path | str | None = None) -> int:
    """Give records without a `warc_record_id` the one their `archive_ref` points at, read from
    the archive (an absolute reference as it is, a relative one under `runs_dir`). A copy that
    cannot be read (its run folder deleted or moved) leaves the id empty. Returns the records
    filled."""
    refs = con.execute(
        "SELECT DISTINCT archive_ref FROM records "
        "WHERE archive_ref IS NOT NULL AND warc_record_id IS NULL"
    ).fetchall()
    found: dict[str, str] = {}
    for (ref,) in refs:
        try:
            record_id = read_record_id(ref, runs_dir)
        except (OSError, ValueError):
            continue  # the archive is gone or elsewhere: the reference still says where it was
        if record_id:
            found[ref] = record_id
    if not found:
        return 0
    con.register("found_ids", pa.table({"ref": list(found), "id": list(found.values())}))
    try:
        return con.execute(
            "UPDATE records SET warc_record_id = f.id FROM found_ids f "
            "WHERE records.archive_ref = f.ref AND records.warc_record_id IS NULL"
        ).fetchone()[0]
    finally:
        con.unregister("found_ids")


def cited_archives(snapshot: duckdb.DuckDBPyConnection) -> list[str]:
    """The archives a published snapshot's records cite (removed records too: a page taken down
    is the evidence that most needs keeping), relative to the runs folder."""
    refs = snapshot.execute(
        "SELECT DISTINCT archive_ref FROM records WHERE archive_ref IS NOT NULL"
    ).fetchall()
    return sorted({archive_file(ref) for (ref,) in refs})
