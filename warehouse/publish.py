"""Publishing the snapshot analysts read: `published/tally.duckdb` plus one Parquet file per
public table and view. Written beside the live file, fsynced and renamed into place, so a reader
that opens the published file at any moment sees a whole snapshot; the last few are kept as dated
files (`warehouse.snapshots`). Each snapshot carries what changed since the one before, and every
snapshot's changes before it (`warehouse.changes`)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse import changes, dictionary
from warehouse.analysis import by_region_per_capita
from warehouse.db import connect, schema_version
from warehouse.snapshots import (
    PUBLISHED_NAME,
    fsync,
    install,
    keep_snapshots,
    remove_stale,
    swap_dir,
)

DICTIONARY_NAME = "DATA_DICTIONARY.md"

# Public tables: what analysts get. Internal state (review queues, run folders) stays behind.
PUBLIC_TABLES: dict[str, str] = {
    "persons": """
        SELECT p.person_id, p.full_name, p.surname, p.given_name, p.patronymic,
               p.birth_date, p.death_date,
               TRY_CAST(p.death_date AS DATE) AS death_day,
               TRY_CAST(left(p.death_date, 4) AS INTEGER) AS death_year,
               p.age, p.region, g.name AS region_name, g.name_en AS region_name_en,
               p.settlement, p.unit, p.rank, p.category, p.n_records, p.n_sources,
               p.first_reported, m.first_published, m.last_changed, p.created_at, p.updated_at
        FROM main.persons p LEFT JOIN regions_src g ON g.region = p.region
        LEFT JOIN _marks m USING (person_id)
    """,
    "records": """
        SELECT r.record_id, l.person_id, r.source, r.url,
               -- relative to the runs folder (an absolute one made before is cut to that)
               coalesce(nullif(regexp_extract(r.archive_ref, '[^/]+/[^/]+#[0-9]+$'), ''),
                        r.archive_ref) AS archive_ref,
               r.page_sha256, r.warc_record_id, r.name_raw, r.full_name,
               r.surname, r.given_name, r.patronymic, r.birth_date, r.birth_date_raw,
               r.death_date, r.death_date_raw, r.funeral_date, r.published_date, r.age,
               r.settlement, r.settlement_raw, r.region, r.region_raw, r.unit, r.unit_raw,
               r.rank, r.category, r.distinct_person, r.duplicate_of, r.fetched_at, r.first_seen,
               r.last_seen,
               r.removed_at
        FROM main.records r LEFT JOIN main.record_person l USING (record_id)
    """,
    "rejects": """
        SELECT reject_id, source, url, scope, reason, field, CAST(raw AS VARCHAR) AS raw,
               first_seen, last_seen
        FROM main.rejects
    """,
    "runs": """
        SELECT run_id, kind, source, started_at, finished_at, status, pages_parsed,
               pages_rejected, pages_failed, records, records_new, records_updated,
               records_removed, rejects, errors, seconds, message
        FROM main.runs
    """,
    "regions": "SELECT * FROM regions_src",
    "snapshots": f"""
        SELECT {changes.SNAPSHOT_COLUMNS} FROM main.snapshots
        UNION ALL SELECT {changes.SNAPSHOT_COLUMNS} FROM _snapshot_now ORDER BY published_at
    """,
    "changes": """
        SELECT c.snapshot_id, s.published_at, c.person_id, c.change, c.fields, c.merged_into
        FROM (SELECT snapshot_id, person_id, change, fields, merged_into FROM main.changes
              UNION ALL
              SELECT (SELECT snapshot_id FROM _snapshot_now), person_id, change, fields,
                     merged_into FROM _changes_now) c
        JOIN (SELECT snapshot_id, published_at FROM main.snapshots
              UNION ALL SELECT snapshot_id, published_at FROM _snapshot_now) s USING (snapshot_id)
        ORDER BY s.published_at, c.change, c.person_id
    """,
}

PUBLIC_VIEWS: dict[str, str] = {
    "deaths_by_day": "SELECT death_day AS day, count(*) AS deaths FROM persons "
    "WHERE death_day IS NOT NULL GROUP BY 1 ORDER BY 1",
    # a death dated only by its year is counted in a month of its own, YYYY-??, after December
    "deaths_by_month": "SELECT CASE WHEN length(death_date) >= 7 THEN left(death_date, 7) "
    "ELSE death_year::VARCHAR || '-??' END AS month, count(*) AS deaths FROM persons "
    "WHERE death_year IS NOT NULL GROUP BY 1 ORDER BY 1",
    "deaths_by_year": "SELECT death_year AS year, count(*) AS deaths FROM persons "
    "WHERE death_year IS NOT NULL GROUP BY 1 ORDER BY 1",
    "deaths_by_region": "SELECT p.region, any_value(p.region_name) AS region_name, "
    "count(*) AS deaths FROM persons p GROUP BY 1 ORDER BY 3 DESC",
    "deaths_by_category": "SELECT coalesce(category, 'unknown') AS category, count(*) AS deaths "
    "FROM persons GROUP BY 1 ORDER BY 2 DESC",
    "deadliest_days": "SELECT day, deaths FROM deaths_by_day ORDER BY deaths DESC, day LIMIT 50",
    "deaths_by_week": "SELECT date_trunc('week', death_day)::DATE AS week, count(*) AS deaths "
    "FROM persons WHERE death_day IS NOT NULL GROUP BY 1 ORDER BY 1",
    "deadliest_weeks": "SELECT week, deaths FROM deaths_by_week ORDER BY deaths DESC, week LIMIT 50",
    "deaths_by_unit": "SELECT unit, count(*) AS deaths FROM persons WHERE unit IS NOT NULL "
    "GROUP BY 1 ORDER BY 2 DESC, 1",
}


class PublishRefused(RuntimeError):
    """A data assertion failed: the snapshot was not published; the previous one stays."""


@dataclass(frozen=True)
class Checks:
    """What a snapshot must satisfy before it replaces the published one."""

    # source → (least, most) live records; None for no bound
    per_source: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    # the share of persons the count may lose since the last publish (0.1 = 10 %)
    max_drop: float | None = 0.1
    # source → why its last crawl does not count as complete (incomplete, killed)
    unfinished: dict[str, str] = field(default_factory=dict)

    def problems(self, pub: duckdb.DuckDBPyConnection, previous: int | None) -> list[str]:
        found = dict(
            pub.execute(
                "SELECT source, count(*) FROM records WHERE removed_at IS NULL GROUP BY 1"
            ).fetchall()
        )
        out = []
        for source, (least, most) in sorted(self.per_source.items()):
            n = found.get(source, 0)
            if n < least:
                out.append(f"source {source}: {n:,} live records, fewer than its least {least:,}")
            if most is not None and n > most:
                out.append(f"source {source}: {n:,} live records, more than its most {most:,}")
        for source, why in sorted(self.unfinished.items()):
            out.append(f"source {source}: {why}; crawl it again (`tally crawl {source}`)")
        persons = pub.execute("SELECT count(*) FROM persons").fetchone()[0]
        if previous and self.max_drop is not None and persons < previous * (1 - self.max_drop):
            out.append(
                f"the count fell from {previous:,} to {persons:,} persons "
                f"({(persons - previous) / previous:+.1%}), more than the {self.max_drop:.0%} "
                "allowed since the last publish"
            )
        return out


@dataclass
class PublishResult:
    path: Path
    persons: int
    records: int
    published_at: str
    snapshot_id: str = ""
    dropped: list[str] = field(default_factory=list)  # dated snapshots beyond the ones kept


def regions_table() -> pa.Table:
    """Every region tally knows (lexicon) with its 2021 census men aged 16-61.5 where counted."""
    import csv
    from importlib import resources

    from lexicon.places import all_regions

    with (
        resources.files("warehouse")
        .joinpath("data/census2021_men_16_61.csv")
        .open(encoding="utf-8") as fh
    ):
        census = {row["regNameISO"]: int(row["nMen16_615_2021"]) for row in csv.DictReader(fh)}
    regions = all_regions()
    return pa.table(
        {
            "region": [r.code for r in regions],
            "name": [r.name_ru for r in regions],
            "name_en": [r.name_en for r in regions],
            "men_16_61": pa.array([census.get(r.code) for r in regions], pa.int64()),
        }
    )


def _published_persons(final: Path) -> int | None:
    if not final.exists():
        return None
    try:
        con = duckdb.connect(str(final), read_only=True)
        try:
            return con.execute("SELECT persons FROM metadata").fetchone()[0]
        finally:
            con.close()
    except duckdb.Error:
        return None


def publish_snapshot(
    con: duckdb.DuckDBPyConnection,
    out_dir: Path | str,
    checks: Checks | None = None,
    keep: int | None = None,
) -> PublishResult:
    """Write the public snapshot from the warehouse connection `con` and swap it into place,
    keeping the newest `keep` snapshots as dated files (TALLY_KEEP_SNAPSHOTS, 5). With `checks`,
    a snapshot that fails them is thrown away (PublishRefused): the published one stays and the
    warehouse's history of snapshots is as it was."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    keep = keep_snapshots() if keep is None else keep
    tmp = out_dir / f".{PUBLISHED_NAME}.{os.getpid()}.tmp"
    remove_stale(out_dir)
    for stale in (tmp, Path(str(tmp) + ".wal")):
        stale.unlink(missing_ok=True)
    final = out_dir / PUBLISHED_NAME
    try:
        snap = changes.compare(con, datetime.now(UTC).replace(tzinfo=None), final)
        _write_tables(con, tmp, snap)
        parquet_dir = out_dir / f".parquet.{os.getpid()}.tmp"
        persons, records, described = _finish(tmp, parquet_dir, checks, final)
        fsync(tmp)
        # the history first: a crash before the rename below leaves a snapshot on record that
        # no file shows (its changes come out in the next one), never a file the history lacks
        changes.keep(con)
    finally:
        changes.drop(con)
    dropped = install(tmp, out_dir, snap.snapshot_id, keep)
    swap_dir(parquet_dir, out_dir / "parquet")
    written = out_dir / f".{DICTIONARY_NAME}.tmp"
    written.write_text(described, encoding="utf-8")
    os.replace(written, out_dir / DICTIONARY_NAME)
    fsync(out_dir)
    published_at = snap.published_at.isoformat(timespec="seconds")
    return PublishResult(final, persons, records, published_at, snap.snapshot_id, dropped)


