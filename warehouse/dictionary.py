"""The data dictionary of the published file: every public table and view, each column with its
type (read from the snapshot itself) and its meaning (written here and in the record schema).
Written as `DATA_DICTIONARY.md` beside the snapshot, kept in `docs/`, and as DuckDB comments on
the tables and columns, so `duckdb_columns()` explains them too."""

from __future__ import annotations

from pathlib import Path

import duckdb

from schema.records import RECORD_COLUMNS

TABLES: dict[str, str] = {
    "persons": "One row per man: the merged, deduplicated count. The published number.",
    "records": "One row per report of a man on a source page (removed ones kept, marked).",
    "rejects": "Pages, records and fields that were refused, with the reason.",
    "runs": "Every crawl, load, dedupe and publish run with its figures.",
    "regions": "Regions tally knows, with 2021 census men aged 16–61.5 where counted.",
    "metadata": "This snapshot: its id, when it was published, the one before, its schema "
    "version and totals, and how sure the count is (its expected value and 95 % interval "
    "while pairs await review).",
    "snapshots": "Every snapshot published from this warehouse, oldest first, with how many men "
    "each added, changed, removed and merged. The last few are kept as files "
    "`tally.<snapshot_id>.duckdb` beside `tally.duckdb`.",
    "changes": "What each snapshot changed, one row per man: added, changed (which fields), "
    "removed, or merged into another man; every snapshot's changes, so filter by snapshot_id "
    "(this snapshot's is metadata.snapshot_id).",
    "deaths_by_day": "Persons by day of death (those with a known day).",
    "deaths_by_week": "Persons by week of death (weeks from Monday).",
    "deaths_by_month": "Persons by month of death (YYYY-MM); those dated only by year are "
    "counted in YYYY-??, after December. Those with no year of death are in no row.",
    "deaths_by_year": "Persons by year of death.",
    "deaths_by_region": "Persons by home region.",
    "deaths_by_category": "Persons by category (volunteer, mobilized, prisoner, …).",
    "deaths_by_unit": "Persons by military unit.",
    "deaths_per_capita": "Persons per 100,000 men aged 16–61.5 by region, with a 95 % Poisson "
    "interval (exact up to 200 deaths, Byar's approximation beyond: the report's own figures); "
    "regions with no census figure keep their count and no rate.",
    "deadliest_days": "The 50 days with most deaths.",
    "deadliest_weeks": "The 50 weeks with most deaths.",
}

