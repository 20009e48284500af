"""The stages as plain functions: the Prefect flows call these, and so do the tests.

Data flows one way: crawl (a `scrapy crawl` subprocess writes a run folder) → load (run folder
into the warehouse) → dedupe (records into persons) → publish (the snapshot) → report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from flows.paths import Home
from spiders.config import SourceConfig, find_source
from warehouse.db import connect
from warehouse.load import LoadSummary, load_run
from warehouse.lock import warehouse_lock

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class CrawlResult:
    source: str
    run_id: str
    run_dir: Path
    returncode: int
    summary: dict

    @property
    def complete(self) -> bool:
        return self.returncode == 0 and self.summary.get("finish_reason") == "finished"


if TYPE_CHECKING:
    from warehouse.publish import Checks


def new_run_id(kind: str, source: str | None = None) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return f"{kind}-{source + '-' if source else ''}{stamp}-{uuid.uuid4().hex[:6]}"


def all_sources(home: Home, stand_in: bool = True) -> list[str]:
    """Every configured source: the built-in ones and the volunteers' own (var/sources);
    without `stand_in`, not the ones that read the stand-in site (sandbox-*)."""
    from spiders.config import builtin_sources

    names = set(builtin_sources())
    if home.sources.is_dir():
        names |= {p.stem for p in home.sources.glob("*.toml")}
    return sorted(n for n in names if stand_in or not n.startswith("sandbox-"))


def resolve_source(name: str, home: Home, base_url: str | None = None) -> SourceConfig:
    config = find_source(name, [home.sources])
    return config.with_base(base_url) if base_url else config


def count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as fh:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))


def crawl_command(
    name: str,
    home: Home,
    *,
    base_url: str | None = None,
    run_id: str | None = None,
    today: str | None = None,
    settings: dict[str, object] | None = None,
) -> tuple[SourceConfig, str, Path, list[str]]:
    """(config, run_id, run folder, command) of a crawl. Running the command again with the
    same run id resumes the crawl: Scrapy's job state and the pages already written are kept."""
    config = resolve_source(name, home, base_url)
    run_id = run_id or new_run_id("crawl", config.name)
    run_dir = home.runs / run_id
    run_dir.mkdir(parents=True, exist_ok=True)
    previous = run_dir / "previous.json"
    if not previous.exists():  # a resumed run keeps the state it started with
        previous.write_text(json.dumps(page_state(home, config.name)))
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "source",
        "-a",
        f"source={config.path or name}",
        "-a",
        f"run_dir={run_dir}",
        "-s",
        f"LOG_FILE={run_dir / 'crawl.log'}",
        "-s",
        f"JOBDIR={run_dir / 'job'}",
    ]
    if base_url:
        cmd += ["-a", f"base_url={base_url}"]
    if today:
        cmd += ["-a", f"today={today}"]
    if home.sources.exists():
        cmd += ["-a", f"sources_dir={home.sources}"]
    merged: dict[str, object] = {}
    if {urlsplit(u).hostname for u in config.start_urls} <= LOOPBACK:
        from spiders.settings import LOCAL_SETTINGS

        merged.update(LOCAL_SETTINGS)
    merged.update(settings or {})
    for key, value in merged.items():
        cmd += ["-s", f"{key}={value}"]
    (run_dir / "command.json").write_text(json.dumps(cmd))
    return config, run_id, run_dir, cmd


def crawl_env() -> dict[str, str]:
    return dict(os.environ, SCRAPY_SETTINGS_MODULE="spiders.settings")


