"""Dedupe quality and time on the stand-in truth: pairwise precision, recall, F1, and the count
error (persons found vs true), median time of several runs.

    .venv/bin/python bench/dedupe.py 5000
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

# bench/ holds scripts named like tally's packages (dedupe.py): keep it off the import path
HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if p and Path(p).resolve() != HERE]


from dedupe import dedupe_records  # noqa: E402
from sandbox.server import Sandbox  # noqa: E402


def truth_records(people: int, seed: int = 1) -> tuple[list[dict], dict[str, str]]:
    sandbox = Sandbox(people, seed)
    records, truth = [], {}
    for n, shown in enumerate(s for site in sandbox.sites for s in site.truth()):
        rid = f"r{n}"
        records.append(
            {
                "record_id": rid,
                "source": shown.site,
                **{k: v for k, v in shown.as_dict().items() if k not in ("pid", "site")},
            }
        )
        truth[rid] = shown.pid
    return records, truth


def pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {
        tuple(sorted(p)) for members in groups.values() for p in itertools.combinations(members, 2)
    }


def score(assignment: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    found, real = defaultdict(list), defaultdict(list)
    for rid, pid in assignment.items():
        found[pid].append(rid)
        real[truth[rid]].append(rid)
    fp, tp = pairs(found), pairs(real)
    hit = len(fp & tp)
    precision = hit / len(fp) if fp else 1.0
    recall = hit / len(tp) if tp else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "persons": len(found),
        "true_persons": len(real),
        "count_error": (len(found) - len(real)) / len(real),
    }


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    records, truth = truth_records(people)
    result = {}

    def run() -> None:
        result["r"] = dedupe_records(records, summarise_persons=False)

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    figures = score(result["r"].assignment, truth)
    print(f"dedupe on {len(records)} records of {people} stand-in people (median of {runs} runs)")
    print(
        f"  precision {figures['precision']:.4f}  recall {figures['recall']:.4f}  F1 {figures['f1']:.4f}"
    )
    print(
        f"  persons {figures['persons']} vs true {figures['true_persons']} "
        f"(count error {figures['count_error']:+.2%})"
    )
    print(f"  time {statistics.median(times):.2f} s; review pairs {len(result['r'].review)}")


if __name__ == "__main__":
    main()
