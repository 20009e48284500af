"""`tally report | estimate | dictionary | dedupe`: reading the published results, estimating
the whole from the named count, documenting the file, and dedupe on a file of one's own."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

from dedupe import dedupe_records
from dedupe.config import Config, load_config
from dedupe.io import InputError, check_writable, load_records, write_assignment, write_review
from flows.paths import Home
from warehouse.analysis import read_series, region_figures
from warehouse.estimate import estimate, parse_range
from warehouse.html_report import write_html
from warehouse.publish import dictionary_from_schema
from warehouse.rejects import rejects_by_kind
from warehouse.report import open_snapshot, render_from


def cmd_report(args: argparse.Namespace) -> int:
    home = Home.chosen(args.demo)
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
        return _region_report(home, args.region, args.format)
    if args.rejects:
        return _rejects_report(home, args.format)
    report = render_from(home.snapshot, compare=series, show=args.format == "table")
    if args.format == "json":
        print(json.dumps(report, indent=1, default=str, ensure_ascii=False))
    if args.html:
        path = write_html(report, args.html)
        print(f"report page: {path}", file=sys.stderr)
    return 0


def _region_report(home: Home, region: str, form: str) -> int:
    con = open_snapshot(home.snapshot)
    try:
        figures = region_figures(con, region)
    except ValueError as exc:
        print(f"tally report: {exc}", file=sys.stderr)
        return 2
    finally:
        con.close()
    if form == "json":
        print(json.dumps(figures, indent=1, default=str, ensure_ascii=False))
        return 0
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


def _rejects_report(home: Home, form: str) -> int:
    """Every kind of reject reason: scope, how many, the sources with most, an example."""
    con = open_snapshot(home.snapshot)
    try:
        kinds = rejects_by_kind(con)
    finally:
        con.close()
    if form == "json":
        print(json.dumps(kinds, indent=1, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Rejects by kind ({sum(k['n'] for k in kinds):,})", title_justify="left")
    for column in ("scope", "kind of reason", "n", "sources (most)", "for example"):
        table.add_column(column, justify="right" if column == "n" else "left")
    for k in kinds:
        table.add_row(k["scope"], k["reason"], f"{k['n']:,}", k["top_sources"], k["example"])
    Console().print(table)
    return 0


def _published_count(demo: bool) -> int | None:
    snapshot = Home.chosen(demo).snapshot
    if not snapshot.exists():
        return None
    con = open_snapshot(snapshot)
    try:
        return con.execute("SELECT count(*) FROM persons").fetchone()[0]
    finally:
        con.close()


def cmd_estimate(args: argparse.Namespace) -> int:
    named = args.named if args.named is not None else _published_count(args.demo)
    if named is None:
        print(
            f"tally estimate: no published snapshot at {Home.chosen(args.demo).snapshot}: give "
            "--named N or run the pipeline first",
            file=sys.stderr,
        )
        return 2
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
        print(json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=2))
    else:
        print("\n".join(result.lines()))
    return 0


def cmd_dictionary(args: argparse.Namespace) -> int:
    text = dictionary_from_schema()
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"data dictionary → {args.out}", file=sys.stderr)
    else:
        print(text)
    return 0


LISTED = 50  # rows left out (--lenient) named one by one on stderr; the rest counted


def cmd_dedupe(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    try:
        check_writable(args.out, "--out")  # before the work, not after it
        if args.review:
            check_writable(args.review, "--review")
        config = _dedupe_config(args.config)
        loaded = load_records(args.records, lenient=args.lenient, encoding=args.encoding)
    except InputError as exc:
        print(f"tally dedupe: {exc}", file=sys.stderr)
        return 2
    records = loaded.table
    for line in loaded.rejected[:LISTED]:
        print(f"tally dedupe: {args.records}: {line} (left out: --lenient)", file=sys.stderr)
    if len(loaded.rejected) > LISTED:
        print(f"tally dedupe: … and {len(loaded.rejected) - LISTED} more rows left out",
              file=sys.stderr)  # fmt: skip
    result = dedupe_records(
        records, config=config, summarise_persons=False, want_review=bool(args.review)
    )
    for name, unread in result.unread.items():  # kept, compared as if the field were empty
        examples = ", ".join(f"«{v}»" for v in unread.examples)
        print(f"tally dedupe: {unread.records} records' {name} not understood, compared as "
              f"unknown (e.g. {examples})", file=sys.stderr)  # fmt: skip
    ids = records.column("record_id").to_pylist()
    try:
        write_assignment(args.out, ids, [result.assignment[r] for r in ids])
        if args.review:
            write_review(args.review, result.review)
    except OSError as exc:
        print(f"tally dedupe: cannot write {exc.filename or args.out}: {exc.strerror}",
              file=sys.stderr)  # fmt: skip
        return 2
    review = f"; {len(result.review)} pairs for review" if args.review else ""
    if result.count_interval is not None:  # dedupe.uncertainty
        ci = result.count_interval
        review += f"; between {ci.low} and {ci.high} people, {ci.expected:.1f} expected"
    left_out = f"; {len(loaded.rejected)} rows left out" if loaded.rejected else ""
    if loaded.how_read not in ("utf-8", "parquet"):
        left_out += f"; read as {loaded.how_read}"
    print(
        f"{len(ids)} records → {result.people} people{review}{left_out} "
        f"({result.pairs_compared} pairs compared, {time.perf_counter() - start:.1f} s: "
        + ", ".join(f"{k} {v:.1f}" for k, v in result.timings.items())
        + ")",
        file=sys.stderr,
    )
    return 0


def _dedupe_config(path: str | None) -> Config:
    """The config, read before the work: a missing or broken one is one line, not a trace."""
    try:
        return load_config(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if isinstance(exc, KeyError):
            why = f"no [{exc.args[0]}] table" if exc.args else "a table is missing"
        raise InputError(f"--config {path}: {' '.join(why.split())}") from exc


def add_parsers(sub) -> None:
    p = sub.add_parser("dedupe", help="merge records of the same man (standalone, CSV or Parquet)")
    p.add_argument(
        "--records",
        required=True,
        help="IN.csv or IN.parquet: record_id and full_name (or surname, given_name, "
        "patronymic), and any of birth_date, death_date, age, region, settlement, unit, "
        "category, rank, call_sign",
    )
    p.add_argument("--out", required=True, help="OUT.csv: record_id, person_id")
    p.add_argument("--review", help="REVIEW.csv: the pairs left for people, with scores")
    p.add_argument("--config", help="a dedupe config TOML (weights and thresholds)")
    p.add_argument(
        "--lenient",
        action="store_true",
        help="leave out a bad row (broken quote, repeated record_id …), list it, read on",
    )
    p.add_argument("--encoding", metavar="ENC", help="read IN.csv in ENC, not the guessed one")
    p.set_defaults(func=cmd_dedupe)

    p = sub.add_parser("estimate", help="all deaths from the named count and a coverage range")
    p.add_argument("--named", type=int, help="named dead (default: the published count)")
    p.add_argument("--coverage", help="share of all deaths the list names, LOW-HIGH (0.45-0.65)")
    p.add_argument("--extra", help="a group the list cannot see, LOW-HIGH (21000-23500)")
    p.add_argument("--per-km2", type=float, metavar="KM2", help="divide by a territory's area")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--demo", action="store_true", help="the demo's published count")
    p.set_defaults(func=cmd_estimate)

    p = sub.add_parser("dictionary", help="the published file's data dictionary (Markdown)")
    p.add_argument("--out", help="write it here (docs/DATA_DICTIONARY.md)")
    p.set_defaults(func=cmd_dictionary)

    p = sub.add_parser("report", help="print the report from the published snapshot")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--html", metavar="DIR", help="also write a static page with charts to DIR")
    p.add_argument("--region", help="one region's figures (Russian, English name or code)")
    p.add_argument(
        "--rejects",
        action="store_true",
        help="every kind of reject reason, its sources, an example",
    )
    p.add_argument("--demo", action="store_true", help="the demo's snapshot (tally demo)")
    p.add_argument(
        "--compare",
        action="append",
        metavar="FILE.csv[:COLUMN]",
        help="a series to chart beside the named count (probate estimate, official claims)",
    )
    p.set_defaults(func=cmd_report)
