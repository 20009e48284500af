"""Extraction against the stand-in truth, field by field: a fresh stand-in site of N people
(default 2,000), every page parsed by its source config as a crawl would, each record compared
with what the page truly says. Goals: name in dictionary form ≥ 99 %, death date ≥ 97 %, birth
date ≥ 97 % where the page shows it, region ≥ 97 % where derivable.

    .venv/bin/python bench/extract.py 2000 --seed 1
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

# bench/ holds scripts named like tally's packages (dedupe.py): keep it off the import path
HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if p and Path(p).resolve() != HERE]

from sandbox.evaluate import evaluate  # noqa: E402
from sandbox.server import Sandbox  # noqa: E402

GOALS = {"name": 0.99, "death_date": 0.97, "birth_date": 0.97, "region": 0.97}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("people", nargs="?", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    sandbox = Sandbox(args.people, args.seed)
    result = evaluate(sandbox)
    elapsed = time.perf_counter() - started
    print(
        f"extraction on a stand-in site of {args.people} people (seed {args.seed}), {elapsed:.0f} s"
    )
    print(f"  {'field':<14}{'shown':>8}{'right':>10}   goal")
    for name, shown, rate in result.table():
        goal = GOALS.get(name)
        mark = "" if goal is None else ("  ok" if rate >= goal else "  BELOW")
        print(f"  {name:<14}{shown:>8}{rate:>10.2%}   {f'{goal:.0%}' if goal else ''}{mark}")
    sites = sorted({site for site, _ in result.shown})
    print("  name by site: " + ", ".join(f"{s} {result.rate('name', s):.1%}" for s in sites))
    print(
        f"  records not in the truth: {sum(result.extra.values())}; planted bad records "
        f"rejected: {result.rejects_found} of {result.rejects_expected}"
    )


if __name__ == "__main__":
    main()
