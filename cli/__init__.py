"""The `tally` command line: one module per group of commands, each adding its parsers.

- `cli.pipeline`: run, crawl, nightly, serve, demo, publish — the stages and flows
- `cli.sources`: sandbox serve, import, archive show — where records come from
- `cli.review`: review, judgements — the maintainers' decisions
- `cli.data`: report, estimate, dictionary, dedupe — reading and checking the results
"""

from __future__ import annotations

import argparse
import sys

from cli import data, pipeline, review, sources

GROUPS = (pipeline, sources, review, data)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tally", description="Count the war dead by name.")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
