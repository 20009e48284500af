"""`tally sandbox serve | import | archive show | archive export`: where records come from — the
stand-in site, a volunteers' spreadsheet, and the archived pages every record points to."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from cli import source_check
from flows import stages
from flows.paths import Home
from schema.archive import all_archives, export_archives, find_captures, read_capture
from spiders.config import ConfigError
from spiders.extract.html import decode_html, fragment_text
from spiders.importer import ImportError_, read_value_map
from warehouse.evidence import cited_archives
from warehouse.report import open_snapshot


def cmd_sandbox_serve(args: argparse.Namespace) -> int:
    from sandbox.server import Sandbox, SandboxServer  # the generator: only this command needs it

    sandbox = Sandbox(args.people, args.seed, hostile=args.faults, slow_timeout=args.slow_timeout)
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


_REF = re.compile(r"[^#]+\.warc(?:\.gz)?#\d+")


def cmd_archive_show(args: argparse.Namespace) -> int:
    """The archived page of a URL (its newest capture), or the capture an `archive_ref` names;
    from the run folders, or from a copy `tally archive export` wrote (`--archive DIR`)."""
    where = Path(args.archive) if args.archive else Home.chosen(args.demo).runs
    if _REF.fullmatch(args.url):
        try:
            captures = [read_capture(args.url, where)]
        except (OSError, ValueError) as exc:
            print(f"tally archive: {args.url}: {_one_line(exc)}", file=sys.stderr)
            return 1
    else:
        captures = find_captures(args.url, where)
    if not args.all:  # the newest capture with a page in it, not a "304 Not Modified"
        captures = [c for c in captures if c.status == "200"] or captures
    if not captures:
        print(f"tally archive: no archived capture of {args.url} under {where}", file=sys.stderr)
        return 1
    for capture in captures if args.all else captures[:1]:
        content_type = dict((k.lower(), v) for k, v in capture.headers).get("content-type")
        text, charset = decode_html(capture.body, content_type)
        print(
            f"URL:      {capture.url}\nFetched:  {capture.date}\nStatus:   {capture.status}\n"
            f"SHA-256:  {capture.sha256}\nArchive:  {capture.archive_ref}\n"
            f"WARC id:  {capture.warc_record_id}\nCharset:  {charset}\n"
        )
        print(text if args.html else fragment_text(text))
        print()
    return 0


def cmd_archive_export(args: argparse.Namespace) -> int:
    """Copy the archives the published records cite (or, with --all, every run's) into DIR,
    laid out as the runs folder is, so the records' relative `archive_ref` reads against it."""
    home = Home.from_env()
    if args.all:
        files = all_archives(home.runs)
    else:
        snapshot = Path(args.snapshot) if args.snapshot else home.snapshot
        if not snapshot.exists():
            print(f"tally archive export: no published snapshot at {snapshot}", file=sys.stderr)
            return 2
        con = open_snapshot(snapshot)
        try:
            files = cited_archives(con)
        finally:
            con.close()
    done = export_archives(files, home.runs, args.dir)
    print(
        f"{args.dir}: {len(done.copied)} archives copied ({done.bytes_copied / 1e6:,.1f} MB), "
        f"{len(done.unchanged)} already there, {len(done.missing)} missing from {home.runs}",
        file=sys.stderr,
    )
    for name in done.missing[:20]:
        print(f"  missing: {name}", file=sys.stderr)
    if len(done.missing) > 20:
        print(f"  … and {len(done.missing) - 20} more", file=sys.stderr)
    return 1 if done.missing else 0


def cmd_import(args: argparse.Namespace) -> int:
    home = Home.from_env()
    mapping = {}
    for item in args.map or []:
        column, sep, target = item.partition("=")
        if not sep:
            print(f"tally import: --map wants COLUMN=FIELD, not {item!r}", file=sys.stderr)
            return 2
        mapping[column.strip()] = target.strip()
    try:
        values = read_value_map(args.map_values) if args.map_values else None
        summary, loaded = stages.import_stage(
            home,
            Path(args.file),
            args.source,
            mapping=mapping,
            as_persons=args.as_persons,
            lenient=args.lenient,
            encoding=args.encoding,
            values=values,
        )
    except (ImportError_, ConfigError, OSError) as exc:
        print(f"tally import: {args.file}: {_one_line(exc)}", file=sys.stderr)
        return 2
    cleared = f", {summary.cleared} unreadable values cleared" if summary.cleared else ""
    print(
        f"{args.file} ({summary.how_read}): {summary.rows} rows → {summary.records} records "
        f"({loaded.records_new} new, {loaded.records_updated} updated), {summary.rejects} "
        f"rejected{cleared} (reasons in the rejects table); columns: "
        + ", ".join(f"{c}→{f}" for c, f in summary.mapping.items()),
        file=sys.stderr,
    )
    if not args.no_publish:
        figures = stages.dedupe_stage(home)
        published = stages.publish_stage(home)
        print(
            f"merged: {figures['persons']:,} persons; published {published['path']}",
            file=sys.stderr,
        )
    return 0


_one_line = source_check.one_line


def add_parsers(sub) -> None:
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
        help="misbehave as real sites do: 5xx, 429 with Retry-After, slow answers, resets, "
        "truncated bodies, wrong charsets, moved pages, redirect loops and chains, redirects "
        "off the site",
    )
    s.add_argument(
        "--slow-timeout",
        type=float,
        default=12.0,
        help="how long a 'timeout' fault stalls (seconds)",
    )
    s.set_defaults(func=cmd_sandbox_serve)

    source_check.add_parsers(sub)

    p = sub.add_parser("import", help="bring in a spreadsheet volunteers kept (CSV)")
    p.add_argument("file", help="FILE.csv (UTF-8, UTF-16, cp1251 or koi8-r; , ; or tab)")
    p.add_argument("--source", required=True, help="a name for the list, as a source")
    p.add_argument(
        "--map", action="append", metavar="COLUMN=FIELD", help="a column's field (repeatable)"
    )
    p.add_argument(
        "--as-persons",
        action="store_true",
        help="each row is one man of an already merged list: never merged",
    )
    p.add_argument(
        "--map-values",
        metavar="FILE.csv",
        help="what the list's own words mean: rows of field,value,means "
        "(category,professional army,regular)",
    )
    p.add_argument(
        "--lenient",
        action="store_true",
        help="a row with a broken quote or too many cells becomes a reject; read on",
    )
    p.add_argument(
        "--encoding",
        metavar="ENC",
        help="read the file in ENC (cp1251, koi8-r, utf-16 …), an undefined byte as �",
    )
    p.add_argument("--no-publish", action="store_true", help="load only; merge and publish later")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("archive", help="the archived pages (WARC) every record points to")
    asub = p.add_subparsers(dest="archive_command", required=True)
    a = asub.add_parser(
        "show", help="print the archived page of a URL (newest capture) or of an archive_ref"
    )
    a.add_argument("url", help="a page's URL, or a record's archive_ref (RUN/archive.warc.gz#N)")
    a.add_argument("--html", action="store_true", help="the HTML as archived, not its text")
    a.add_argument("--all", action="store_true", help="every capture, newest first")
    a.add_argument("--demo", action="store_true", help="the demo's archive (tally demo)")
    a.add_argument(
        "--archive", metavar="DIR", help="read a copy `tally archive export` wrote, not var/runs"
    )
    a.set_defaults(func=cmd_archive_show)
    a = asub.add_parser(
        "export", help="copy the archives the published records cite into DIR (to publish)"
    )
    a.add_argument("dir", help="where to copy them (DIR/<run_id>/archive.warc.gz)")
    a.add_argument("--all", action="store_true", help="every run's archive, cited or not")
    a.add_argument("--snapshot", metavar="FILE", help="the snapshot whose records to follow")
    a.set_defaults(func=cmd_archive_export)
