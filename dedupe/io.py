"""Reading records for `tally dedupe` (CSV or Parquet) and writing its answers.

Records are read into an Arrow table (a million rows in a second or two), every column but
`age` as text. A file dedupe cannot use stops the run with an error that names the line."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

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


def read_records(path: Path | str) -> pa.Table:
    """The records of a CSV (UTF-8, a header line) or Parquet file as an Arrow table."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path)
        except (pa.ArrowInvalid, OSError) as exc:
            raise InputError(f"{path}: not a readable Parquet file ({exc})") from exc
        missing = [c for c in REQUIRED if c not in table.column_names]
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
        return _checked(_as_text(table), path, first_line=1)
    header = _header(path)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(
            f"{path}: line 1: missing column(s) {', '.join(missing)} "
            f"(found: {', '.join(header) or 'nothing'})"
        )
    import pyarrow.csv as pacsv

    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(use_threads=True, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        _find_bad_line(path, len(header))  # raises InputError naming a broken line
        table = _read_slowly(path, header)  # a file Python's csv reads but Arrow does not
    return _checked(_as_text(table), path, first_line=2)


def _read_slowly(path: Path, header: list[str]) -> pa.Table:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        rows = [row + [""] * (len(header) - len(row)) for row in reader if row]
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in header]
    return pa.table(
        {
            name: pa.array([v or None for v in col], pa.string())
            for name, col in zip(header, columns, strict=True)
        }
    )


def _header(path: Path) -> list[str]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            return next(csv.reader(fh), [])
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: line 1: not UTF-8 text ({exc})") from exc


def _find_bad_line(path: Path, width: int) -> None:
    """Walk the file the slow way to name the line the fast reader refused (returns if every
    line is whole: the slow reader takes the file then)."""
    line = 1
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            for row in reader:
                line = reader.line_num
                if len(row) > width:
                    raise InputError(f"{path}: line {line}: more fields than the header has")
    except csv.Error as exc:
        raise InputError(f"{path}: line {line + 1}: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: after line {line}: not UTF-8 text ({exc})") from exc


def _as_text(table: pa.Table) -> pa.Table:
    """Every column as text (age as a number where it is one): what `prepare` reads."""
    out = {}
    for name in table.column_names:
        column = table.column(name)
        if name == "age":
            out[name] = column if pa.types.is_integer(column.type) else column.cast(pa.string())
        elif not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
            out[name] = column.cast(pa.string())
        else:
            out[name] = column
    return pa.table(out)


def _checked(table: pa.Table, path: Path, first_line: int) -> pa.Table:
    ids = pc.utf8_trim_whitespace(table.column("record_id").combine_chunks())
    empty = pc.or_kleene(pc.is_null(ids), pc.equal(ids, "")).fill_null(True)
    if pc.any(empty).as_py():
        at = pc.index(empty, True).as_py()
        raise InputError(f"{path}: line {at + first_line}: empty record_id")
    if len(pc.unique(ids)) != len(ids):
        seen: dict[str, int] = {}
        for n, rid in enumerate(ids.to_pylist()):
            if rid in seen:
                raise InputError(
                    f"{path}: line {n + first_line}: record_id {rid!r} repeats line {seen[rid]}"
                )
            seen[rid] = n + first_line
    return table.set_column(table.column_names.index("record_id"), "record_id", ids)


def write_assignment(path: Path | str, record_ids: list[str], person_ids: list[str]) -> None:
    """record_id,person_id: one line per record, in the order of the input."""
    import pyarrow.csv as pacsv

    table = pa.table(
        {"record_id": pa.array(record_ids, pa.string()), "person_id": pa.array(person_ids)}
    )
    pacsv.write_csv(table, str(path), write_options=pacsv.WriteOptions(quoting_style="needed"))


def write_review(path: Path | str, review: list) -> None:
    """The pairs left for people, most certain first, with the reasons the scorer gives."""
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["record_a", "record_b", "score", "kind", "reasons"])
        for p in review:
            writer.writerow([p.record_a, p.record_b, p.score, p.kind, p.reasons])
