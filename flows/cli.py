"""The `tally` command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def _quiet_prefect() -> None:
    """Prefect without a server: an ephemeral one, quiet, and patient on a slow first start
    (creating its database can take longer than Prefect's default 20 s)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_LOG_PRINTS", "false")


def cmd_dedupe(args: argparse.Namespace) -> int:
    import time

    from dedupe import dedupe_records
    from dedupe.io import InputError, read_records, write_assignment, write_review

    start = time.perf_counter()
    try:
        records = read_records(args.records)
    except InputError as exc:
        print(f"tally dedupe: {exc}", file=sys.stderr)
        return 2
    result = dedupe_records(
        records, config=args.config, summarise_persons=False, want_review=bool(args.review)
    )
    ids = records.column("record_id").to_pylist()
    write_assignment(args.out, ids, [result.assignment[r] for r in ids])
    if args.review:
        write_review(args.review, result.review)
    review = f"; {len(result.review)} pairs for review" if args.review else ""
    print(
        f"{len(ids)} records → {result.people} people{review} "
        f"({result.pairs_compared} pairs compared, {time.perf_counter() - start:.1f} s: "
        + ", ".join(f"{k} {v:.1f}" for k, v in result.timings.items())
        + ")",
        file=sys.stderr,
    )
    return 0


def sandbox_sources() -> list[str]:
    """The built-in sources that read the stand-in site, one per kind of page."""
    from spiders.config import builtin_sources

    return sorted(n for n in builtin_sources() if n.startswith("sandbox-"))


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


def cmd_sandbox_serve(args: argparse.Namespace) -> int:
    from sandbox.server import Sandbox, SandboxServer

    sandbox = Sandbox(args.people, args.seed, faults=args.faults, slow_timeout=args.slow_timeout)
    truth = sandbox.write_truth(Path(args.truth))
    server = SandboxServer(sandbox, args.port)
    print(
        f"serving {server.url} ({truth['people_reported']} of {truth['people_total']} people "
        f"reported; truth in {args.truth})",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.stop()
    return 0


def _run_pipeline(
    sources: list[str], home, base_url: str | None, today: str | None, console=None
) -> dict:
    _quiet_prefect()
    from flows import progress
    from flows.pipeline import pipeline

    with progress.shown(console):
        return pipeline(sources, str(home.root), str(home.published), base_url, today)


def cmd_run(args: argparse.Namespace) -> int:
    from flows.paths import Home
    from flows.stages import all_sources
    from warehouse.report import render_from

    home = Home.from_env()
    sources = args.source or all_sources(home, stand_in=False)
    if not sources:
        print(
            f"tally run: no sources configured (add TOML files to {home.sources} or pass --source)",
            file=sys.stderr,
        )
        return 2
    from rich.console import Console

    console = Console()
    out = _run_pipeline(sources, home, args.base_url, args.today, console)
    _print_loads(console, out["loads"])
    render_from(home.snapshot, console)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from rich.console import Console

    from flows.paths import Home
    from sandbox.server import Sandbox, SandboxServer
    from warehouse.report import render_from

    console = Console()
    home = Home.from_env()
    console.print(f"[bold]tally demo[/]: a stand-in world of {args.people} men (seed {args.seed})")
    sandbox = Sandbox(args.people, args.seed, faults=args.faults, only=DEMO_SITES)
    truth = sandbox.write_truth(home.root / "sandbox" / "truth.json")
    server = SandboxServer(sandbox, args.port).start()
    console.print(
        f"stand-in sites at {server.url}: "
        + ", ".join(f"{k} {v} records" for k, v in truth["records_by_site"].items())
    )
    try:
        sources = demo_sources()
        today = sandbox.world.today.isoformat()  # the day the stand-in site was "crawled"
        out = _run_pipeline(sources, home, server.url, today, console)
    finally:
        server.stop()
    _print_loads(console, out["loads"])
    report = render_from(home.snapshot, console)
    from warehouse.html_report import write_html

    page = write_html(report, home.published / "report")
    counted, real = out["report"]["persons"], truth["people_reported"]
    error = (counted - real) / real * 100 if real else 0.0
    console.print(
        f"\n[bold]Counted {counted} people; the stand-in truth is {real} "
        f"({error:+.1f} %).[/] Published: {home.snapshot}; the report with charts: {page}"
    )
    return 0


def _print_loads(console, loads: list[dict]) -> None:
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


def cmd_archive_show(args: argparse.Namespace) -> int:
    from flows.paths import Home
    from spiders.archive import find_captures
    from spiders.extract.html import decode_html, fragment_text

    home = Home.from_env()
    captures = find_captures(args.url, home.runs)
    if not args.all:  # the newest capture with a page in it, not a "304 Not Modified"
        captures = [c for c in captures if c.status == "200"] or captures
    if not captures:
        print(
            f"tally archive: no archived capture of {args.url} under {home.runs}", file=sys.stderr
        )
        return 1
    for capture in captures if args.all else captures[:1]:
        content_type = dict((k.lower(), v) for k, v in capture.headers).get("content-type")
        text, charset = decode_html(capture.body, content_type)
        print(
            f"URL:      {capture.url}\nFetched:  {capture.date}\nStatus:   {capture.status}\n"
            f"SHA-256:  {capture.sha256}\nArchive:  {capture.archive_ref}\nCharset:  {charset}\n"
        )
        print(text if args.html else fragment_text(text))
        print()
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from flows.paths import Home
    from flows.stages import publish_stage

    print(json.dumps(publish_stage(Home.from_env()), indent=1))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from flows.paths import Home
    from warehouse.analysis import read_series
    from warehouse.report import render_from

    home = Home.from_env()
    if not home.snapshot.exists():
        print(f"tally report: no published snapshot at {home.snapshot}", file=sys.stderr)
        return 2
    series = []
    for spec in args.compare or []:
        path, _, column = spec.partition(":")
        try:
            series.append(read_series(path, column or None))
        except (OSError, ValueError) as exc:
            print(f"tally report: {exc}", file=sys.stderr)
            return 2
    if args.region:
        from warehouse.analysis import region_figures
        from warehouse.report import open_snapshot

        con = open_snapshot(home.snapshot)
        try:
            figures = region_figures(con, args.region)
        except ValueError as exc:
            print(f"tally report: {exc}", file=sys.stderr)
            return 2
        finally:
            con.close()
        if args.format == "json":
            print(json.dumps(figures, indent=1, default=str, ensure_ascii=False))
        else:
            rate = (
                f"{figures['per_100k']:.1f} per 100,000 men aged 16–61.5 (95 % interval "
                f"{figures['per_100k_low']:.1f}–{figures['per_100k_high']:.1f})"
                if figures["per_100k"] is not None
                else "no census denominator"
            )
            print(f"{figures['name']} ({figures['name_en']}, {figures['region']}): "
                  f"{figures['deaths']:,} dead; {rate}")  # fmt: skip
            for r in figures["by_year"]:
                print(f"  {r['year']}: {r['deaths']:,}")
        return 0
    report = render_from(home.snapshot, compare=series, show=args.format == "table")
    if args.format == "json":
        print(json.dumps(report, indent=1, default=str, ensure_ascii=False))
    if args.html:
        from warehouse.html_report import write_html

        path = write_html(report, args.html)
        print(f"report page: {path}", file=sys.stderr)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from flows.paths import Home
    from warehouse.judgements import Store

    home = Home.from_env()
    store = Store(home.review_db)
    if args.cli:
        from flows.review_cli import review_loop

        reviewer = args.reviewer or os.environ.get("USER") or "maintainer"
        made = review_loop(store, reviewer)
        print(f"{made} decisions by {reviewer}", file=sys.stderr)
        return 0
    import uvicorn

    from flows.review_app import create_app, is_loopback

    token = args.token or os.environ.get("TALLY_REVIEW_TOKEN") or None
    if not is_loopback(args.host) and not token:
        print(
            f"tally review: listening on {args.host} (not this machine only) needs a token that "
            "maintainers log in with: --token TOKEN or TALLY_REVIEW_TOKEN",
            file=sys.stderr,
        )
        return 2
    app = create_app(store, token=token, runs_dir=home.runs)
    counts = store.counts()
    print(
        f"tally review: {counts['open']} of {counts['queue']} pairs open; "
        f"http://{args.host}:{args.port}/ (Ctrl-C stops)",
        file=sys.stderr,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_judgements(args: argparse.Namespace) -> int:
    from flows.paths import Home
    from warehouse.judgements import Store

    store = Store(Home.from_env().review_db)
    if args.judgements_command == "export":
        count = store.export_jsonl(args.file)
        print(f"{count} judgements (replaced and undone ones too) → {args.file}", file=sys.stderr)
        return 0
    try:
        added, skipped = store.import_jsonl(args.file)
    except (OSError, ValueError) as exc:
        print(f"tally judgements import: {exc}", file=sys.stderr)
        return 2
    print(f"{added} judgements added, {skipped} already known", file=sys.stderr)
    return 0


def cmd_estimate(args: argparse.Namespace) -> int:
    from warehouse.estimate import estimate, parse_range

    named = args.named
    if named is None:
        from flows.paths import Home
        from warehouse.report import open_snapshot

        snapshot = Home.from_env().snapshot
        if not snapshot.exists():
            print(
                f"tally estimate: no published snapshot at {snapshot}: give --named N or run "
                "the pipeline first",
                file=sys.stderr,
            )
            return 2
        con = open_snapshot(snapshot)
        try:
            named = con.execute("SELECT count(*) FROM persons").fetchone()[0]
        finally:
            con.close()
    try:
        result = estimate(
            named,
            parse_range(args.coverage) if args.coverage else None,
            parse_range(args.extra) if args.extra else None,
            args.per_km2,
        )
    except ValueError as exc:
        print(f"tally estimate: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        import dataclasses

        print(json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=2))
    else:
        print("\n".join(result.lines()))
    return 0


def cmd_dictionary(args: argparse.Namespace) -> int:
    from warehouse.dictionary import from_schema

    text = from_schema()
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"data dictionary → {args.out}", file=sys.stderr)
    else:
        print(text)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from flows.paths import Home
    from flows.stages import dedupe_stage, publish_stage
    from warehouse.db import connect
    from warehouse.importer import ImportError_, import_csv
    from warehouse.load import load_run
    from warehouse.lock import warehouse_lock

    home = Home.from_env()
    mapping = {}
    for item in args.map or []:
        column, sep, target = item.partition("=")
        if not sep:
            print(f"tally import: --map wants COLUMN=FIELD, not {item!r}", file=sys.stderr)
            return 2
        mapping[column.strip()] = target.strip()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    run_id = f"import-{args.source}-{stamp}"
    run_dir = home.runs / run_id
    try:
        summary = import_csv(
            args.file, args.source, run_dir, mapping=mapping, as_persons=args.as_persons
        )
    except (ImportError_, OSError) as exc:
        print(f"tally import: {args.file}: {exc}", file=sys.stderr)
        return 2
    with warehouse_lock(home.root, f"import {args.source}"), connect(home.warehouse) as con:
        loaded = load_run(con, run_dir, run_id=run_id, source=args.source, complete=False)
    print(
        f"{args.file} ({summary.encoding}): {summary.rows} rows → {summary.records} records "
        f"({loaded.records_new} new, {loaded.records_updated} updated), {summary.rejects} "
        f"rejected (reasons in the rejects table); columns: "
        + ", ".join(f"{c}→{f}" for c, f in summary.mapping.items()),
        file=sys.stderr,
    )
    if not args.no_publish:
        figures = dedupe_stage(home)
        published = publish_stage(home)
        print(
            f"merged: {figures['persons']:,} persons; published {published['path']}",
            file=sys.stderr,
        )
    return 0


def cmd_crawl(args: argparse.Namespace) -> int:
    """One source, now: the crawl flow with a progress bar, then its figures."""
    _quiet_prefect()
    from rich.console import Console

    from flows import progress
    from flows.paths import Home
    from flows.pipeline import crawl_flow

    home = Home.from_env()
    console = Console()
    try:
        with progress.shown(console):
            load = crawl_flow(args.source, str(home.root), str(home.published), args.base_url,
                              args.today)  # fmt: skip
    except Exception as exc:
        print(f"tally crawl: {exc}", file=sys.stderr)
        return 1
    _print_loads(console, [load])
    console.print("Run `tally run`'s later stages, or the nightly flow, to merge and publish.")
    return 0


def deployments(home, base_url: str | None = None, nightly_cron: str | None = None) -> list:
    """One deployment per source with a schedule in its config, one unscheduled (on demand) per
    other source, and the nightly flow."""
    from flows.pipeline import crawl_flow, nightly
    from flows.stages import all_sources
    from spiders.config import find_source

    out = []
    for source in all_sources(home):
        config = find_source(source, [home.sources])
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
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect import serve

    from flows.paths import Home

    home = Home.from_env()
    found = deployments(home, args.base_url, args.nightly_cron)
    print(
        f"tally serve: {len(found)} deployments "
        f"({', '.join(d.name for d in found)}) on {os.environ.get('PREFECT_API_URL') or 'a local ephemeral API'}",
        file=sys.stderr,
    )
    serve(*found, limit=args.limit)
    return 0


def cmd_nightly(args: argparse.Namespace) -> int:
    _quiet_prefect()
    from rich.console import Console

    from flows import progress
    from flows.paths import Home
    from flows.pipeline import dask_runner, nightly

    home = Home.from_env()
    flow = nightly
    if args.dask is not None or args.dask_address or os.environ.get("TALLY_DASK_ADDRESS"):
        flow = nightly.with_options(task_runner=dask_runner(args.dask, args.dask_address))
    console = Console()
    with progress.shown(console):
        out = flow(args.source or None, str(home.root), str(home.published), args.base_url,
                   args.today)  # fmt: skip
    _print_loads(console, out["loads"])
    for failed in out["failed"]:
        console.print(f"[red]failed[/]: {failed['source']}: {failed['error']}")
    return 1 if out["failed"] else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tally", description="Count the war dead by name.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="crawl the configured sources, merge, load, publish, report")
    p.add_argument("--source", action="append", help="a source name or TOML path (repeatable)")
    p.add_argument("--base-url", help="address of a stand-in site for sandbox-* sources")
    p.add_argument("--today", help="the date validation treats as today (YYYY-MM-DD)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("crawl", help="crawl one source now (and load it), with a progress bar")
    p.add_argument("source", help="a source name or TOML path")
    p.add_argument("--base-url", help="address of a stand-in site for sandbox-* sources")
    p.add_argument("--today", help="the date validation treats as today (YYYY-MM-DD)")
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
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--faults", action="store_true", help="the site misbehaves (5xx, resets, …)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("sandbox", help="the stand-in website")
    ssub = p.add_subparsers(dest="sandbox_command", required=True)
    s = ssub.add_parser("serve", help="serve the stand-in sites and write their truth")
    s.add_argument("--people", type=int, default=500)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--truth", default="var/sandbox/truth.json")
    s.add_argument(
        "--faults",
        action="store_true",
        help="serve some 5xx, slow responses, resets, truncated bodies, wrong charsets",
    )
    s.add_argument(
        "--slow-timeout",
        type=float,
        default=12.0,
        help="how long a 'timeout' fault stalls (seconds)",
    )
    s.set_defaults(func=cmd_sandbox_serve)

    p = sub.add_parser("dedupe", help="merge records of the same man (standalone, CSV or Parquet)")
    p.add_argument("--records", required=True, help="IN.csv or IN.parquet")
    p.add_argument("--out", required=True, help="OUT.csv: record_id, person_id")
    p.add_argument("--review", help="REVIEW.csv: the pairs left for people, with scores")
    p.add_argument("--config", help="a dedupe config TOML (weights and thresholds)")
    p.set_defaults(func=cmd_dedupe)

    p = sub.add_parser("archive", help="the archived pages (WARC) every record points to")
    asub = p.add_subparsers(dest="archive_command", required=True)
    a = asub.add_parser("show", help="print the archived page of a URL (newest capture)")
    a.add_argument("url")
    a.add_argument("--html", action="store_true", help="the HTML as archived, not its text")
    a.add_argument("--all", action="store_true", help="every capture, newest first")
    a.set_defaults(func=cmd_archive_show)

    p = sub.add_parser("review", help="decide the pairs dedupe is unsure of (web page or terminal)")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: this machine)"
    )
    p.add_argument("--port", type=int, default=8780)
    p.add_argument("--token", help="required to listen beyond 127.0.0.1 (or TALLY_REVIEW_TOKEN)")
    p.add_argument("--cli", action="store_true", help="review in the terminal instead")
    p.add_argument("--reviewer", help="your name, for --cli (default: $USER)")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("judgements", help="maintainers' decisions, as a JSONL file to keep in git")
    jsub = p.add_subparsers(dest="judgements_command", required=True)
    for name, text in (("export", "write every judgement"), ("import", "add judgements")):
        j = jsub.add_parser(name, help=f"{text} (FILE.jsonl)")
        j.add_argument("file")
        j.set_defaults(func=cmd_judgements)

    p = sub.add_parser("estimate", help="all deaths from the named count and a coverage range")
    p.add_argument("--named", type=int, help="named dead (default: the published count)")
    p.add_argument("--coverage", help="share of all deaths the list names, LOW-HIGH (0.45-0.65)")
    p.add_argument("--extra", help="a group the list cannot see, LOW-HIGH (21000-23500)")
    p.add_argument("--per-km2", type=float, metavar="KM2", help="divide by a territory's area")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_estimate)

    p = sub.add_parser("publish", help="write the published snapshot from the warehouse")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("import", help="bring in a spreadsheet volunteers kept (CSV)")
    p.add_argument("file", help="FILE.csv (UTF-8, cp1251 or koi8-r; comma or semicolon)")
    p.add_argument("--source", required=True, help="a name for the list, as a source")
    p.add_argument(
        "--map", action="append", metavar="COLUMN=FIELD", help="a column's field (repeatable)"
    )
    p.add_argument(
        "--as-persons",
        action="store_true",
        help="each row is one man of an already merged list: never merged",
    )
    p.add_argument("--no-publish", action="store_true", help="load only; merge and publish later")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("dictionary", help="the published file's data dictionary (Markdown)")
    p.add_argument("--out", help="write it here (docs/DATA_DICTIONARY.md)")
    p.set_defaults(func=cmd_dictionary)

    p = sub.add_parser("report", help="print the report from the published snapshot")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--html", metavar="DIR", help="also write a static page with charts to DIR")
    p.add_argument("--region", help="one region's figures (Russian, English name or code)")
    p.add_argument(
        "--compare",
        action="append",
        metavar="FILE.csv[:COLUMN]",
        help="a series to chart beside the named count (probate estimate, official claims)",
    )
    p.set_defaults(func=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
