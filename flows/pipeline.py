"""The Prefect flow `pipeline`: crawl every source (each a `scrapy crawl` subprocess), load each
run, dedupe, publish, report. Flows only orchestrate; the work is in `flows.stages`."""

from __future__ import annotations

from dataclasses import asdict

from prefect import flow, get_run_logger, task

from flows import progress, stages
from flows.paths import Home


@task(name="crawl", retries=1, retry_delay_seconds=5)
def crawl_task(
    source: str, home: Home, base_url: str | None, today: str | None, run_id: str
) -> stages.CrawlResult:
    """A retry reuses the run id, so it resumes the crawl instead of starting over."""
    tick = progress.counter(f"crawl {source}", "pages")
    try:
        result = stages.crawl_source(
            source, home, base_url=base_url, today=today, run_id=run_id, progress=tick
        )
    finally:
        progress.finish(tick)
    get_run_logger().info("crawled %s: %s", source, result.summary.get("pages"))
    return result


@task(name="load")
def load_task(result: stages.CrawlResult, home: Home) -> dict:
    with progress.step(f"load {result.source}"):
        summary = stages.load_crawl(result, home)
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


@flow(name="pipeline")
def pipeline(
    sources: list[str],
    root: str | None = None,
    published: str | None = None,
    base_url: str | None = None,
    today: str | None = None,
) -> dict:
    """Crawl → load → dedupe → publish → report. Crawls run one after another here; loading
    is one writer at a time by construction."""
    home = Home.from_env(root, published)
    loads = []
    for source in sources:
        result = crawl_task(source, home, base_url, today, stages.new_run_id("crawl", source))
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