def crawl_source(
    name: str,
    home: Home,
    *,
    base_url: str | None = None,
    run_id: str | None = None,
    today: str | None = None,
    settings: dict[str, object] | None = None,
    progress: Callable[[int], None] | None = None,
    timeout: float | None = None,
) -> CrawlResult:
    """Crawl one source in a `scrapy crawl` subprocess (Twisted's reactor cannot restart in one
    process). The run folder keeps the output, the log, the archive and the job state."""
    config, run_id, run_dir, cmd = crawl_command(
        name, home, base_url=base_url, run_id=run_id, today=today, settings=settings
    )
    proc = subprocess.Popen(cmd, env=crawl_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = time.monotonic()
    pages_file = run_dir / "pages.jsonl"
    while proc.poll() is None:
        if progress:
            progress(count_lines(pages_file))
        if timeout and time.monotonic() - started > timeout:
            proc.kill()
            break
        time.sleep(0.3)
    _, stderr = proc.communicate()
    if progress:
        progress(count_lines(pages_file))
    summary_path = run_dir / "summary.json"
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    if proc.returncode != 0 and not summary:
        tail = (stderr or b"").decode("utf-8", "replace")[-2000:]
        raise RuntimeError(
            f"crawl of {config.name} failed (exit {proc.returncode}); run again with run id "
            f"{run_id} to resume:\n{tail}"
        )
    return CrawlResult(config.name, run_id, run_dir, proc.returncode, summary)


class CrawlFailed(RuntimeError):
    """A crawl that may succeed if tried again: the site down, a 5xx, a timeout."""


class CrawlRefused(RuntimeError):
    """A crawl that will not succeed by trying again: the site answers 4xx (a start page
    gone, access forbidden). Fix the source's config."""


def check_crawl(result: CrawlResult) -> CrawlResult:
    """Raise when nothing was read: CrawlRefused if every page answered 4xx, CrawlFailed if
    pages failed otherwise (network, 5xx). A crawl that read something is kept as it is."""
    pages = result.run_dir / "pages.jsonl"
    rows = []
    if pages.exists():
        for line in pages.read_text(encoding="utf-8").splitlines():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    read = [r for r in rows if r.get("status") in ("parsed", "rejected")]
    failed = [r for r in rows if r.get("status") == "failed"]
    if read or not failed:
        return result
    statuses = sorted({int(r["http_status"]) for r in failed if r.get("http_status")})
    reasons = "; ".join(sorted({str(r.get("reason")) for r in failed}))[:300]
    if statuses and all(400 <= s < 500 for s in statuses):
        raise CrawlRefused(
            f"crawl of {result.source}: every page answered {', '.join(map(str, statuses))} "
            f"({reasons}); check its start_urls — not retried"
        )
    raise CrawlFailed(f"crawl of {result.source}: no page could be read ({reasons})")


def page_state(home: Home, source: str) -> dict[str, dict]:
    """What each page of a source answered at its last successful fetch: the next crawl asks
    "changed since?" and recognises unchanged pages by hash."""
    if not home.warehouse.exists():
        return {}
    with connect(home.warehouse) as con:
        rows = con.execute(
            """
            SELECT url, sha256, etag, last_modified, n_links, archive_ref FROM pages
            WHERE source = ? AND status IN ('parsed', 'rejected') AND sha256 IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) = 1
            """,
            [source],
        ).fetchall()
    keys = ("sha256", "etag", "last_modified", "n_links", "archive_ref")
    return {url: dict(zip(keys, rest, strict=True)) for url, *rest in rows}


def load_crawl(result: CrawlResult, home: Home) -> LoadSummary:
    with warehouse_lock(home.root, f"load {result.source}"), connect(home.warehouse) as con:
        return load_run(
            con,
            result.run_dir,
            run_id=result.run_id,
            source=result.source,
            complete=result.complete,
        )


def dedupe_stage(home: Home, scorer=None) -> dict:
    """Records (removed ones too: a deleted obituary does not bring a man back) into persons.
    `scorer` scores the candidate pairs elsewhere (a flow's Dask workers)."""
    with warehouse_lock(home.root, "dedupe"):
        return _dedupe_stage(home, scorer)


def _dedupe_stage(home: Home, scorer=None) -> dict:
    import pyarrow as pa

    from dedupe import dedupe_records
    from warehouse.judgements import Store

    run_id = new_run_id("dedupe")
    started = datetime.now(UTC).replace(tzinfo=None)
    clock = time.monotonic()
    with connect(home.warehouse) as con:
        records = (
            con.execute("SELECT * FROM records ORDER BY record_id").to_arrow_table().to_pylist()
        )
        previous = dict(con.execute("SELECT record_id, person_id FROM record_person").fetchall())
        store = Store(home.review_db)
        judgements = store.active()
        result = dedupe_records(records, previous=previous, judgements=judgements, scorer=scorer)
        now = datetime.now(UTC).replace(tzinfo=None)
        persons = (
            pa.Table.from_pylist([{"person_id": pid, **row} for pid, row in result.persons.items()])
            if result.persons
            else None
        )
        links = pa.table(
            {
                "record_id": list(result.assignment),
                "person_id": list(result.assignment.values()),
            }
        )
        review = pa.table(
            {
                "record_a": [p.record_a for p in result.review],
                "record_b": [p.record_b for p in result.review],
                "score": pa.array([p.score for p in result.review], pa.float64()),
                "reasons": [p.reasons for p in result.review],
            }
        )
        registered = ["new_links", "new_review"]
        con.register("new_links", links)
        con.register("new_review", review)
        if persons is not None:
            con.register("new_persons", persons)
            registered.append("new_persons")
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM record_person")
            con.execute(
                "INSERT INTO record_person SELECT record_id, person_id, ? FROM new_links", [run_id]
            )
            con.execute("DELETE FROM review_pairs")
            con.execute(
                "INSERT INTO review_pairs SELECT record_a, record_b, score, reasons, ? FROM new_review",
                [run_id],
            )
            if persons is not None:
                con.execute(
                    "DELETE FROM persons WHERE person_id NOT IN (SELECT person_id FROM new_persons)"
                )
                cols = [c for c in persons.column_names if c != "person_id"]
                con.execute(
                    f"INSERT INTO persons (person_id, {', '.join(cols)}, created_at, updated_at) "
                    f"SELECT person_id, {', '.join(cols)}, ?, ? FROM new_persons "
                    f"ON CONFLICT (person_id) DO UPDATE SET "
                    + ", ".join(f"{c} = excluded.{c}" for c in cols)
                    + ", updated_at = excluded.updated_at",
                    [now, now],
                )
            else:
                con.execute("DELETE FROM persons")
            figures = {
                "records": len(records),
                "persons": len(result.persons),
                "review_pairs": len(result.review),
                "pairs_compared": result.pairs_compared,
            }
            con.execute(
                "INSERT INTO runs (run_id, kind, started_at, finished_at, status, records, seconds, detail) "
                "VALUES (?, 'dedupe', ?, ?, 'ok', ?, ?, ?)",
                [
                    run_id,
                    started,
                    now,
                    len(records),
                    round(time.monotonic() - clock, 3),
                    json.dumps(figures),
                ],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            for name in registered:
                con.unregister(name)
    figures["judgements_obeyed"] = len(judgements)
    figures["contradictions"] = len(result.contradictions)
    store.replace_queue(review_queue(result), review_records(records, result.assignment), run_id)
    return figures


_KIND_RANK = {"contradiction": 3, "blocked": 2, "uncertain": 1}


def review_queue(result) -> list[dict]:
    """The pairs left for people, the most consequential first: contradictions between
    decisions, then merges a decision blocked, then uncertain pairs — among those, the pairs
    whose answer moves the most records (two big persons) and whose score is nearest a merge."""
    from collections import Counter

    size = Counter(result.assignment.values())
    out = []
    for p in result.review:
        moved = size[result.assignment.get(p.record_a)] + size[result.assignment.get(p.record_b)]
        out.append(
            {
                "record_a": p.record_a,
                "record_b": p.record_b,
                "score": p.score,
                "kind": p.kind,
                "reasons": p.reasons,
                "priority": _KIND_RANK.get(p.kind, 0) * 1000 + min(moved, 100) * 5 + p.score,
            }
        )
    return out


def review_records(records: list[dict], assignment: dict[str, str]) -> Iterator[dict]:
    for r in records:
        yield {**r, "person_id": assignment.get(r["record_id"])}


def publish_checks(home: Home, con) -> Checks:
    """The data assertions of a publish: each source's least and most live records (from its
    config's [expect]) and how far the count may fall (TALLY_MAX_DROP, default 10 %)."""
    from spiders.config import ConfigError, find_source
    from warehouse.publish import Checks

    limits = {}
    for (source,) in con.execute("SELECT DISTINCT source FROM records").fetchall():
        try:
            config = find_source(source, [home.sources])
        except (ConfigError, FileNotFoundError, KeyError, ValueError):
            continue  # an imported list, say: no expectations set
        if config.min_records or config.max_records is not None:
            limits[source] = (config.min_records, config.max_records)
    drop = os.environ.get("TALLY_MAX_DROP")
    return Checks(limits, float(drop) if drop not in (None, "", "none") else 0.1)


def record_run(
    home: Home,
    kind: str,
    status: str,
    *,
    source: str | None = None,
    run_id: str | None = None,
    started: datetime | None = None,
    seconds: float | None = None,
    message: str | None = None,
    detail: dict | None = None,
    records: int = 0,
) -> str:
    """A row in the warehouse's `runs` for a run that has no load of its own: a publish, a
    refused publish, a crawl that failed."""
    run_id = run_id or new_run_id(kind, source)
    now = datetime.now(UTC).replace(tzinfo=None)
    with warehouse_lock(home.root, f"record {kind} run"), connect(home.warehouse) as con:
        con.execute(
            "INSERT INTO runs (run_id, kind, source, started_at, finished_at, status, records, "
            "seconds, message, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (run_id) DO NOTHING",
            [run_id, kind, source, started or now, now, status, records, seconds,
             (message or "")[:2000] or None, json.dumps(detail or {}, default=str)],
        )  # fmt: skip
    return run_id


def publish_stage(home: Home) -> dict:
    from warehouse.publish import PublishRefused, publish_snapshot

    started, clock = datetime.now(UTC).replace(tzinfo=None), time.monotonic()
    try:
        with warehouse_lock(home.root, "publish"), connect(home.warehouse) as con:
            result = publish_snapshot(con, home.published, publish_checks(home, con))
    except PublishRefused as exc:
        record_run(home, "publish", "refused", started=started, message=str(exc),
                   seconds=round(time.monotonic() - clock, 3))  # fmt: skip
        raise
    record_run(
        home,
        "publish",
        "ok",
        started=started,
        seconds=round(time.monotonic() - clock, 3),
        records=result.records,
        detail={"persons": result.persons, "records": result.records, "path": str(result.path)},
    )
    return {
        "path": str(result.path),
        "persons": result.persons,
        "records": result.records,
        "published_at": result.published_at,
    }


def report_stage(home: Home) -> dict:
    from warehouse.report import gather, open_snapshot

    con = open_snapshot(home.snapshot)
    try:
        return gather(con)
    finally:
        con.close()
