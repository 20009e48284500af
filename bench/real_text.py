"""The free-text reader on real Russian news excerpts about the dead (tests/fixtures/real_news/):
recall of dead men, precision of what it reads, trap excerpts that give no record, and field
accuracy where the text states the field; for the whole corpus, its tuning part and the part
held out while tuning (every third file). Goals: recall ≥ 95 %, precision ≥ 95 %, ≥ 95 % of
traps clean, age and region ≥ 95 % where stated.

    .venv/bin/python bench/real_text.py [--errors]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if p and Path(p).resolve() != HERE]
sys.path.insert(0, str(HERE.parent))

from tests.spiders.real_corpus import FIELDS, excerpts, score  # noqa: E402

GOALS = {"recall": 0.95, "precision": 0.95, "traps clean": 0.95, "age": 0.95, "region": 0.95}


def _line(name: str, value: float, n: int) -> str:
    goal = GOALS.get(name)
    mark = "" if goal is None else ("  ok" if value >= goal else "  BELOW")
    return f"  {name:<13}{value:>8.1%}  of {n:<5}{f'goal {goal:.0%}' if goal else ''}{mark}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list every miss and wrong record")
    args = parser.parse_args()
    for part in ("all", "tune", "held_out"):
        started = time.perf_counter()
        items = excerpts(part)
        s = score(items)
        print(f"{part}: {len(items)} excerpts, {s.dead} dead men, {s.traps} traps "
              f"({time.perf_counter() - started:.1f} s)")  # fmt: skip
        print(_line("recall", s.recall, s.dead))
        print(_line("precision", s.precision, s.records))
        print(_line("traps clean", s.traps_clean_share, s.traps) + f"  ({s.trap_records} records)")
        for name in FIELDS:
            print(_line(name, s.field_rate(name), s.fields[name]))
        if args.errors and part == "all":
            for file, name in s.missed:
                print(f"    missed  {file}: {name}")
            for file, name in s.wrong:
                print(f"    wrong   {file}: {name}")
            for file, name, what, got, want in s.field_errors:
                print(f"    field   {file}: {name}: {what} {got!r} ≠ {want!r}")


if __name__ == "__main__":
    main()
