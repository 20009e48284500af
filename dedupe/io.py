"""Reading records for `tally dedupe` (CSV or Parquet) and writing its answers.

Records are read into an Arrow table, every column but `age` as text. A CSV is read by the
same strict rules as `tally import` (`schema.textfile`: the encoding decided per file, a byte
undefined in it refused by offset and line; `schema.csvfile`: a quote left open, more cells
than the header, a NUL byte, a cell over 10,000 characters or a line over 1,000,000). A clean
file — no quotes, no NUL — goes through Arrow's reader (a million rows in a second or two);
any other, or one the fast reader finds fault with, through the line-by-line reader that names
the line.

Every row ends as a record or as a bad row with its line and reason (blank rows carry
nothing and are skipped). A bad row — those above, an empty or repeated `record_id` — stops
the run with an `InputError` that names the line; `lenient`, it is left out and listed in
`RecordsFile.rejected`, and reading goes on with the next line."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from schema.csvfile import MAX_CELL, BadRow, CsvError, read_table, sniff_separator
from schema.textfile import TextError, decode

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
# a list that keeps the name's parts apart: `full_name` is made of them, surname first
NAME_PARTS = ("surname", "given_name", "patronymic")


class InputError(ValueError):
    """A records file dedupe cannot read, with the line that broke it."""


@dataclass
class RecordsFile:
    table: pa.Table
    rejected: list[str] = field(default_factory=list)  # "line N: reason" (lenient only)
    how_read: str = ""  # the encoding, and how sure


def read_records(path: Path | str, encoding: str | None = None) -> pa.Table:
    """The records of a CSV (a header line) or Parquet file as an Arrow table; any bad row
    raises `InputError` naming its line."""
    return load_records(path, encoding=encoding).table


def load_records(
    path: Path | str, *, lenient: bool = False, encoding: str | None = None
) -> RecordsFile:
    """The records of a file, and (`lenient`) the rows left out with their reasons."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: a directory, not a file")
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() in (".parquet", ".pq"):
        return _read_parquet(path, lenient)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read it: {exc.strerror or exc}") from exc
    try:
        decoded = decode(data, encoding)
        text = decoded.text
        separator = sniff_separator(text)
        first = text.partition("\n")[0]
        # no quotes and no NUL: the header is the first line, and Arrow may read the rest
        fast = '"' not in text and "\x00" not in text and bool(first.strip())
        header, rows = read_table(first if fast else text, separator)
        _require(path, header)
        table = _read_fast(text, header, separator) if fast else None
        if table is not None:
            return RecordsFile(table, [], decoded.describe())
        if fast:
            header, rows = read_table(text, separator)
    except (TextError, CsvError) as exc:
        raise InputError(f"{path}: {exc}") from exc
    out = RecordsFile(pa.table({}), [], decoded.describe())
    out.table = _read_slowly(path, header, rows, out.rejected if lenient else None)
    return out


def _missing(columns: list[str]) -> list[str]:
    """The required columns a header lacks; `surname` (with `given_name`, `patronymic`) stands
    for `full_name`."""
    have = set(columns) | ({"full_name"} if "surname" in columns else set())
    return [c for c in REQUIRED if c not in have]


def with_full_name(table: pa.Table) -> pa.Table:
    """The table with a `full_name` made of `surname`, `given_name` and `patronymic` where the
    list keeps them apart («Петров», «Иван», «Сергеевич» → «Петров Иван Сергеевич»; a part left
    empty is left out, all of them empty is no name); as it is when it has a `full_name`."""
    if "full_name" in table.column_names or "surname" not in table.column_names:
        return table
    # (Arrow's join skipping nulls drops rows of a chunked column: nulls are emptied first)
    parts = [
        table.column(name).cast(pa.string()).fill_null("")
        for name in NAME_PARTS
        if name in table.column_names
    ]
    joined = pc.binary_join_element_wise(*parts, " ")
    joined = pc.utf8_trim_whitespace(pc.replace_substring_regex(joined, r"\s+", " "))
    joined = pc.if_else(pc.equal(joined, ""), pa.scalar(None, pa.string()), joined)
    return table.append_column("full_name", joined)


def _no_name(columns: list[str]) -> str:
    """Why a row without a name is refused, in the columns the file has."""
    if "full_name" in columns:
        return "empty full_name"
    return f"no name ({', '.join(c for c in NAME_PARTS if c in columns)} all empty)"


def _require(path: Path, header: list[str]) -> None:
    missing = _missing(header)
    if missing:
        raise InputError(
            f"{path}: line 1: missing column(s) {', '.join(missing)} "
            f"(found: {', '.join(map(repr, header)) or 'nothing'})"
        )


def _read_fast(text: str, header: list[str], separator: str) -> pa.Table | None:
    """Arrow's reader on a file without quotes; None when it finds fault (the slow reader
    then names the line)."""
    import pyarrow.csv as pacsv

    try:
        table = pacsv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pacsv.ReadOptions(
                use_threads=True, block_size=1 << 24, column_names=header, skip_rows=1
            ),
            parse_options=pacsv.ParseOptions(delimiter=separator, quote_char=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=True
            ),
        )
    except (pa.ArrowInvalid, UnicodeError):
        return None
    table = with_full_name(table)
    for column in table.columns:
        if len(column) and (pc.max(pc.utf8_length(column)).as_py() or 0) > MAX_CELL:
            return None
    ids = pc.utf8_trim_whitespace(table.column("record_id").combine_chunks())
    if _any_empty(ids) or _any_empty(table.column("full_name")) or len(pc.unique(ids)) != len(ids):
        return None
    table = table.set_column(table.column_names.index("record_id"), "record_id", ids)
    return _as_text(table)


