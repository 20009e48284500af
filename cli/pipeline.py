"""`tally run | crawl | nightly | serve | demo | publish`: the pipeline's stages and flows.

Prefect is imported inside the commands that run a flow, after its settings are put in the
environment (it reads them once, at import) — and so the other commands start fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib import resources

from rich.console import Console

from cli.source_check import one_line
from flows import stages
from flows.paths import Home
from spiders.config import ConfigError
from warehouse.html_report import write_html
from warehouse.report import render_from

# the stand-in site's address in the demo: a fixed port, so a second demo asks the same site
DEMO_PORT = 8766


def one_line_logs() -> None:
    """Prefect's console lines one per record, no tracebacks (flows/prefect_logging.yml),
    unless -v asked for everything. Must run before Prefect is imported."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if not os.environ.get("TALLY_VERBOSE"):
        path = resources.files("flows").joinpath("prefect_logging.yml")
        os.environ.setdefault("PREFECT_LOGGING_SETTINGS_PATH", str(path))


def quiet_prefect() -> None:
    """Prefect without a server: an ephemeral one, quiet, and patient on a slow first start
    (creating its database can take longer than Prefect's default 20 s)."""
    one_line_logs()
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    # Prefect's own lines (and its tracebacks) only with -v: tally says what failed in one line
    os.environ.setdefault(
        "PREFECT_LOGGING_LEVEL", "INFO" if os.environ.get("TALLY_VERBOSE") else "CRITICAL"
    )
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")


def print_loads(console: Console, loads: list[dict]) -> None:
    """The run summary: every page parsed, rejected (why) or failed (why), per source."""
    for load in loads:
        unchanged = f"; {load['pages_unchanged']} unchanged" if load.get("pages_unchanged") else ""
        console.print(
            f"  {load['source']}: pages parsed {load['pages_parsed']}, rejected "
            f"{load['pages_rejected']}, failed {load['pages_failed']}{unchanged}; records "
            f"{load['records']} ({load['records_new']} new, {load['records_updated']} updated, "
            f"{load['records_removed']} removed), rejects {load['rejects']}"
        )
        for why, n in load.get("reasons", {}).items():
            console.print(f"      {n:>5} × {why}")
        for why, n in load.get("skipped", {}).items():
            console.print(f"      {n:>5} × link not followed: {why}")


def run_pipeline(
    sources: list[str], home: Home, base_url: str | None, today: str | None, console=None
) -> dict:
    quiet_prefect()
    from flows import progress
    from flows.pipeline import pipeline

    with progress.shown(console):
        return pipeline(sources, str(home.root), str(home.published), base_url, today)


def checked_sources(home: Home, sources: list[str], command: str) -> list[str] | None:
    """Every source's config read before Prefect starts: a wrong one is one line and no run
    (None)."""
    for source in sources:
        try:
            home.source(source)
        except (ConfigError, OSError) as exc:
            print(f"tally {command}: {one_line(exc)}", file=sys.stderr)
            return None
    return sources


def cmd_run(args: argparse.Namespace) -> int:
    home = Home.from_env()
    if args.no_crawl:  # the later stages on what is loaded: dedupe → publish → report
        if args.source:
            print("tally run: --no-crawl crawls nothing; drop --source", file=sys.stderr)
            return 2
        console = Console()
        run_pipeline([], home, None, args.today, console)
        render_from(home.snapshot, console)
        return 0
    sources = args.source or (
        stages.sandbox_sources() if args.base_url else stages.all_sources(home, stand_in=False)
    )
    if checked_sources(home, sources, "run") is None:
        return 2
    if not sources:
        print(
            f"tally run: no sources configured (add TOML files to {home.sources} or pass --source)",
            file=sys.stderr,
        )
        return 2
    console = Console()
    out = run_pipeline(sources, home, args.base_url, args.today, console)
    print_loads(console, out["loads"])
    render_from(home.snapshot, console)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from sandbox.server import Sandbox, SandboxServer

    console = Console()
    home = Home.from_env().demo()
    console.print(
        f"[bold]tally demo[/]: a stand-in world of {args.people} men (seed {args.seed}), "
        f"kept apart in {home.root}"
    )
    sandbox = Sandbox(args.people, args.seed, hostile=args.faults, only=stages.DEMO_SITES)
    truth = sandbox.write_truth(home.root / "sandbox" / "truth.json")
    try:
        server = SandboxServer(sandbox, args.port).start()
    except OSError:  # the port is taken: any other will do (record ids do not depend on it)
        server = SandboxServer(sandbox, 0).start()
    console.print(
        f"stand-in sites at {server.url}: "
        + ", ".join(f"{k} {v} records" for k, v in truth["records_by_site"].items())
    )
    try:
        today = sandbox.world.today.isoformat()  # the day the stand-in site was "crawled"
        out = run_pipeline(stages.demo_sources(), home, server.url, today, console)
    finally:
        server.stop()
    print_loads(console, out["loads"])
    report = render_from(home.snapshot, console)
    page = write_html(report, home.published / "report")
    counted, real = out["report"]["persons"], truth["people_reported"]
    error = (counted - real) / real * 100 if real else 0.0
    console.print(
        f"\n[bold]Counted {counted} people; the stand-in truth is {real} "
        f"({error:+.1f} %).[/] Published: {home.snapshot}; the report with charts: {page}"
    )
    return 0