COLUMNS: dict[str, str] = {
    "person_id": "Stable person id: a man keeps it across runs",
    "n_records": "Reports merged into this man",
    "n_sources": "Distinct sources that reported him",
    "first_reported": "Earliest publication (or fetch) date among his reports",
    "first_published": "The first snapshot that had this man (snapshot_id; for men published "
    "before snapshots were kept, the first snapshot kept)",
    "last_changed": "The last snapshot that added him or changed his values or his set of "
    "records (see changes)",
    "created_at": "When dedupe first found this man (UTC)",
    "updated_at": "When dedupe last found his values or his set of records changed (UTC)",
    "death_day": "Death date as a DATE where the day is known",
    "death_year": "Year of death",
    "region_name": "Region name in Russian",
    "region_name_en": "Region name in English",
    "first_seen": "First run that saw the record",
    "last_seen": "Last run that saw the record",
    "removed_at": "When the record vanished from its page (still counted: a deleted obituary "
    "does not bring a man back)",
    "reject_id": "Id of the reject",
    "scope": "page, record or field",
    "reason": "Why it was refused",
    "field": "The field refused (scope field)",
    "raw": "What was refused, as read",
    "run_id": "Run id",
    "kind": "crawl, load, dedupe or publish",
    "started_at": "Start (UTC)",
    "finished_at": "End (UTC)",
    "status": "ok or failed",
    "pages_parsed": "Pages that gave records",
    "pages_rejected": "Pages refused (why in rejects)",
    "pages_failed": "Pages that could not be fetched (why in the run's message)",
    "records_new": "Records first seen in this run",
    "records_updated": "Records whose content changed",
    "records_removed": "Records gone from their pages",
    "errors": "Errors during the run",
    "rejects": "Rejects written by the run",
    "seconds": "Duration",
    "message": "What went wrong, if anything",
    "name": "Name in Russian",
    "name_en": "Name in English",
    "men_16_61": "Men aged 16–61.5, 2021 census",
    "published_at": "When the snapshot was published (UTC)",
    "snapshot_id": "Snapshot id: its publish time, YYYYMMDDTHHMMSS.ffffffZ (UTC)",
    "previous_snapshot_id": "The snapshot before this one",
    "previous_id": "The snapshot before this one",
    "added": "Men first published in this snapshot",
    "changed": "Men whose values or records changed",
    "removed": "Men gone, their records in no one",
    "merged": "Men gone, their records now another man's",
    "change": "added, changed, removed (gone, his records in no one) or merged (gone, his records "
    "now merged_into's)",
    "fields": "For changed: the fields whose values changed; `records` when his set of records "
    "did, `records_removed` when one of his records was taken down from its page (or came back)",
    "merged_into": "For merged: the man who holds most of his records now",
    "schema_version": "Warehouse schema version (migrations applied)",
    "persons_expected": "The number of men expected once every uncertain pair is decided (the "
    "mean of dedupe's draws over the pairs' match probabilities; see README, the count's "
    "uncertainty)",
    "persons_low": "Lower end of the count's 95 % interval",
    "persons_high": "Upper end of the count's 95 % interval",
    "pairs_pending": "Pairs of records the last dedupe run left for people to decide",
    "day": "Day of death",
    "week": "Monday of the week of death",
    "month": "Month of death (YYYY-MM), or YYYY-?? for deaths dated only by year",
    "year": "Year of death",
    "deaths": "Persons",
    "per_100k": "Persons per 100,000 men aged 16–61.5",
    "per_100k_low": "Lower end of the 95 % interval",
    "per_100k_high": "Upper end of the 95 % interval",
}


def meaning(column: str) -> str:
    if column in COLUMNS:
        return COLUMNS[column]
    for c in RECORD_COLUMNS:
        if c.name == column:
            return c.doc
    if column in ("persons", "records"):
        return f"Count of {column}"
    return ""


def describe(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(name, kind, [(column, type)]) for every table and view of the connection's database."""
    out = []
    objects = con.execute(
        "SELECT table_name, table_type FROM information_schema.tables "
        "WHERE table_schema = 'main' ORDER BY table_type, table_name"
    ).fetchall()
    for name, kind in objects:
        cols = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
            [name],
        ).fetchall()
        out.append((name, "view" if kind == "VIEW" else "table", cols))
    return out


def markdown(con: duckdb.DuckDBPyConnection) -> str:
    lines = [
        "# Data dictionary: `published/tally.duckdb`",
        "",
        "Generated from the published snapshot's own schema (`tally dictionary`). Open the file "
        "read-only; every table and view is also a Parquet file in `published/parquet/`. Dates "
        "are ISO text and may be partial (`2024`, `2024-03`); an empty value means the sources "
        "do not say. `archive_ref` is relative to the runs folder, or to the folder "
        "`tally archive export` wrote.",
        "",
    ]
    for name, kind, cols in describe(con):
        lines += [f"## `{name}` ({kind})", "", TABLES.get(name, ""), ""]
        lines += ["| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c}` | {t} | {meaning(c)} |" for c, t in cols]
        lines.append("")
    return "\n".join(lines)


def comment(con: duckdb.DuckDBPyConnection) -> None:
    """The meanings as DuckDB comments on the snapshot's tables, views and their columns."""
    for name, kind, cols in describe(con):
        what = "VIEW" if kind == "view" else "TABLE"
        if name in TABLES:
            con.execute(f"COMMENT ON {what} {name} IS {_quote(TABLES[name])}")
        for c, _ in cols:
            text = meaning(c)
            if text:
                con.execute(f'COMMENT ON COLUMN {name}."{c}" IS {_quote(text)}')


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write(con: duckdb.DuckDBPyConnection, path: Path | str) -> Path:
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(markdown(con), encoding="utf-8")
    tmp.replace(path)
    return path
