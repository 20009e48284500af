"""`tally` as a process (`cli.run`): a command in `cli.QUICK_EXIT` ends the process without
freeing what it built, so its files and its last line must be complete when it returns."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROWS = [
    ("r1", "Иванов Иван Иванович", "2024-05-01", "Курская область"),
    ("r2", "ИВАНОВ Иван Иванович", "2024-05-01", "Курская обл."),
    ("r3", "Петров Пётр Петрович", "2023-11-20", "Тверская область"),
]


def _tally(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_a_quick_exit_leaves_every_file_and_line_whole(tmp_path):
    records = tmp_path / "records.csv"
    records.write_text(
        "record_id,full_name,death_date,region\n" + "".join(f"{','.join(r)}\n" for r in ROWS),
        encoding="utf-8",
    )
    out, review = tmp_path / "persons.csv", tmp_path / "review.csv"
    done = _tally("dedupe", "--records", str(records), "--out", str(out), "--review", str(review))
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["record_id", "person_id"] and len(rows) == 1 + len(ROWS)
    person = dict(rows[1:])
    assert person["r1"] == person["r2"] != person["r3"]
    assert review.exists()
    assert "3 records → 2 people" in done.stderr  # the last line, flushed before the exit


def test_a_quick_exit_keeps_the_failure_code(tmp_path):
    done = _tally(
        "dedupe", "--records", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "o")
    )
    assert done.returncode == 2
    assert "tally dedupe:" in done.stderr
