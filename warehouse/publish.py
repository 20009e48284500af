"""Publishing the snapshot analysts read: `published/tally.duckdb` plus one Parquet file per
public table. Written beside the live file, fsynced and renamed into place, so a reader that
opens the published file at any moment sees a whole snapshot; the previous one is kept."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse import dictionary
from warehouse.db import connect, schema_version

PUBLISHED_NAME = "tally.duckdb"
PREVIOUS_NAME = "tally.previous.duckdb"
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
               p.first_reported, p.created_at, p.updated_at
        FROM main.persons p LEFT JOIN regions_src g ON g.region = p.region
    """,
    "records": """
        SELECT r.record_id, l.person_id, r.source, r.url, r.archive_ref, r.name_raw, r.full_name,
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
}

PUBLIC_VIEWS: dict[str, str] = {
    "deaths_by_day": "SELECT death_day AS day, count(*) AS deaths FROM persons "
    "WHERE death_day IS NOT NULL GROUP BY 1 ORDER BY 1",
    "deaths_by_month": "SELECT left(death_date, 7) AS month, count(*) AS deaths FROM persons "
    "WHERE length(death_date) >= 7 GROUP BY 1 ORDER BY 1",
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
    # per 100,000 men aged 16-61.5 (2021 census) with a 95 % interval (Byar's approximation)
    "deaths_per_capita": """
        SELECT p.region, g.name AS region_name, g.name_en AS region_name_en, g.men_16_61,
               count(*) AS deaths,
               count(*) / g.men_16_61 * 1e5 AS per_100k,
               count(*) * pow(1 - 1 / (9 * count(*)) - 1.959964 / (3 * sqrt(count(*))), 3)
                   / g.men_16_61 * 1e5 AS per_100k_low,
               (count(*) + 1) * pow(1 - 1 / (9 * (count(*) + 1))
                   + 1.959964 / (3 * sqrt(count(*) + 1)), 3) / g.men_16_61 * 1e5 AS per_100k_high
        FROM persons p JOIN regions g ON g.region = p.region
        WHERE g.men_16_61 IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY per_100k DESC""",
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


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def regions_table():
    """Every region tally knows (lexicon) with its 2021 census men aged 16-61.5 where counted."""
    import csv
    from importlib import resources

    import pyarrow as pa

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


_TEMP = re.compile(r"^\.(?:.+)\.(\d+)\.tmp(?:\.wal)?$")


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
    `.parquet.<pid>.tmp/`): removed when their writer is dead. Publishing holds the one-writer
    lock, so a live writer's files are never touched. Returns the names removed."""
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


def publish_snapshot(
    con: duckdb.DuckDBPyConnection, out_dir: Path | str, checks: Checks | None = None
) -> PublishResult:
    """Write the public snapshot from the warehouse connection `con` and swap it into place.
    With `checks`, a snapshot that fails them is thrown away (PublishRefused) and the published
    one stays."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).replace(tzinfo=None)
    tmp = out_dir / f".{PUBLISHED_NAME}.{os.getpid()}.tmp"
    remove_stale(out_dir)
    for stale in (tmp, Path(str(tmp) + ".wal")):
        stale.unlink(missing_ok=True)

    con.register("regions_src", regions_table())
    con.execute(f"ATTACH '{tmp}' AS pub")
    try:
        for name, sql in PUBLIC_TABLES.items():
            con.execute(f"CREATE TABLE pub.{name} AS {sql}")
        version = schema_version(con)
        con.execute(
            "CREATE TABLE pub.metadata AS SELECT ?::TIMESTAMP AS published_at, ? AS schema_version, "
            "(SELECT count(*) FROM pub.persons) AS persons, (SELECT count(*) FROM pub.records) AS records",
            [stamp, version],
        )
    finally:
        con.execute("DETACH pub")
        con.unregister("regions_src")

    # Views are created from a connection to the new file itself, so they name its own tables.
    pub = duckdb.connect(str(tmp))
    parquet_dir = out_dir / f".parquet.{os.getpid()}.tmp"
    try:
        for name, sql in PUBLIC_VIEWS.items():
            pub.execute(f"CREATE VIEW {name} AS {sql}")
        persons, records = pub.execute("SELECT persons, records FROM metadata").fetchone()
        shutil.rmtree(parquet_dir, ignore_errors=True)
        parquet_dir.mkdir()
        problems = (
            checks.problems(pub, _published_persons(out_dir / PUBLISHED_NAME)) if checks else []
        )
        if problems:
            pub.close()
            tmp.unlink(missing_ok=True)
            raise PublishRefused(
                "publish refused, the published snapshot is unchanged: " + "; ".join(problems)
            )
        dictionary.comment(pub)
        for name in [*PUBLIC_TABLES, "metadata"]:
            pub.execute(f"COPY {name} TO '{parquet_dir / (name + '.parquet')}' (FORMAT parquet)")
        described = dictionary.markdown(pub)
        pub.execute("CHECKPOINT")
    finally:
        pub.close()
        if not tmp.exists():
            shutil.rmtree(parquet_dir, ignore_errors=True)
    _fsync(tmp)

    final = out_dir / PUBLISHED_NAME
    if final.exists():
        # Keep the old snapshot for rollback; the published name is never missing.
        keep = out_dir / f".{PREVIOUS_NAME}.tmp"
        keep.unlink(missing_ok=True)
        os.link(final, keep)
        os.replace(keep, out_dir / PREVIOUS_NAME)
    os.replace(tmp, final)
    _swap_dir(parquet_dir, out_dir / "parquet")
    written = out_dir / f".{DICTIONARY_NAME}.tmp"
    written.write_text(described, encoding="utf-8")
    os.replace(written, out_dir / DICTIONARY_NAME)
    dir_fd = os.open(out_dir, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return PublishResult(final, persons, records, stamp.isoformat(timespec="seconds"))


def _swap_dir(new: Path, target: Path) -> None:
    """Point `target` (a symlink) at a fresh folder atomically and drop the old folder."""
    versioned = target.parent / f"parquet-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%f')}"
    new.rename(versioned)
    old = target.resolve() if target.is_symlink() else None
    link_tmp = target.parent / ".parquet.link.tmp"
    link_tmp.unlink(missing_ok=True)
    link_tmp.symlink_to(versioned.name)
    if target.exists() and not target.is_symlink():
        shutil.rmtree(target)
    os.replace(link_tmp, target)
    if old and old.exists() and old != versioned:
        shutil.rmtree(old, ignore_errors=True)


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
