"""The stages as plain functions: the Prefect flows call these, and so do the tests.

Data flows one way: crawl (a `scrapy crawl` subprocess writes a run folder) → load (run folder
into the warehouse) → dedupe (records into persons) → publish (the snapshot) → report.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from dedupe import dedupe_records
from flows.paths import Home
from review.queue import Queue, name_keys_of, prioritise, with_persons
from review.store import Store
from schema.runfolder import new_run_id
from spiders.config import ConfigError, builtin_sources, project_window
from spiders.importer import ImportSummary, import_csv
from warehouse import runs
from warehouse.db import connect
from warehouse.load import LoadSummary, load_run
from warehouse.lock import warehouse_lock
from warehouse.persons import id_moves, moves_reviewed, records_for_dedupe, save_persons
from warehouse.publish import (
    Checks,
    PublishRefused,
    loaded_sources,
    publish_snapshot,
    unfinished_crawls,
)
from warehouse.report import gather, open_snapshot


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


def open_run(home: Home, run_id: str, kind: str, source: str | None = None) -> None:
    """The run's row, «running», as it starts (a killed run shows as «killed» later)."""
    with warehouse_lock(home.root, f"open {kind} run"), connect(home.warehouse) as con:
        runs.open_run(con, run_id, kind, source=source)


def import_stage(
    home: Home,
    path: Path,
    source: str,
    *,
    mapping: dict[str, str] | None = None,
    as_persons: bool = False,
    lenient: bool = False,
    encoding: str | None = None,
    values: dict[str, dict[str, str]] | None = None,
) -> tuple[ImportSummary, LoadSummary]:
    """A volunteers' spreadsheet read into a run folder of its own, then loaded. The run is on
    record from its start: a file refused is a failed run, a killed import a killed one."""
    run_id = new_run_id("import", source)
    open_run(home, run_id, "import", source)
    try:
        summary = import_csv(
            path,
            source,
            home.runs / run_id,
            mapping=mapping or {},
            as_persons=as_persons,
            lenient=lenient,
            encoding=encoding,
            values=values,
            window=project_window(home.settings),
        )
        with warehouse_lock(home.root, f"import {source}"), connect(home.warehouse) as con:
            loaded = load_run(con, home.runs / run_id, run_id=run_id, source=source, complete=False)
    except Exception as exc:
        record_run(home, "import", "failed", source=source, run_id=run_id, message=str(exc))
        raise
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
        runs.open_run(con, run_id, "dedupe", started=started)
        moved = id_moves(con)  # ids a migration changed: the decisions follow them
        if moved:
            store.rekey(moved)
            judgements = store.active()
            moves_reviewed(con, moved)
        records, previous = records_for_dedupe(con)
        result = dedupe_records(records, previous=previous, judgements=judgements, scorer=scorer)
        figures = {
            "records": len(records),
            "persons": len(result.persons),
            "review_pairs": len(result.review),
            "pairs_compared": result.pairs_compared,
        }
        if result.count_interval is not None:  # persons_expected, _low, _high, pairs_pending
            figures.update(result.count_interval.figures())
        if result.model:  # the m/u and weights EM fitted to this run's own pairs
            figures["model"] = result.model
        if result.unread:  # values kept but not understood: those fields compared as empty
            figures["unread"] = {
                name: {"records": u.records, "examples": list(u.examples)}
                for name, u in result.unread.items()
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
    shown = with_persons(records, result.assignment, name_keys_of(result.features))
    Queue(store).replace(prioritise(result), shown, run_id)
    return figures


def publish_checks(home: Home, con) -> Checks:
    """The data assertions of a publish: each source's least and most live records (from its
    config's [expect]; every source crawled or loaded, also one with none left), no source
    whose last crawl is incomplete or was killed, and how far the count may fall
    (TALLY_MAX_DROP, default 10 %)."""
    limits = {}
    for source in loaded_sources(con):
        try:
            config = home.source(source)
        except (ConfigError, FileNotFoundError, KeyError, ValueError):
            continue  # an imported list, say: no expectations set
        if config.min_records or config.max_records is not None:
            limits[source] = (config.min_records, config.max_records)
    drop = os.environ.get("TALLY_MAX_DROP")
    return Checks(
        limits,
        float(drop) if drop not in (None, "", "none") else 0.1,
        unfinished=unfinished_crawls(con),
    )


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
    run_id = new_run_id("publish")
    try:
        with warehouse_lock(home.root, "publish"), connect(home.warehouse) as con:
            runs.open_run(con, run_id, "publish", started=started)
            result = publish_snapshot(con, home.published, publish_checks(home, con))
    except PublishRefused as exc:
        record_run(home, "publish", "refused", run_id=run_id, started=started, message=str(exc),
                   seconds=round(time.monotonic() - clock, 3))  # fmt: skip
        raise
    record_run(
        home,
        "publish",
        "ok",
        run_id=run_id,
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
