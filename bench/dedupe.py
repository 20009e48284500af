"""Dedupe quality, speed and memory at 10,000 and 1,000,000 records, beside Splink's on the
same data in the same run, and the count's uncertainty.

For each size N, the stand-in generator (`sandbox.records`) makes N/2 men and their reports
(about two each, with the noise real sources have); both systems read the same Parquet file as
a separate process, and each is timed wall to wall with its peak memory (the whole process
tree, sampled every 50 ms). Figures: precision, recall and F1 over record pairs, the count
error (persons found against true persons), the count's 95 % interval (`dedupe.uncertainty`)
and whether the true count lies inside it, the review queue's size (its record pairs, and the
questions the review asks of them: one per two persons), where the count's error comes from
(men split into several persons, men merged into another's, records alone though their man has
others: `dedupe.metrics.count_parts`) and the share of its
variance (Σ p(1 − p) over the pairs that may join two persons) the first 1,000 pairs in the
queue's order cover, median wall time of several runs. tally's runs list their review pairs
(`--review`), so its times include the interval and writing the queue.

`--generator foreign` (or `both`) measures on `sandbox.foreign` too: records made by a generator
written apart from dedupe (its author saw neither dedupe nor `sandbox.records`), the nearest we
have to a held-out list. A labelled table of records from elsewhere (`--records FILE.parquet`: the columns of `tally
dedupe`'s input plus `true_person`) is measured the same way under a heading of its own, so a
held-out set is never mixed into the generator's figures.

    .venv/bin/python bench/dedupe.py                     # 10,000 and 1,000,000 records
    .venv/bin/python bench/dedupe.py 10000 --runs 5
    .venv/bin/python bench/dedupe.py 100000 --no-splink
    .venv/bin/python bench/dedupe.py 10000 --generator both   # and sandbox.foreign's records
    .venv/bin/python bench/dedupe.py --records heldout.parquet --no-splink --runs 1

Splink is set up in `bench/splink_baseline.py`: it is given tally's name normalisation (it has
none for Russian names) and its own blocking, training and clustering.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# bench/ holds scripts named like tally's packages (dedupe.py): keep it off the import path
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path = [p for p in sys.path if p and Path(p).resolve() != HERE]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import psutil  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.csv as pacsv  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from dedupe.metrics import count_parts, pair_metrics  # noqa: E402
from dedupe.uncertainty import count_weights, match_probability  # noqa: E402
from review.queue import one_per_persons  # noqa: E402
from sandbox.foreign import generate_foreign  # noqa: E402
from sandbox.records import generate_records  # noqa: E402

# the generators of labelled records: our harsh one, and one written apart from dedupe (its
# author saw neither dedupe nor sandbox.records): a stand-in for held-out lists
GENERATORS = {
    "harsh": ("Our generator (sandbox.records)", generate_records),
    "foreign": ("Written apart from dedupe (sandbox.foreign)", generate_foreign),
}

TOP = 1000  # the review pairs whose share of the uncertainty is reported
INTERVAL = re.compile(r"between (\d+) and (\d+) people, ([\d.]+) expected")


def run_measured(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak resident memory (MB) of a command and all its children, and what it
    said on stderr."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            parent = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            try:
                tree = [parent, *parent.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree))
            except psutil.Error:
                pass
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    said = err.decode(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{said[-2000:]}")
    return wall, peak / 1e6, said


def clusters_of(path: Path, column: str, ids: list[str]) -> list[str]:
    table = pacsv.read_csv(path)
    found = dict(zip(table.column("record_id").cast("string").to_pylist(),
                     table.column(column).cast("string").to_pylist(), strict=True))  # fmt: skip
    return [found[r] for r in ids]


def measure(name: str, command: list[str], out: Path, column: str, ids, truth, runs: int) -> dict:
    walls, peaks = [], []
    for k in range(runs):
        wall, peak, said = run_measured(command)
        walls.append(wall)
        peaks.append(peak)
        print(f"    {name} run {k + 1}/{runs}: {wall:.1f} s, {peak:,.0f} MB", file=sys.stderr)
    for line in said.splitlines():  # a set from elsewhere may write a field another way
        if "not understood" in line:
            print(f"    {line}", file=sys.stderr)
    found = clusters_of(out, column, ids)
    m = pair_metrics(found, truth)
    parts = count_parts(found, truth)
    interval = INTERVAL.search(said)
    return {
        "system": name,
        "precision": m.precision,
        "recall": m.recall,
        "f1": m.f1,
        "count_error": m.count_error,
        "persons": m.persons,
        "true_persons": m.true_persons,
        "interval": (int(interval[1]), int(interval[2]), float(interval[3])) if interval else None,
        "found": found,
        "parts": parts,
        "wall": statistics.median(walls),
        "wall_range": (min(walls), max(walls)),
        "memory": statistics.median(peaks),
    }


def review_figures(path: Path, ids: list[str], found: list[str], truth: list[str]) -> dict:
    """The queue's size, the share of its variance the first `TOP` pairs cover, and how often
    the pairs left between two persons are one man beside what their scores say."""
    table = pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types={"record_a": pa.string(), "record_b": pa.string(), "score": pa.float64()}
        ),
    )
    person = dict(zip(ids, found, strict=True))
    man = dict(zip(ids, truth, strict=True))
    a, b = table.column("record_a").to_pylist(), table.column("record_b").to_pylist()
    scores = table.column("score").to_numpy()
    weights = count_weights([person[r] for r in a], [person[r] for r in b], scores)
    ranked = np.sort(weights)[::-1]
    between = np.array([person[x] != person[y] for x, y in zip(a, b, strict=True)], dtype=bool)
    same = np.array([man[x] == man[y] for x, y in zip(a, b, strict=True)], dtype=bool)
    bands = []
    for low, high in ((-2.0, -1.0), (-1.0, 0.0), (0.0, 1.25)):
        k = between & (scores >= low) & (scores < high)
        if k.any():
            bands.append(
                (low, high, int(k.sum()), match_probability(scores[k]).mean(), same[k].mean())
            )
    return {
        "queue": len(scores),
        # the review asks one question per two persons
        "questions": len(
            one_per_persons(
                (
                    {"record_a": x, "record_b": y, "score": s}
                    for x, y, s in zip(a, b, scores, strict=True)
                ),
                person,
                set(),
            )
        ),
        "top_share": ranked[:TOP].sum() / ranked.sum() if ranked.sum() else 1.0,
        "bands": bands,
    }


def measure_set(label, table, tmp: Path, python: str, args) -> list[dict]:
    """tally (and Splink) on one labelled table: a row each."""
    ids = [str(r) for r in table.column("record_id").to_pylist()]
    truth = [str(t) for t in table.column("true_person").to_pylist()]
    records = tmp / f"records-{label}.parquet"
    pq.write_table(table.drop_columns(["true_person"]), records)
    print(f"{label}: {table.num_rows:,} records of {len(set(truth)):,} men", file=sys.stderr)
    ours, review = tmp / f"tally-{label}.csv", tmp / f"review-{label}.csv"
    command = [python, "-m", "cli", "dedupe", "--records", str(records), "--out", str(ours)]
    result = measure(
        "tally", [*command, "--review", str(review)], ours, "person_id", ids, truth, args.runs
    )
    result.update(review_figures(review, ids, result.pop("found"), truth))
    rows = [{**result, "records": table.num_rows}]
    if not args.no_splink:
        theirs = tmp / f"splink-{label}.csv"
        command = [python, str(HERE / "splink_baseline.py"), str(records), str(theirs)]
        result = measure("Splink", command, theirs, "cluster_id", ids, truth, args.runs)
        result.pop("found")
        rows.append({**result, "records": table.num_rows})
    return rows


def print_table(heading: str, rows: list[dict], runs: int) -> None:
    print(f"\n### {heading}\n")
    print(
        f"| records | system | precision | recall | F1 | count error | 95 % interval "
        f"(expected) | truth inside | review queue | top {TOP:,} cover | wall (median of "
        f"{runs}) | peak memory |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|")
    for r in rows:
        low, high = r["wall_range"]
        if r.get("interval"):
            a, b, expected = r["interval"]
            interval = f"{a:,}–{b:,} ({expected:,.0f})"
            inside = "yes" if a <= r["true_persons"] <= b else "**no**"
        else:
            interval = inside = "–"
        queue = f"{r['queue']:,} ({r['questions']:,} questions)" if "queue" in r else "–"
        cover = f"{r['top_share']:.0%}" if "top_share" in r else "–"
        print(
            f"| {r['records']:,} | {r['system']} | {r['precision']:.4f} | {r['recall']:.4f} | "
            f"{r['f1']:.4f} | {r['count_error']:+.2%} ({r['persons']:,} vs {r['true_persons']:,})"
            f" | {interval} | {inside} | {queue} | {cover} | {r['wall']:.1f} s "
            f"({low:.1f}–{high:.1f}) | {r['memory'] / 1000:.2f} GB |"
        )
    print("\nWhere the count's error comes from: persons found − men = the extra persons split")
    print("men went to − the men merged into another man's person:\n")
    for r in rows:
        parts = r["parts"]
        print(f"- {r['records']:,} records, {r['system']}: {r['persons'] - r['true_persons']:+,} = "
              f"{parts.split:,} split − {parts.merged:,} merged; {parts.stray:,} records alone "
              "though their man has others")  # fmt: skip
    bands = [(r["records"], *band) for r in rows for band in r.get("bands", [])]
    if bands:
        print("\nPairs left between two persons (review queue): how often one man, beside what")
        print("their scores say (the calibration behind `dedupe.uncertainty.BETWEEN_SHIFT`):\n")
        for records, low, high, n, model, true in bands:
            print(f"- {records:,} records, score [{low:g}, {high:g}): {n:,} pairs, one man in "
                  f"{true:.0%} (scores say {model:.0%})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-splink", action="store_true")
    parser.add_argument(
        "--generator",
        choices=("harsh", "foreign", "both"),
        default="harsh",
        help="harsh: sandbox.records; foreign: sandbox.foreign, written apart from dedupe",
    )
    parser.add_argument(
        "--records",
        action="append",
        default=[],
        help="a labelled table (Parquet: tally dedupe's columns + true_person), measured apart",
    )
    args = parser.parse_args()
    sizes = args.sizes or ([] if args.records else [10_000, 1_000_000])
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="tally-bench-dedupe-") as tmp:
        for name in ("harsh", "foreign"):
            if args.generator not in (name, "both"):
                continue
            rows = []
            for size in sizes:
                table = GENERATORS[name][1](max(size // 2, 1), args.seed)
                rows += measure_set(f"{name}{size}", table, Path(tmp), python, args)
            if rows:
                print_table(f"{GENERATORS[name][0]}, seed {args.seed}", rows, args.runs)
        for k, path in enumerate(args.records):
            table = pq.read_table(path)
            missing = {"record_id", "true_person"} - set(table.column_names)
            if missing:
                parser.error(f"--records {path}: no {', '.join(sorted(missing))} column")
            rows = measure_set(f"file{k}", table, Path(tmp), python, args)
            print_table(f"{Path(path).name} (labelled records from elsewhere)", rows, args.runs)


if __name__ == "__main__":
    main()
