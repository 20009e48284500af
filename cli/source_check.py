"""`tally source check FILE|NAME …`: each source file read as a crawl would read it (every key,
its type, every regex and selector, the window of dates over the project's), one line per file:
what the source is, or what is wrong with it (exit 2). It needs neither Prefect nor the rest of
tally, so `cli.main` runs it before the other commands load: well under a second."""

from __future__ import annotations

import argparse
import sys

from flows.paths import Home
from spiders.config import ConfigError


def cmd_source_check(args: argparse.Namespace) -> int:
    home = Home.from_env()
    bad = 0
    for name in args.files:
        try:
            config = home.source(name)
        except (ConfigError, OSError) as exc:
            print(f"✗ {one_line(exc)}", file=sys.stderr)
            bad += 1
            continue
        window = config.validate
        fields = sorted({f for rule in config.pages for f in rule.fields})
        print(
            f"✓ {config.path or name}: source {config.name!r} ({config.kind}), "
            f"{len(config.start_urls)} start URL(s), {len(config.follow)} follow rule(s), "
            f"{len(config.pages)} page rule(s)"
            + (f" reading {', '.join(fields)}" if fields else "")
            + f"; deaths from {window.earliest_death}"
            + (f" to {window.latest_death}" if window.latest_death else "")
            + f", ages {window.min_age}–{window.max_age}"
        )
    return 2 if bad else 0


def one_line(exc: Exception) -> str:
    """An error as one line: an OSError by its reason and file, never a repr or a newline."""
    if isinstance(exc, OSError) and exc.strerror:
        text = f"{exc.strerror}" + (f": {exc.filename}" if exc.filename else "")
    else:
        text = str(exc)
    return " ".join(text.split())


def add_parsers(sub) -> None:
    p = sub.add_parser("source", help="a source's config file")
    ssub = p.add_subparsers(dest="source_command", required=True)
    s = ssub.add_parser("check", help="read a config as a crawl would: ok, or what is wrong")
    s.add_argument("files", nargs="+", metavar="FILE|NAME", help="a .toml file or a source's name")
    s.set_defaults(func=cmd_source_check)


def main(argv: list[str]) -> int:
    """`tally source check …` alone, before the other commands' modules load."""
    parser = argparse.ArgumentParser(prog="tally")
    add_parsers(parser.add_subparsers(dest="command", required=True))
    return cmd_source_check(parser.parse_args(["source", "check", *argv]))
