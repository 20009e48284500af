"""`tally extract FILE|URL [--config SOURCE]`: what tally reads from one page — each man, each
field with the words it was read from, and what was refused and why. What a volunteer runs to
see why a page gives nothing, before and while writing a source config.

With `--config` the page is read as a crawl of that source reads it (its page rule, its
selectors); without, the page's text (its `<article>`, else its `<body>`) is read as free text.
A `.txt` file is read as text as it is.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path

from parsel import Selector as Doc
from rich.console import Console
from rich.markup import escape

from flows.paths import Home
from spiders.config import ConfigError, project_window
from spiders.extract.html import decode_html, fragment_text
from spiders.fields import records_from_text
from spiders.pages import PageResult, parse_page
from spiders.settings import USER_AGENT
from spiders.validate import THIS_WAR, Window, check_record

SHOWN = ("birth_date", "death_date", "funeral_date", "age", "settlement", "region", "unit",
         "rank", "category")  # fmt: skip


def fetch(target: str) -> tuple[bytes, str, str | None]:
    """(body, url, content type) of a file or an address."""
    if target.startswith(("http://", "https://")):
        request = urllib.request.Request(target, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read(), response.geturl(), response.headers.get("Content-Type")
    path = Path(target)
    if not path.is_file():
        raise FileNotFoundError(f"{target}: no such file (give a file or an http(s) address)")
    kind = "text/plain; charset=utf-8" if path.suffix.lower() == ".txt" else None
    return path.read_bytes(), path.resolve().as_uri(), kind


def read_as_text(body: bytes, url: str, content_type: str | None, today: date) -> PageResult:
    """A page read without a config: its article (or body) as free text."""
    base = {"source": "extract", "spider": "extract", "url": url,
            "fetched_at": datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")}  # fmt: skip
    if content_type and content_type.startswith("text/plain"):
        text, charset = body.decode("utf-8", errors="replace"), "utf-8"
        title, main = "", text
    else:
        html, charset = decode_html(body, content_type)
        doc = Doc(text=html)
        title = " ".join(doc.css("h1 ::text").getall()).strip()
        node = doc.css("article") or doc.css("body") or [doc]
        main = fragment_text(node[0].get())
    records, rejects = records_from_text(title, main, base, None)
    return PageResult(url=url, status="parsed", records=records, rejects=rejects, charset=charset)


def _spans(record: dict) -> dict[str, tuple[int, int]]:
    try:
        return {k: tuple(v) for k, v in json.loads(record.get("spans") or "{}").items()}
    except (TypeError, ValueError):
        return {}


def show(console: Console, result: PageResult, today: date, window: Window = THIS_WAR) -> None:
    console.print(
        f"[bold]{result.url}[/] — {result.status}"
        + (f" ({escape(result.reason)})" if result.reason else "")
        + f"; read as {result.charset}; {len(result.records)} men, {len(result.rejects)} refused"
    )
    for n, record in enumerate(result.records, 1):
        spans, context = _spans(record), record.get("context") or ""
        where = spans.get("full_name")
        console.print(
            f"\n[bold]{n}. {escape(record['full_name'])}[/]  written «{escape(record['name_raw'])}»"
            + (f" at {where[0]}–{where[1]}" if where else "")
        )
        for name in SHOWN:
            if record.get(name) in (None, ""):
                continue
            span = spans.get(name)
            words = context[span[0] : span[1]] if span else record.get(f"{name}_raw")
            console.print(
                f"   {name:<13}{escape(str(record[name])):<24}← «{escape(str(words or '?'))}»"
            )
        for problem in check_record(dict(record), today, window):
            verdict = "refused" if problem.fatal else "cleared"
            console.print(f"   [red]{verdict}[/]: {problem.field}: {escape(problem.reason)}")
    for reject in result.rejects:
        raw = reject.get("raw") or {}
        what = raw.get("name_raw") or raw.get("full_name") or ""
        console.print(
            f"\n[yellow]refused[/] ({reject['scope']}) {escape(what)}: {escape(reject['reason'])}"
        )
    if not result.records and not result.rejects:
        console.print(
            "\nNo dead man found. With --config, check the page rule's selectors (the reason "
            "above); without, the text may name no death this reader knows."
        )


def cmd_extract(args: argparse.Namespace) -> int:
    today = date.fromisoformat(args.today) if args.today else date.today()
    try:
        body, url, content_type = fetch(args.target)
    except OSError as exc:
        print(f"tally extract: {exc}", file=sys.stderr)
        return 2
    if args.url:
        url = args.url
    if args.config:
        try:
            config = Home.from_env().source(args.config)
        except (ConfigError, FileNotFoundError, KeyError, ValueError) as exc:
            print(f"tally extract: {exc}", file=sys.stderr)
            return 2
        if args.base_url:
            config = config.with_base(args.base_url)
        if config.rule_for(url) is None:
            rules = ", ".join(repr(r.url.pattern) for r in config.pages)
            print(
                f"tally extract: no [[page]] rule of {config.name} matches {url} (its rules: "
                f"{rules}); give the page's address with --url",
                file=sys.stderr,
            )
            return 2
        result = parse_page(
            config, body, url, fetched_at=today.isoformat(), content_type=content_type, today=today
        )
        window = config.validate
    else:
        result = read_as_text(body, url, content_type, today)
        window = project_window(Home.from_env().settings)
    show(Console(), result, today, window)
    return 0


def add_parsers(sub) -> None:
    p = sub.add_parser("extract", help="what tally reads from one page (each man, each field)")
    p.add_argument("target", help="a saved page (FILE.html, FILE.txt) or an http(s) address")
    p.add_argument("--config", metavar="SOURCE", help="read it as this source's crawl would")
    p.add_argument("--url", help="the page's address, for a saved file read with --config")
    p.add_argument("--base-url", help="the stand-in site's address, for sandbox-* configs")
    p.add_argument("--today", help="the date validation treats as today (YYYY-MM-DD)")
    p.set_defaults(func=cmd_extract)
