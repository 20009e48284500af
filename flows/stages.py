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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dedupe import dedupe_records
from flows.paths import Home
from review.queue import Queue, prioritise, with_persons
from review.store import Store
from schema.runfolder import COMMAND, JOB, LOG, PREVIOUS, RunFolder, new_run_id
from spiders.config import ConfigError, SourceConfig, builtin_sources, find_source
from spiders.importer import ImportSummary, import_csv
from spiders.settings import LOCAL_SETTINGS
from warehouse import runs
from warehouse.db import connect
from warehouse.load import LoadSummary, load_run, page_state
from warehouse.lock import warehouse_lock
from warehouse.persons import records_for_dedupe, save_persons
from warehouse.publish import Checks, PublishRefused, loaded_sources, publish_snapshot
from warehouse.report import gather, open_snapshot

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


def all_sources(home: Home, stand_in: bool = True) -> list[str]:
    """Every configured source: the built-in ones and the volunteers' own (var/sources);
    without `stand_in`, not the ones that read the stand-in site (sandbox-*)."""
    names = set(builtin_sources())
    if home.sources.is_dir():
        names |= {p.stem for p in home.sources.glob("*.toml")}
    return sorted(n for n in names if stand_in or not n.startswith("sandbox-"))


# The demo's sites: every kind of page the stand-in site serves (news obituaries, memorial
# walls, official condolences, social walls, books of memory, cemetery captions, English-language
# press, an old cp1251 portal).
DEMO_SITES = (
    "news",
    "memorial",
    "condolence",
    "social",
    "memorial_table",
    "cemetery",
    "press_en",
    "oldnews",
)


def demo_sources() -> list[str]:
    """The built-in source reading each demo site."""
    return [f"sandbox-{site.replace('_', '-')}" for site in DEMO_SITES]


def sandbox_sources() -> list[str]:
    """The built-in sources that read the stand-in site, one per kind of page."""
    return sorted(n for n in builtin_sources() if n.startswith("sandbox-"))


def resolve_source(name: str, home: Home, base_url: str | None = None) -> SourceConfig:
    config = find_source(name, [home.sources])
    return config.with_base(base_url) if base_url else config


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
    folder = RunFolder(home.runs / run_id).create()
    run_dir = folder.path
    if not (folder / PREVIOUS).exists():  # a resumed run keeps the state it started with
        folder.write_json(PREVIOUS, previous_pages(home, config.name))
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
        f"LOG_FILE={folder / LOG}",
        "-s",
        f"JOBDIR={folder / JOB}",
    ]
    if base_url:
        cmd += ["-a", f"base_url={base_url}"]
    if today:
        cmd += ["-a", f"today={today}"]
    if home.sources.exists():
        cmd += ["-a", f"sources_dir={home.sources}"]
    merged: dict[str, object] = {}
    if {urlsplit(u).hostname for u in config.start_urls} <= LOOPBACK:
        merged.update(LOCAL_SETTINGS)
    merged.update(settings or {})
    for key, value in merged.items():
        cmd += ["-s", f"{key}={value}"]
    (folder / COMMAND).write_text(json.dumps(cmd))
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
    folder = RunFolder(run_dir)
    while proc.poll() is None:
        if progress:
            progress(folder.count("page"))
        if timeout and time.monotonic() - started > timeout:
            proc.kill()
            break
        time.sleep(0.3)
    _, stderr = proc.communicate()
    if progress:
        progress(folder.count("page"))
    summary = folder.summary
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
    rows = list(RunFolder(result.run_dir).rows("page"))
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


def previous_pages(home: Home, source: str) -> dict[str, dict]:
    """Each page's state at the source's last crawl (none before the first)."""
    if not home.warehouse.exists():
        return {}
    with connect(home.warehouse) as con:
        return page_state(con, source)


def load_crawl(result: CrawlResult, home: Home) -> LoadSummary:
    with warehouse_lock(home.root, f"load {result.source}"), connect(home.warehouse) as con:
        return load_run(
            con,
            result.run_dir,
            run_id=result.run_id,
            source=result.source,
            complete=result.complete,
        )


def import_stage(
    home: Home,
    path: Path,
    source: str,
    *,
    mapping: dict[str, str] | None = None,
    as_persons: bool = False,
    lenient: bool = False,
    encoding: str | None = None,
) -> tuple[ImportSummary, LoadSummary]:
    """A volunteers' spreadsheet read into a run folder of its own, then loaded."""
    run_id = new_run_id("import", source)
    summary = import_csv(
        path,
        source,
        home.runs / run_id,
        mapping=mapping or {},
        as_persons=as_persons,
        lenient=lenient,
        encoding=encoding,
    )
    with warehouse_lock(home.root, f"import {source}"), connect(home.warehouse) as con:
        loaded = load_run(con, home.runs / run_id, run_id=run_id, source=source, complete=False)
    return summary, loaded


def dedupe_stage(home: Home, scorer=None) -> dict:
    """Records (removed ones too: a deleted obituary does not bring a man back) into persons.
    `scorer` scores the candidate pairs elsewhere (a flow's Dask workers)."""
    with warehouse_lock(home.root, "dedupe"):
        return _dedupe_stage(home, scorer)


def _dedupe_stage(home: Home, scorer=None) -> dict:
    run_id = new_run_id("dedupe")
    started, clock = runs.utc_now(), time.monotonic()
    store = Store(home.review_db)
    judgements = store.active()
    with connect(home.warehouse) as con:
        records, previous = records_for_dedupe(con)
        result = dedupe_records(records, previous=previous, judgements=judgements, scorer=scorer)
        figures = {
            "records": len(records),
            "persons": len(result.persons),
            "review_pairs": len(result.review),
            "pairs_compared": result.pairs_compared,
        }
        save_persons(
            con,
            run_id,
            persons=result.persons,
            assignment=result.assignment,
            review=result.review,
            figures=figures,
            started=started,
            seconds=time.monotonic() - clock,
        )
    figures["judgements_obeyed"] = len(judgements)
    figures["contradictions"] = len(result.contradictions)
    Queue(store).replace(prioritise(result), with_persons(records, result.assignment), run_id)
    return figures


def publish_checks(home: Home, con) -> Checks:
    """The data assertions of a publish: each source's least and most live records (from its
    config's [expect]) and how far the count may fall (TALLY_MAX_DROP, default 10 %)."""
    limits = {}
    for source in loaded_sources(con):
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
    **figures,
) -> str:
    """A row in the warehouse's `runs` for a run that has no load of its own: a publish, a
    refused publish, a crawl that failed."""
    run_id = run_id or new_run_id(kind, source)
    with warehouse_lock(home.root, f"record {kind} run"), connect(home.warehouse) as con:
        return runs.record_run(con, run_id, kind, status, source=source, **figures)


def publish_stage(home: Home) -> dict:
    started, clock = runs.utc_now(), time.monotonic()
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
    con = open_snapshot(home.snapshot)
    try:
        return gather(con)
    finally:
        con.close()
