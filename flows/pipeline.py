"""The Prefect flows. Flows only orchestrate; the work is in `flows.stages`.

- `crawl` (one per source): crawl in a `scrapy crawl` subprocess, then load the run. Retries
  with exponential backoff and jitter (each resumes the run: what failed is asked again), none
  when the site answers 4xx; a timeout enforced on the subprocess itself (so it holds on a Dask
  worker too); one crawl of a source at a time (a per-source lock); a crawl with more failed
  pages than its source allows is a failed crawl; the run's figures go to the warehouse
  (`runs`) and to the Prefect UI (a table artifact).
- `dedupe`, `publish`, `report`: one stage each, for on-demand runs.
- `nightly`: every source's crawl fanned out on the task runner (threads here, a Dask cluster
  past one machine), each loaded in turn (one writer), then dedupe — its scoring fanned out in
  blocks on the same runner — publish and report.
- `pipeline`: the same chain for the demo and the tests, with sources in order.

Every flow that fails logs a clear line and posts to TALLY_WEBHOOK_URL when it is set.
"""

from __future__ import annotations

import logging
import os
from dataclasses import asdict
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.runtime import task_run
from prefect.tasks import exponential_backoff

from flows import crawl, progress, stages
from flows.alerts import on_failure
from flows.paths import Home
from warehouse.lock import source_lock

CRAWL_TIMEOUT = float(os.environ.get("TALLY_CRAWL_TIMEOUT", 6 * 3600))
CRAWL_RETRIES = 3
# why each run's last attempt failed, so the next attempt can say so (tasks run in this process)
_last_failure: dict[str, str] = {}


def _retry_unless_refused(task, task_run, state) -> bool:
    """Retry a failed crawl, except when the site said 4xx or the source's config is wrong:
    trying again will not help."""
    from spiders.config import ConfigError

    try:
        state.result()
    except (crawl.CrawlRefused, ConfigError):
        return False
    except Exception:
        return True
    return True


@task(
    name="crawl",
    retries=CRAWL_RETRIES,
    retry_delay_seconds=exponential_backoff(backoff_factor=10),
    retry_jitter_factor=0.5,
    retry_condition_fn=_retry_unless_refused,
)
def crawl_task(
    source: str,
    home: Home,
    base_url: str | None,
    today: str | None,
    run_id: str,
    reparse: bool = False,
) -> crawl.CrawlResult:
    """A retry reuses the run id, so it resumes the crawl: what failed is asked again, what
    was read is not. The subprocess is killed at CRAWL_TIMEOUT by this task itself."""
    attempt = task_run.run_count
    name = crawl.source_name(home, source)
    if attempt > 1:
        why = _last_failure.get(run_id, "it failed")
        progress.note(f"crawl {name}: retry {attempt - 1} of {CRAWL_RETRIES} ({why})")
        get_run_logger().warning("retry %d of crawl %s: %s", attempt - 1, name, why)
    tick = progress.counter(f"crawl {name}", "pages")
    ok = False
    try:
        with source_lock(home.root, name):
            result = crawl.crawl_source(
                source,
                home,
                base_url=base_url,
                today=today,
                run_id=run_id,
                progress=tick,
                timeout=CRAWL_TIMEOUT,
                reparse=reparse,
            )
        get_run_logger().info("crawled %s: %s", name, result.summary.get("pages"))
        checked = crawl.check_crawl(result)
        ok = True
        return checked
    except Exception as exc:
        _last_failure[run_id] = str(exc).splitlines()[0][:200]
        raise
    finally:
        progress.finish(tick, ok)


@task(name="load")
def load_task(result: crawl.CrawlResult, home: Home) -> dict:
    with progress.step(f"load {result.source}"):
        summary = crawl.load_crawl(result, home)
    return summary.as_dict()


@task(name="dedupe")
def dedupe_task(home: Home) -> dict:
    with progress.step("dedupe"):
        return stages.dedupe_stage(home)


@task(name="publish")
def publish_task(home: Home) -> dict:
    with progress.step("publish"):
        return stages.publish_stage(home)


@task(name="report")
def report_task(home: Home) -> dict:
    return stages.report_stage(home)


@task(name="score block")
def score_block(part) -> tuple:
    """Score one block of candidate pairs (on whichever worker the task runner picks)."""
    from dedupe.config import load_config
    from dedupe.score import score

    features, pairs, tf, usable = part
    return score(features, pairs, load_config(), tf=tf, usable=usable)


def _figures_artifact(key: str, rows: list[dict], description: str) -> None:
    """The run's figures in the Prefect UI."""
    table = [
        {k: v for k, v in row.items() if isinstance(v, int | float | str) or v is None}
        for row in rows
    ]
    try:
        create_table_artifact(key=key, table=table, description=description)
    except Exception as exc:  # the figures are in the warehouse anyway
        get_run_logger().warning("could not write the %s artifact: %s", key, exc)


def _artifact_key(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower())[:90]


@flow(name="crawl", on_failure=[on_failure])
def crawl_flow(
    source: str,
    root: str | None = None,
    published: str | None = None,
    base_url: str | None = None,
    today: str | None = None,
    reparse: bool = False,
) -> dict:
    """Crawl one source and load what it found: pages, records new / updated / removed,
    rejects, errors and timings in the warehouse's `runs` and in the Prefect UI. With
    `reparse`, every archived record page is read again with today's config, not fetched."""
    home = Home.from_env(root, published)
    name = crawl.source_name(home, source)  # a run is named by its source, never a path
    run_id = stages.new_run_id("crawl", name)
    stages.open_run(home, run_id, "crawl", name)
    try:
        result = crawl_task(source, home, base_url, today, run_id, reparse)
    except Exception as exc:  # what it found is kept, as incomplete; the failure is on record
        crawl.salvage_crawl(home, name, run_id, exc)
        raise
    load = load_task(result, home)
    _figures_artifact(
        _artifact_key(f"crawl-{name}"),
        [load | {"seconds": result.summary.get("seconds")}],
        f"crawl of {name}",
    )
    return load


