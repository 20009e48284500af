"""Dedupe quality, speed and memory at 10,000 and 1,000,000 records, beside Splink's on the
same data in the same run.

For each size N, the stand-in generator (`sandbox.records`) makes N/2 men and their reports
(about two each, with the noise real sources have); both systems read the same Parquet file as
a separate process, and each is timed wall to wall with its peak memory (the whole process
tree, sampled every 50 ms). Figures: precision, recall and F1 over record pairs, the count
error (persons found against true persons), median wall time of several runs.

    .venv/bin/python bench/dedupe.py                     # 10,000 and 1,000,000 records
    .venv/bin/python bench/dedupe.py 10000 --runs 5
    .venv/bin/python bench/dedupe.py 100000 --no-splink

Splink is set up in `bench/splink_baseline.py`: it is given tally's name normalisation (it has
none for Russian names) and its own blocking, training and clustering.
"""

from __future__ import annotations

import argparse
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

import psutil  # noqa: E402
import pyarrow.csv as pacsv  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from dedupe.metrics import pair_metrics  # noqa: E402
from sandbox.records import generate_records  # noqa: E402


def run_measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of a command and all its children."""
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
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{err.decode(errors='replace')[-2000:]}")
    return wall, peak / 1e6


def clusters_of(path: Path, column: str, ids: list[str]) -> list[str]:
    table = pacsv.read_csv(path)
    found = dict(zip(table.column("record_id").cast("string").to_pylist(),
                     table.column(column).cast("string").to_pylist(), strict=True))  # fmt: skip
    return [found[r] for r in ids]


def measure(name: str, command: list[str], out: Path, column: str, ids, truth, runs: int) -> dict:
    walls, peaks = [], []
    for k in range(runs):
        wall, peak = run_measured(command)
        walls.append(wall)
        peaks.append(peak)
        print(f"    {name} run {k + 1}/{runs}: {wall:.1f} s, {peak:,.0f} MB", file=sys.stderr)
    m = pair_metrics(clusters_of(out, column, ids), truth)
    return {
        "system": name,
        "precision": m.precision,
        "recall": m.recall,
        "f1": m.f1,
        "count_error": m.count_error,
        "persons": m.persons,
        "true_persons": m.true_persons,
        "wall": statistics.median(walls),
        "wall_range": (min(walls), max(walls)),
        "memory": statistics.median(peaks),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-splink", action="store_true")
    args = parser.parse_args()
    python = sys.executable
    rows = []
    with tempfile.TemporaryDirectory(prefix="tally-bench-dedupe-") as tmp:
        for size in args.sizes:
            table = generate_records(max(size // 2, 1), args.seed)
            ids = table.column("record_id").to_pylist()
            truth = table.column("true_person").to_pylist()
            records = Path(tmp) / f"records-{size}.parquet"
            pq.write_table(table.drop_columns(["true_person"]), records)
            print(f"{table.num_rows:,} records of {len(set(truth)):,} men", file=sys.stderr)
            ours = Path(tmp) / f"tally-{size}.csv"
            command = [python, "-m", "cli", "dedupe", "--records", str(records)]
            result = measure(
                "tally", [*command, "--out", str(ours)], ours, "person_id", ids, truth, args.runs
            )
            rows.append((table.num_rows, result))
            if not args.no_splink:
                theirs = Path(tmp) / f"splink-{size}.csv"
                command = [python, str(HERE / "splink_baseline.py"), str(records), str(theirs)]
                result = measure("Splink", command, theirs, "cluster_id", ids, truth, args.runs)
                rows.append((table.num_rows, result))
    print(
        f"\n| records | system | precision | recall | F1 | count error | wall (median of "
        f"{args.runs}) | peak memory |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for size, r in rows:
        low, high = r["wall_range"]
        print(
            f"| {size:,} | {r['system']} | {r['precision']:.4f} | {r['recall']:.4f} | "
            f"{r['f1']:.4f} | {r['count_error']:+.2%} ({r['persons']:,} vs {r['true_persons']:,})"
            f" | {r['wall']:.1f} s ({low:.1f}–{high:.1f}) | {r['memory'] / 1000:.2f} GB |"
        )


if __name__ == "__main__":
    main()
