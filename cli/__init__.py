"""The `tally` command line: one module per group of commands, each adding its parsers.

- `cli.pipeline`: run, crawl, nightly, serve, demo, publish — the stages and flows
- `cli.sources`: sandbox serve, import, archive show and export — where records come from
- `cli.source_check`: source check — a source file read as a crawl would (runs before the rest
  loads)
- `cli.extract`: extract — what tally reads from one page, and why not more
- `cli.review`: review, judgements — the maintainers' decisions
- `cli.data`: report, estimate, dictionary, dedupe — reading and checking the results
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from typing import NoReturn

# commands that build a million records' worth of Python objects and have written and closed
# everything they make by the time they return: the process ends without freeing those objects
# one by one (3 s of a `tally dedupe` of a million records went on that)
QUICK_EXIT = frozenset({"dedupe"})


def build_parser() -> argparse.ArgumentParser:
    from cli import data, extract, pipeline, review, sources  # heavy: only a whole parser

    parser = argparse.ArgumentParser(prog="tally", description="Count the war dead by name.")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="Prefect's log and full tracebacks on failure"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for group in (pipeline, sources, extract, review, data):
        group.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command. A failure is one clear line and exit 1 (the traceback with -v)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:2] == ["source", "check"]:  # before the other commands load: well under a second
        from cli import source_check

        return source_check.main(argv[2:])
    args = build_parser().parse_args(argv)
    if args.verbose:
        os.environ["TALLY_VERBOSE"] = "1"
    try:
        return args.func(args)
    except Exception as exc:
        if args.verbose:
            traceback.print_exc()
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        hint = "" if args.verbose else " (tally -v shows the traceback)"
        print(f"tally {args.command}: {first}{hint}", file=sys.stderr)
        return 1


def run() -> NoReturn:
    """`tally` as a process: `main` on the command line's arguments, then exit with its code;
    right away after a `QUICK_EXIT` command (its output flushed first)."""
    argv = sys.argv[1:]
    code = main(argv)
    command = next((a for a in argv if not a.startswith("-")), None)
    if command in QUICK_EXIT:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
