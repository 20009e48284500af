"""Seconds per stage of the whole pipeline on the stand-in site (median of several runs).

.venv/bin/python bench/pipeline.py --people 2000 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

# bench/ holds scripts named like tally's packages (dedupe.py): keep it off the import path
HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if p and Path(p).resolve() != HERE]


from flows import stages  # noqa: E402
from flows.paths import Home  # noqa: E402
from sandbox.server import Sandbox, SandboxServer  # noqa: E402


@contextmanager
def timed(into: list[float]):
    start = time.perf_counter()
    yield
    into.append(time.perf_counter() - start)


def one_run(server: SandboxServer, root: Path) -> dict[str, float]:
    home = Home.from_env(root / "var", root / "published")
    times: dict[str, list[float]] = {}
    results = []
    for source in ("sandbox-news", "sandbox-memorial"):
        with timed(times.setdefault(f"crawl {source}", [])):
            results.append(stages.crawl_source(source, home, base_url=server.url))
    with timed(times.setdefault("load", [])):
        for result in results:
            stages.load_crawl(result, home)
    with timed(times.setdefault("dedupe", [])):
        stages.dedupe_stage(home)
    with timed(times.setdefault("publish", [])):
        stages.publish_stage(home)
    pages = sum(sum(r.summary["pages"].values()) for r in results)
    return {**{k: v[0] for k, v in times.items()}, "pages": pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    server = SandboxServer(Sandbox(args.people, seed=1)).start()
    try:
        runs = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                runs.append(one_run(server, Path(tmp)))
    finally:
        server.stop()
    print(f"pipeline on a stand-in world of {args.people} people, median of {args.runs} runs")
    for key in runs[0]:
        if key == "pages":
            continue
        print(f"  {key:<24} {statistics.median([r[key] for r in runs]):8.2f} s")
    print(f"  pages crawled            {runs[0]['pages']:8d}")


if __name__ == "__main__":
    main()
