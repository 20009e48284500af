"""Crawl speed: pages per minute crawling the stand-in site, beside what `scrapy bench` reaches
on this machine in the same run. Goal: at least 80 % of `scrapy bench`.

Both figures come from Scrapy's own LogStats lines ("Crawled N pages (at X pages/min)"), one per
second, so start-up does not count against either; each is the median of those lines, and of
several runs with --runs.

    .venv/bin/python bench/crawl.py --people 20000 --runs 1
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# bench/ holds scripts named like tally's packages (dedupe.py): keep it off the import path
HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if p and Path(p).resolve() != HERE]

from flows.crawl import crawl_command, crawl_env  # noqa: E402
from flows.paths import Home  # noqa: E402
from sandbox.server import Sandbox, SandboxServer  # noqa: E402

RATE = re.compile(r"Crawled (\d+) pages \(at (\d+) pages/min\)")


def rates(log: str, skip: int = 2) -> list[int]:
    """Per-interval rates from LogStats lines, without the first few (warm-up) and the last
    (the crawl winding down)."""
    found = [int(m.group(2)) for m in RATE.finditer(log)]
    return found[skip:-1] if len(found) > skip + 1 else found


def scrapy_bench(seconds: int) -> list[int]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "bench",
            "-s",
            "LOGSTATS_INTERVAL=1",
            "-s",
            f"CLOSESPIDER_TIMEOUT={seconds}",
        ],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
    )
    return rates(out.stderr)


def tally_crawl(server: SandboxServer, source: str, root: Path) -> tuple[list[int], int, float]:
    home = Home.from_env(root / "var")
    _, _, run_dir, cmd = crawl_command(
        source, home, base_url=server.url, settings={"LOGSTATS_INTERVAL": 1}
    )
    started = time.perf_counter()
    subprocess.run(cmd, env=crawl_env(), check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    log = (run_dir / "crawl.log").read_text(encoding="utf-8", errors="replace")
    pages = sum(1 for _ in (run_dir / "pages.jsonl").open())
    return rates(log), pages, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--source", default="sandbox-news", help="the stand-in source to crawl")
    args = parser.parse_args()

    started = time.perf_counter()
    sandbox = Sandbox(args.people, seed=1)
    print(f"stand-in world of {args.people} people built in {time.perf_counter() - started:.1f} s")
    server = SandboxServer(sandbox).start()
    ours, theirs, totals = [], [], []
    try:
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                r, pages, elapsed = tally_crawl(server, args.source, Path(tmp))
            ours.append(statistics.median(r))
            totals.append((pages, elapsed))
            theirs.append(statistics.median(scrapy_bench(max(10, min(int(elapsed), 30)))))
    finally:
        server.stop()
    a, b = statistics.median(ours), statistics.median(theirs)
    pages, elapsed = totals[0]
    print(
        f"tally crawl of {args.source}: {a:,.0f} pages/min (median; {pages:,} pages in "
        f"{elapsed:.0f} s including start-up)"
    )
    print(f"scrapy bench on this machine: {b:,.0f} pages/min (median)")
    print(f"ratio: {a / b:.0%} (goal: at least 80 %)")


if __name__ == "__main__":
    main()