def _any_empty(column: pa.Array | pa.ChunkedArray) -> bool:
    blank = pc.equal(pc.utf8_trim_whitespace(column), "")
    return bool(pc.any(pc.or_kleene(pc.is_null(column), blank).fill_null(True)).as_py())


def _read_slowly(path: Path, header: list[str], rows, rejected: list[str] | None) -> pa.Table:
    """Row by row, every problem named by its line: raised, or listed in `rejected`."""

    def bad(line: int, reason: str) -> None:
        if rejected is None:
            raise InputError(
                f"{path}: line {line}: {reason} (--lenient leaves the row out and reads on)"
            )
        rejected.append(f"line {line}: {reason}")

    width, at = len(header), header.index("record_id")
    # the name's column, or its parts' (the parts beside a full name are not what is read)
    name_columns = ("full_name",) if "full_name" in header else NAME_PARTS
    names = [header.index(c) for c in name_columns if c in header]
    columns: list[list[str | None]] = [[] for _ in header]
    seen: dict[str, int] = {}
    for item in rows:
        if isinstance(item, BadRow):
            bad(item.line, item.reason)
            continue
        cells = item.cells
        if not any(c.strip() for c in cells):
            continue
        rid = cells[at].strip() if len(cells) > at else ""
        if not rid:
            bad(item.line, "empty record_id")
            continue
        if rid in seen:
            bad(item.line, f"record_id {rid!r} repeats line {seen[rid]}")
            continue
        if not any(len(cells) > k and cells[k].strip() for k in names):
            bad(item.line, _no_name(header))
            continue
        seen[rid] = item.line
        cells = [*cells[:at], rid, *cells[at + 1 :]] + [""] * (width - len(cells))
        for column, value in zip(columns, cells, strict=False):
            column.append(value or None)
    return with_full_name(
        _as_text(
            pa.table(
                {
                    name: pa.array(col, pa.string())
                    for name, col in zip(header, columns, strict=True)
                }
            )
        )
    )


def _read_parquet(path: Path, lenient: bool) -> RecordsFile:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from exc
    missing = _missing(table.column_names)
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
    columns = table.column_names  # as the file has them, for a refusal's reason
    table = with_full_name(_as_text(table))
    ids = pc.utf8_trim_whitespace(table.column("record_id").combine_chunks())
    table = table.set_column(table.column_names.index("record_id"), "record_id", ids)
    if _all_good(ids, table.column("full_name")):
        return RecordsFile(table, [], "parquet")
    keep, rejected, seen = [], [], {}
    names = table.column("full_name").to_pylist()
    for n, (rid, name) in enumerate(zip(ids.to_pylist(), names, strict=True), start=1):
        reason = "empty record_id" if not rid else None
        if rid and rid in seen:
            reason = f"record_id {rid!r} repeats row {seen[rid]}"
        elif rid and not (name or "").strip():
            reason = _no_name(columns)
        if reason is None:
            seen[rid] = n
            keep.append(n - 1)
        elif lenient:
            rejected.append(f"row {n}: {reason}")
        else:
            raise InputError(f"{path}: row {n}: {reason} (--lenient leaves the row out)")
    return RecordsFile(table.take(keep) if rejected else table, rejected, "parquet")


def _all_good(ids: pa.Array, names: pa.ChunkedArray) -> bool:
    """Every id given once and every name with a letter or digit: no row to look at one by
    one (a million rows in a fraction of a second)."""
    if not len(ids):
        return True
    if ids.null_count or names.null_count:
        return False
    return bool(
        pc.min(pc.utf8_length(ids)).as_py() > 0
        and pc.all(pc.match_substring_regex(names, "[0-9A-Za-zА-Яа-яЁё]")).as_py()
        and len(pc.unique(ids)) == len(ids)
    )


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


def check_writable(path: Path | str, what: str) -> None:
    """Refuse, before any work, an output that cannot be written: no folder, not a folder,
    a folder where the file should be."""
    path = Path(path)
    parent = path.parent
    if path.is_dir():
        raise InputError(f"{what} {path}: a directory, not a file")
    if not parent.exists():
        raise InputError(f"{what} {path}: no folder {parent}")
    if not parent.is_dir():
        raise InputError(f"{what} {path}: {parent} is not a folder")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InputError(f"{what} {path}: not writable")


def write_assignment(path: Path | str, record_ids: list[str], person_ids: list[str]) -> None:
    """record_id,person_id: one line per record, in the order of the input."""
    import pyarrow.csv as pacsv

    table = pa.table(
        {
            "record_id": pa.array(record_ids, pa.string()),
            "person_id": pa.array(person_ids, pa.string()),
        }
    )
    pacsv.write_csv(table, str(path), write_options=pacsv.WriteOptions(quoting_style="needed"))


def write_review(path: Path | str, review: list) -> None:
    """The pairs left for people, most certain first, with the reasons the scorer gives."""
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["record_a", "record_b", "score", "kind", "reasons"])
        for p in review:
            writer.writerow([p.record_a, p.record_b, p.score, p.kind, p.reasons])
