"""Loading one crawl run's output into the warehouse, idempotently and all-or-nothing.

A crawl writes its records, rejects, page rows and figures into its run folder
(`schema.runfolder`). Loading happens in one transaction: a crash (even kill -9) leaves the warehouse as it
was, and loading the same run again changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from schema.records import PAGE_COLUMNS, RECORD_COLUMNS, REJECT_COLUMNS, column_types
from schema.runfolder import RunFolder

_RECORD_TYPES = column_types(RECORD_COLUMNS) | {"content_hash": "VARCHAR"}
_REJECT_TYPES = column_types(REJECT_COLUMNS)
_PAGE_TYPES = column_types(PAGE_COLUMNS)
# Columns of `records` a newer report of the same record may change.
_UPDATABLE = [c.name for c in RECORD_COLUMNS if c.name not in {"record_id", "source", "url"}]


@dataclass
class LoadSummary:
    run_id: str
    source: str
    pages_parsed: int = 0
    pages_rejected: int = 0
    pages_failed: int = 0
    records: int = 0
    records_new: int = 0
    records_updated: int = 0
    records_removed: int = 0
    rejects: int = 0
    errors: int = 0
    pages_unchanged: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # links not followed (robots.txt, …)
    reasons: dict[str, int] = field(default_factory=dict)  # why pages were rejected or failed
    already_loaded: bool = False
    records_repeated: int = 0  # rows of one record read again in the run (a page re-read)
    status: str = "ok"  # ok | incomplete (the crawl's accounting did not close)
    incomplete: list[str] = field(default_factory=list)  # why

    def as_dict(self) -> dict:
        return asdict(self)


def _stage(con: duckdb.DuckDBPyConnection, table: str, path: Path | None, types: dict) -> int:
    columns = ", ".join(f"{name} {typ}" for name, typ in types.items())
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} ({columns})")
    if path is None:
        return 0
    spec = "{" + ", ".join(f"'{n}': '{t}'" for n, t in types.items()) + "}"
    con.execute(
        f"INSERT INTO {table} SELECT * FROM read_json(?, format='newline_delimited', "
        f"columns={spec}, maximum_object_size=67108864)",
        [str(path)],
    )
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def load_run(
    con: duckdb.DuckDBPyConnection,
    run_dir: Path,
    *,
    run_id: str,
    source: str,
    complete: bool = True,
    incomplete: list[str] | None = None,
) -> LoadSummary:
    """Load a crawl run folder. `complete` says the crawl finished and accounted for every URL
    it asked, so records that vanished from pages it fetched can be marked removed; a crawl
    that is not complete is loaded as «incomplete» (why: `incomplete`), never as ok, and
    removes nothing."""
    done = con.execute(
        "SELECT detail FROM runs WHERE run_id = ? AND kind = 'crawl' AND status = 'ok'", [run_id]
    ).fetchone()
    if done:
        summary = LoadSummary(**json.loads(done[0]))
        summary.already_loaded = True
        return summary

    folder = RunFolder(run_dir)
    crawl = folder.summary
    started = crawl.get("started_at") or datetime.now(UTC).replace(tzinfo=None).isoformat()
    summary = LoadSummary(
        run_id=run_id,
        source=source,
        errors=int(crawl.get("errors", 0)),
        skipped={k: v for k, v in crawl.get("skipped", {}).items() if v},
        status="incomplete" if incomplete else "ok",
        incomplete=list(incomplete or []),
    )

    con.execute("BEGIN TRANSACTION")
    try:
        _stage(con, "incoming_records", folder.complete_file("record"), _RECORD_TYPES)
        _stage(con, "incoming_rejects", folder.complete_file("reject"), _REJECT_TYPES)
        _stage(con, "incoming_pages", folder.complete_file("page"), _PAGE_TYPES)
        _load_records(con, run_id, summary)
        _load_rejects(con, run_id, summary)
        _load_pages(con, run_id, summary)
        _touch_unchanged(con, run_id, source)
        if complete:
            summary.records_removed = _mark_removed(con, run_id, source)
        con.execute(
            "INSERT INTO runs (run_id, kind, source, started_at, finished_at, status, "
            "pages_parsed, pages_rejected, pages_failed, records, records_new, records_updated, "
            "records_removed, rejects, errors, seconds, message, detail) "
            "VALUES (?, 'crawl', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (run_id) DO UPDATE SET finished_at = excluded.finished_at, "
            "status = excluded.status, pages_parsed = excluded.pages_parsed, "
            "pages_rejected = excluded.pages_rejected, pages_failed = excluded.pages_failed, "
            "records = excluded.records, records_new = excluded.records_new, "
            "records_updated = excluded.records_updated, "
            "records_removed = excluded.records_removed, rejects = excluded.rejects, "
            "errors = excluded.errors, seconds = excluded.seconds, message = excluded.message, "
            "detail = excluded.detail",
            [
                run_id,
                source,
                started,
                crawl.get("finished_at") or started,
                summary.status,
                summary.pages_parsed,
                summary.pages_rejected,
                summary.pages_failed,
                summary.records,
                summary.records_new,
                summary.records_updated,
                summary.records_removed,
                summary.rejects,
                summary.errors,
                crawl.get("seconds"),
                "; ".join(summary.incomplete) or crawl.get("finish_reason"),
                json.dumps(summary.as_dict()),
            ],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return summary


def _load_records(con: duckdb.DuckDBPyConnection, run_id: str, summary: LoadSummary) -> None:
    # One row per record id: a page read twice in one run (a crawl resumed or retried) gives
    # its records twice; the latest reading is kept and the repeats are counted. (Identical
    # entries of one page have ids of their own: schema.records.tell_apart.)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE incoming AS SELECT * FROM incoming_records "
        "QUALIFY row_number() OVER (PARTITION BY record_id ORDER BY fetched_at DESC, url) = 1"
    )
    summary.records = con.execute("SELECT count(*) FROM incoming").fetchone()[0]
    read = con.execute("SELECT count(*) FROM incoming_records").fetchone()[0]
    summary.records_repeated = read - summary.records
    summary.records_new, summary.records_updated = con.execute(
        "SELECT count(*) FILTER (WHERE r.record_id IS NULL), "
        "count(*) FILTER (WHERE r.record_id IS NOT NULL "
        "  AND (r.content_hash <> i.content_hash OR r.removed_at IS NOT NULL)) "
        "FROM incoming i LEFT JOIN records r USING (record_id)"
    ).fetchone()
    columns = [c.name for c in RECORD_COLUMNS]
    updates = ", ".join(
        f"{c} = CASE WHEN records.content_hash <> excluded.content_hash THEN excluded.{c} "
        f"ELSE records.{c} END"
        for c in _UPDATABLE
    )
    # new records go in with a plain insert (most of a first load); known ones are upserted
    con.execute(
        f"INSERT INTO records ({', '.join(columns)}, content_hash, first_seen, last_seen, "
        f"removed_at, first_run, last_run) "
        f"SELECT {', '.join(columns)}, content_hash, fetched_at, fetched_at, NULL, ?, ? "
        f"FROM incoming i WHERE NOT EXISTS "
        f"(SELECT 1 FROM records r WHERE r.record_id = i.record_id)",
        [run_id, run_id],
    )
    if summary.records_new == summary.records:
        return
    con.execute(
        f"INSERT INTO records ({', '.join(columns)}, content_hash, first_seen, last_seen, "
        f"removed_at, first_run, last_run) "
        f"SELECT {', '.join(columns)}, content_hash, fetched_at, fetched_at, NULL, ?, ? "
        f"FROM incoming i WHERE EXISTS "
        f"(SELECT 1 FROM records r WHERE r.record_id = i.record_id) "
        f"ON CONFLICT (record_id) DO UPDATE SET {updates}, "
        f"content_hash = excluded.content_hash, "
        f"first_seen = least(records.first_seen, excluded.first_seen), "
        f"last_seen = greatest(records.last_seen, excluded.last_seen), "
        f"removed_at = NULL, last_run = excluded.last_run",
        [run_id, run_id],
    )


def _load_rejects(con: duckdb.DuckDBPyConnection, run_id: str, summary: LoadSummary) -> None:
    con.execute(
        "CREATE OR REPLACE TEMP TABLE incoming_x AS SELECT * FROM incoming_rejects "
        "QUALIFY row_number() OVER (PARTITION BY reject_id ORDER BY fetched_at DESC) = 1"
    )
    summary.rejects = con.execute("SELECT count(*) FROM incoming_x").fetchone()[0]
    con.execute(
        "INSERT INTO rejects SELECT reject_id, ?, source, url, scope, reason, field, raw, fetched_at, "
        "coalesce(fetched_at, now()::TIMESTAMP), coalesce(fetched_at, now()::TIMESTAMP) "
        "FROM incoming_x ON CONFLICT (reject_id) DO UPDATE SET "
        "run_id = excluded.run_id, last_seen = greatest(rejects.last_seen, excluded.last_seen)",
        [run_id],
    )


def _load_pages(con: duckdb.DuckDBPyConnection, run_id: str, summary: LoadSummary) -> None:
    # A page's status is the page's: parsed, rejected (its layout did not match) or failed. The
    # records validation rejected are counted beside it (n_rejects), and listed in `rejects`.
    con.execute(
        """
        INSERT INTO pages (run_id, source, url, status, reason, http_status, n_records, n_rejects,
                           sha256, archive_ref, fetched_at, unchanged, etag, last_modified,
                           n_links, charset, redirected_to, config_digest)
        SELECT ?, p.source, p.url, p.status, p.reason,
               p.http_status, coalesce(r.n, 0), coalesce(x.n, 0), p.sha256, p.archive_ref,
               p.fetched_at, coalesce(p.unchanged, false), p.etag, p.last_modified,
               coalesce(p.n_links, 0), p.charset, p.redirected_to, p.config_digest
        FROM (SELECT * FROM incoming_pages
              QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) = 1) p
        LEFT JOIN (SELECT url, count(DISTINCT record_id) n FROM incoming_records GROUP BY url) r USING (url)
        LEFT JOIN (SELECT url, count(*) n FROM incoming_rejects
                   WHERE scope = 'record' GROUP BY url) x USING (url)
        ON CONFLICT (run_id, url) DO UPDATE SET status = excluded.status,
            reason = excluded.reason, http_status = excluded.http_status,
            n_records = excluded.n_records, n_rejects = excluded.n_rejects,
            sha256 = excluded.sha256, archive_ref = excluded.archive_ref,
            fetched_at = excluded.fetched_at, unchanged = excluded.unchanged,
            etag = excluded.etag, last_modified = excluded.last_modified,
            n_links = excluded.n_links, charset = excluded.charset,
            redirected_to = excluded.redirected_to, config_digest = excluded.config_digest
        """,
        [run_id],
    )
    counts = dict(
        con.execute(
            "SELECT status, count(*) FROM pages WHERE run_id = ? GROUP BY 1", [run_id]
        ).fetchall()
    )
    summary.pages_parsed = counts.get("parsed", 0)
    summary.pages_rejected = counts.get("rejected", 0)
    summary.pages_failed = counts.get("failed", 0)
    summary.pages_unchanged = con.execute(
        "SELECT count(*) FROM pages WHERE run_id = ? AND unchanged", [run_id]
    ).fetchone()[0]
    # «HTTP 404», «layout: body selector … matched 0 elements»: reasons with URLs blanked out
    summary.reasons = dict(
        con.execute(
            """
            SELECT status || ': ' || regexp_replace(coalesce(reason, '?'), '\\S+://\\S+', 'URL', 'g') AS why,
                   count(*) FROM pages
            WHERE run_id = ? AND status IN ('rejected', 'failed') GROUP BY 1 ORDER BY 2 DESC LIMIT 10
            """,
            [run_id],
        ).fetchall()
    )


def _touch_unchanged(con: duckdb.DuckDBPyConnection, run_id: str, source: str) -> None:
    """An unchanged page was not re-read: its records were seen again all the same."""
    con.execute(
        """
        UPDATE records SET last_seen = greatest(records.last_seen, p.fetched_at), last_run = ?
        FROM pages p
        WHERE p.run_id = ? AND p.unchanged AND records.source = ? AND records.url = p.url
          AND records.removed_at IS NULL
        """,
        [run_id, run_id, source],
    )


def _mark_removed(con: duckdb.DuckDBPyConnection, run_id: str, source: str) -> int:
    """Records no longer on a page this run fetched whole (or that answered 404/410) are marked
    removed, never deleted: relatives and officials take obituaries down."""
    rows = con.execute(
        """
        UPDATE records SET removed_at = now()::TIMESTAMP
        WHERE source = ? AND removed_at IS NULL AND last_run <> ?
          AND url IN (SELECT url FROM pages WHERE run_id = ?
                      AND ((status IN ('parsed', 'rejected') AND NOT unchanged)
                           OR http_status IN (404, 410)))
        RETURNING record_id
        """,
        [source, run_id, run_id],
    ).fetchall()
    return len(rows)


def page_state(con: duckdb.DuckDBPyConnection, source: str) -> dict[str, dict]:
    """What each page of a source answered at its last successful fetch: the next crawl asks
    "changed since?" and recognises unchanged pages by hash."""
    rows = con.execute(
        """
        SELECT url, sha256, etag, last_modified, n_links, archive_ref, status, reason,
               config_digest FROM pages
        WHERE source = ? AND status IN ('parsed', 'rejected') AND sha256 IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) = 1
        """,
        [source],
    ).fetchall()
    keys = ("sha256", "etag", "last_modified", "n_links", "archive_ref", "status", "reason",
            "config_digest")  # fmt: skip
    return {url: dict(zip(keys, rest, strict=True)) for url, *rest in rows}
