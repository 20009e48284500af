"""Reading records for `tally dedupe` (CSV or Parquet) and writing its answers."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

COLUMNS = (
    "record_id",
    "source",
    "full_name",
    "birth_date",
    "death_date",
    "age",
    "region",
    "settlement",
    "unit",
    "category",
    "url",
)
REQUIRED = ("record_id", "full_name")


class InputError(ValueError):
    """A records file dedupe cannot read, with the line that broke it."""


def read_records(path: Path | str) -> list[dict[str, Any]]:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
        columns = set(rows[0]) if rows else set()
        missing = [c for c in REQUIRED if rows and c not in columns]
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
        return _checked(rows, path, offset=1)
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise InputError(
                f"{path}: line 1: missing column(s) {', '.join(missing)} "
                f"(found: {', '.join(header) or 'nothing'})"
            )
        rows = []
        try:
            for row in reader:
                if None in row:
                    raise InputError(
                        f"{path}: line {reader.line_num}: more fields than the header has"
                    )
                rows.append({k: row.get(k) for k in header})
        except csv.Error as exc:
            raise InputError(f"{path}: line {reader.line_num}: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc})") from exc
    return _checked(rows, path, offset=2)


def _checked(rows: list[dict[str, Any]], path: Path, offset: int) -> list[dict[str, Any]]:
    seen: dict[str, int] = {}
    for n, row in enumerate(rows):
        rid = str(row.get("record_id") or "").strip()
        if not rid:
            raise InputError(f"{path}: line {n + offset}: empty record_id")
        if rid in seen:
            raise InputError(
                f"{path}: line {n + offset}: record_id {rid!r} repeats line {seen[rid]}"
            )
        seen[rid] = n + offset
        row["record_id"] = rid
    return rows


def write_assignment(path: Path | str, assignment: dict[str, str], order: list[str]) -> None:
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["record_id", "person_id"])
        for rid in order:
            writer.writerow([rid, assignment[rid]])


def write_review(path: Path | str, review: list) -> None:
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["record_a", "record_b", "score", "reasons"])
        for p in review:
            writer.writerow([p.record_a, p.record_b, p.score, p.reasons])