def _write_tables(con: duckdb.DuckDBPyConnection, tmp: Path, snap: changes.Snapshot) -> None:
    """The public tables, from the warehouse into the new file."""
    con.register("regions_src", regions_table())
    con.execute(f"ATTACH '{tmp}' AS pub")
    try:
        for name, sql in PUBLIC_TABLES.items():
            con.execute(f"CREATE TABLE pub.{name} AS {sql}")
        con.execute(
            "CREATE TABLE pub.metadata AS SELECT ?::TIMESTAMP AS published_at, "
            "? AS snapshot_id, ?::VARCHAR AS previous_snapshot_id, ? AS schema_version, "
            "(SELECT count(*) FROM pub.persons) AS persons, "
            "(SELECT count(*) FROM pub.records) AS records, "
            "?::DOUBLE AS persons_expected, ?::BIGINT AS persons_low, "
            "?::BIGINT AS persons_high, ?::BIGINT AS pairs_pending",
            [snap.published_at, snap.snapshot_id, snap.previous_id, schema_version(con),
             *count_interval(con)],
        )  # fmt: skip
    finally:
        con.execute("DETACH pub")
        con.unregister("regions_src")


COUNT_FIGURES = ("persons_expected", "persons_low", "persons_high", "pairs_pending")


def count_interval(con: duckdb.DuckDBPyConnection) -> list:
    """The last dedupe run's expected count, its 95 % interval and the pairs awaiting review
    (`dedupe.uncertainty`), as its figures hold them; NULLs before any run that said."""
    row = con.execute(
        "SELECT detail FROM runs WHERE kind = 'dedupe' AND status = 'ok' "
        "ORDER BY finished_at DESC NULLS LAST, run_id DESC LIMIT 1"
    ).fetchone()
    figures = json.loads(row[0]) if row and row[0] else {}
    return [figures.get(k) for k in COUNT_FIGURES]