def cmd_crawl(args: argparse.Namespace) -> int:
    """One source, now: the crawl flow with a progress bar, then its figures."""
    quiet_prefect()
    from flows import progress
    from flows.pipeline import crawl_flow

    home = Home.from_env()
    if checked_sources(home, [args.source], "crawl") is None:
        return 2
    console = Console()
    try:
        with progress.shown(console):
            load = crawl_flow(args.source, str(home.root), str(home.published), args.base_url,
                              args.today, args.reparse)  # fmt: skip
    except Exception as exc:
        print(f"tally crawl: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    print_loads(console, [load])
    console.print("Run `tally run`'s later stages, or the nightly flow, to merge and publish.")
    return 0


def deployments(home: Home, base_url: str | None = None, nightly_cron: str | None = None) -> list:
    """One deployment per source with a schedule in its config, one unscheduled (on demand) per
    other source, and the nightly flow."""
    from flows.pipeline import crawl_flow, nightly

    out = []
    for source in stages.all_sources(home):
        config = home.source(source)
        out.append(
            crawl_flow.to_deployment(
                name=f"crawl-{source}",
                cron=config.schedule,
                parameters={
                    "source": source,
                    "root": str(home.root),
                    "published": str(home.published),
                    "base_url": base_url,
                },
                tags=["tally", "crawl", f"source:{source}"],
                description=f"Crawl {config.title or source} and load what it found.",
            )
        )
    out.append(
        nightly.to_deployment(
            name="nightly",
            cron=nightly_cron or os.environ.get("TALLY_NIGHTLY_CRON", "0 3 * * *"),
            parameters={
                "root": str(home.root),
                "published": str(home.published),
                "base_url": base_url,
            },  # fmt: skip
            tags=["tally", "nightly"],
            description="Every source, then dedupe, publish and report.",
        )
    )
    return out


def cmd_serve(args: argparse.Namespace) -> int:
    one_line_logs()
    from prefect import serve

    found = deployments(Home.from_env(), args.base_url, args.nightly_cron)
    print(
        f"tally serve: {len(found)} deployments "
        f"({', '.join(d.name for d in found)}) on {os.environ.get('PREFECT_API_URL') or 'a local ephemeral API'}",
        file=sys.stderr,
    )
    serve(*found, limit=args.limit)
    return 0


def cmd_nightly(args: argparse.Namespace) -> int:
    quiet_prefect()
    from flows import progress
    from flows.pipeline import dask_runner, nightly

    home = Home.from_env()
    flow = nightly
    if args.dask is not None or args.dask_address or os.environ.get("TALLY_DASK_ADDRESS"):
        runner = dask_runner(args.dask, args.dask_address, log_file=home.root / "dask.log")
        flow = nightly.with_options(task_runner=runner)
    console = Console()
    with progress.shown(console):
        out = flow(args.source or None, str(home.root), str(home.published), args.base_url,
                   args.today)  # fmt: skip
    print_loads(console, out["loads"])
    for failed in out["failed"]:
        console.print(f"[red]failed[/]: {failed['source']}: {failed['error']}")
    console.print(
        f"nightly: {len(out['loads'])} sources loaded, {len(out['failed'])} failed; "
        f"{out['publish']['persons']:,} persons published to {out['publish']['path']}"
    )
    return 1 if out["failed"] else 0


def cmd_publish(args: argparse.Namespace) -> int:
    print(json.dumps(stages.publish_stage(Home.from_env()), indent=1))
    return 0


def add_parsers(sub) -> None:
    p = sub.add_parser("run", help="crawl the configured sources, merge, load, publish, report")
    p.add_argument("--source", action="append", help="a source name or TOML path (repeatable)")
    p.add_argument("--base-url", help="address of a stand-in site for sandbox-* sources")
    p.add_argument("--today", help="the date validation treats as today (YYYY-MM-DD)")
    p.add_argument(
        "--no-crawl",
        action="store_true",
        help="only the later stages on what is loaded: merge, publish, report",
    )
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("crawl", help="crawl one source now (and load it), with a progress bar")
    p.add_argument("source", help="a source name or TOML path")
    p.add_argument("--base-url", help="address of a stand-in site for sandbox-* sources")
    p.add_argument("--today", help="the date validation treats as today (YYYY-MM-DD)")
    p.add_argument(
        "--reparse",
        action="store_true",
        help="read every archived record page again with the config as it is now (not fetched)",
    )
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("nightly", help="every source, dedupe, publish, report (the nightly flow)")
    p.add_argument("--source", action="append", help="only these sources (repeatable)")
    p.add_argument("--base-url", help="address of a stand-in site for sandbox-* sources")
    p.add_argument("--today", help="the date validation treats as today (YYYY-MM-DD)")
    p.add_argument("--dask", type=int, metavar="N", help="on a local Dask cluster of N workers")
    p.add_argument("--dask-address", help="on a Dask cluster (tcp://host:8786)")
    p.set_defaults(func=cmd_nightly)

    p = sub.add_parser("serve", help="serve the scheduled flows (a deployment per source)")
    p.add_argument("--base-url", help="address of a stand-in site for sandbox-* sources")
    p.add_argument("--nightly-cron", help="when the nightly flow runs (default 0 3 * * *)")
    p.add_argument("--limit", type=int, default=2, help="flow runs at once on this machine")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("demo", help="serve the stand-in site and run the whole pipeline on it")
    p.add_argument("--people", type=int, default=500)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--port", type=int, default=DEMO_PORT, help=f"default {DEMO_PORT}; 0: any")
    p.add_argument(
        "--faults", action="store_true", help="the site misbehaves (5xx, 429, redirects, …)"
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("publish", help="write the published snapshot from the warehouse")
    p.set_defaults(func=cmd_publish)