@flow(name="dedupe", on_failure=[on_failure])
def dedupe_flow(root: str | None = None, published: str | None = None) -> dict:
    home = Home.from_env(root, published)
    figures = dedupe_task(home)
    _figures_artifact("dedupe", [figures], "dedupe")
    return figures


@flow(name="publish", on_failure=[on_failure])
def publish_flow(root: str | None = None, published: str | None = None) -> dict:
    return publish_task(Home.from_env(root, published))


@flow(name="report", on_failure=[on_failure])
def report_flow(root: str | None = None, published: str | None = None) -> dict:
    return report_task(Home.from_env(root, published))


def _dedupe_in_blocks(home: Home, blocks: int) -> dict:
    """Dedupe with the scoring of candidate pairs fanned out as tasks, `blocks` at a time;
    the same persons as scoring in one piece."""
    from dedupe.score import join_scored, split_for_workers

    def scorer(f, pairs, cfg):
        futures = [score_block.submit(part) for part in split_for_workers(f, pairs, cfg, blocks)]
        return join_scored([future.result() for future in futures])

    with progress.step("dedupe"):
        return stages.dedupe_stage(home, scorer=scorer)


@flow(name="nightly", on_failure=[on_failure])
def nightly(
    sources: list[str] | None = None,
    root: str | None = None,
    published: str | None = None,
    base_url: str | None = None,
    today: str | None = None,
    blocks: int = 4,
) -> dict:
    """Every source crawled at once on the task runner, each loaded in turn, then dedupe (its
    scoring in `blocks` blocks on the runner), publish, report. A source that fails is logged;
    the others are crawled and loaded, but nothing is published and the flow fails (an alert):
    the published snapshot stays as it was until every crawl is whole."""
    logger = get_run_logger()
    home = Home.from_env(root, published)
    sources = sources or default_sources(home, base_url)
    name_of = {source: crawl.source_name(home, source) for source in sources}
    run_ids = {source: stages.new_run_id("crawl", name_of[source]) for source in sources}
    for source, run_id in run_ids.items():
        stages.open_run(home, run_id, "crawl", name_of[source])
    crawls = {
        source: crawl_task.submit(source, home, base_url, today, run_ids[source])
        for source in sources
    }
    loads, failed = [], []
    for source, future in crawls.items():
        try:
            result = future.result()
        except Exception as exc:
            logger.error("tally: crawl of %s failed: %s", name_of[source], exc)
            crawl.salvage_crawl(home, name_of[source], run_ids[source], exc)
            failed.append({"source": name_of[source], "error": str(exc)[:500]})
            continue
        loads.append(load_task(result, home))
    figures = _dedupe_in_blocks(home, blocks)
    _figures_artifact("nightly-loads", loads or [{"source": "none"}], "nightly: loads")
    _figures_artifact("nightly-dedupe", [figures], "nightly: dedupe")
    if failed:  # the published snapshot stays as it was; the flow fails and alerts
        names = ", ".join(f["source"] for f in failed)
        raise crawl.CrawlFailed(
            f"nightly: {len(failed)} of {len(sources)} crawls failed ({names}); nothing "
            f"published — {failed[0]['source']}: {failed[0]['error'].splitlines()[0]}"
        )
    snapshot = publish_task(home)
    report = report_task(home)
    return {
        "loads": loads,
        "failed": failed,
        "dedupe": figures,
        "publish": snapshot,
        "report": report,
    }


@flow(name="pipeline", on_failure=[on_failure])
def pipeline(
    sources: list[str],
    root: str | None = None,
    published: str | None = None,
    base_url: str | None = None,
    today: str | None = None,
) -> dict:
    """Crawl → load → dedupe → publish → report, the sources one after another."""
    home = Home.from_env(root, published)
    loads = []
    for source in sources:
        name = crawl.source_name(home, source)
        run_id = stages.new_run_id("crawl", name)
        stages.open_run(home, run_id, "crawl", name)
        try:
            result = crawl_task(source, home, base_url, today, run_id)
        except Exception as exc:
            crawl.salvage_crawl(home, name, run_id, exc)
            raise
        loads.append(load_task(result, home))
    figures = dedupe_task(home)
    snapshot = publish_task(home)
    report = report_task(home)
    return {
        "loads": loads,
        "dedupe": figures,
        "publish": snapshot,
        "report": report,
        "home": asdict(home) | {"root": str(home.root), "published": str(home.published)},
    }


def default_sources(home: Home, base_url: str | None) -> list[str]:
    """The sources a run takes when none is named: with a stand-in site's address, the
    sources that read it; else every configured source but those."""
    return stages.sandbox_sources() if base_url else stages.all_sources(home, stand_in=False)


def dask_runner(
    workers: int | None = None, address: str | None = None, log_file: Path | None = None
):
    """Prefect's Dask task runner: on a cluster at `address` (TALLY_DASK_ADDRESS), or on a
    local cluster of `workers` processes. Dask's own log lines go to `log_file` (they would
    break the progress display), errors included."""
    from prefect_dask import DaskTaskRunner

    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        for name in ("distributed", "dask"):
            logger = logging.getLogger(name)
            logger.handlers[:] = [handler]
            logger.propagate = False
    address = address or os.environ.get("TALLY_DASK_ADDRESS")
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": workers or 2,
            "threads_per_worker": 1,
            "processes": True,
            "silence_logs": logging.CRITICAL,  # workers' lines: the scheduler's file has them
        }
    )