def _finish(
    tmp: Path, parquet_dir: Path, checks: Checks | None, final: Path
) -> tuple[int, int, str]:
    """Views, the rates table, the checks, comments and the Parquet copies, from a connection
    to the new file itself (so the views name its own tables). Returns the persons, the records
    and the data dictionary; a refused snapshot is deleted."""
    pub = duckdb.connect(str(tmp))
    try:
        for name, sql in PUBLIC_VIEWS.items():
            pub.execute(f"CREATE VIEW {name} AS {sql}")
        _per_capita_table(pub)
        persons, records = pub.execute("SELECT persons, records FROM metadata").fetchone()
        shutil.rmtree(parquet_dir, ignore_errors=True)
        parquet_dir.mkdir()
        problems = checks.problems(pub, _published_persons(final)) if checks else []
        if problems:
            pub.close()
            tmp.unlink(missing_ok=True)
            raise PublishRefused(
                "publish refused, the published snapshot is unchanged: " + "; ".join(problems)
            )
        dictionary.comment(pub)
        for name, _, _ in dictionary.describe(pub):
            target = parquet_dir / f"{name}.parquet"
            pub.execute(f"COPY (SELECT * FROM {name}) TO '{target}' (FORMAT parquet)")
        described = dictionary.markdown(pub)
        pub.execute("CHECKPOINT")
    finally:
        pub.close()
        if not tmp.exists():
            shutil.rmtree(parquet_dir, ignore_errors=True)
    return persons, records, described


RATE_SCHEMA = pa.schema(
    [
        ("region", pa.string()),
        ("region_name", pa.string()),
        ("region_name_en", pa.string()),
        ("men_16_61", pa.int64()),
        ("deaths", pa.int64()),
        ("per_100k", pa.float64()),
        ("per_100k_low", pa.float64()),
        ("per_100k_high", pa.float64()),
    ]
)


def _per_capita_table(pub: duckdb.DuckDBPyConnection) -> None:
    """`deaths_per_capita`: the report's own figures (`analysis.by_region_per_capita`, exact
    Poisson intervals), written as a table, so the file and the report never disagree."""
    rates = pa.Table.from_pylist(by_region_per_capita(pub), schema=RATE_SCHEMA)
    pub.register("rates_src", rates)
    try:
        pub.execute("CREATE TABLE deaths_per_capita AS SELECT * FROM rates_src")
    finally:
        pub.unregister("rates_src")


def dictionary_from_schema() -> str:
    """The dictionary of an empty snapshot published from a fresh warehouse: the schema alone,
    what `docs/DATA_DICTIONARY.md` holds."""
    with tempfile.TemporaryDirectory(prefix="tally-dictionary-") as tmp:
        with connect(Path(tmp) / "warehouse.duckdb") as con:
            publish_snapshot(con, Path(tmp) / "published")
        pub = duckdb.connect(str(Path(tmp) / "published" / PUBLISHED_NAME), read_only=True)
        try:
            return dictionary.markdown(pub)
        finally:
            pub.close()


def loaded_sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every source with records in the warehouse or a crawl on record (a source whose every
    page failed or was rejected has crawls but no records: it is checked all the same)."""
    return [
        r[0]
        for r in con.execute(
            "SELECT source FROM records UNION SELECT source FROM runs "
            "WHERE kind = 'crawl' AND source IS NOT NULL ORDER BY 1"
        ).fetchall()
    ]


def unfinished_crawls(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Sources whose latest crawl did not finish whole: source → what happened to it."""
    rows = con.execute(
        """
        SELECT source, status, run_id, message FROM runs
        WHERE kind = 'crawl' AND source IS NOT NULL AND status NOT IN ('running', 'failed')
        QUALIFY row_number() OVER (PARTITION BY source ORDER BY started_at DESC, run_id DESC) = 1
        """
    ).fetchall()
    return {
        source: f"its last crawl ({run_id}) is {status}" + (f": {message}" if message else "")
        for source, status, run_id, message in rows
        if status in ("incomplete", "killed")
    }
