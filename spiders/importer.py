"""`tally import FILE.csv --source NAME`: a spreadsheet volunteers kept before tally, brought
into the warehouse as a run of its own source.

Columns are recognised by their headers in Russian or English (ФИО, Фамилия, Дата гибели,
Регион, …) or mapped with `--map COLUMN=FIELD`. The file is read strictly by
`schema.textfile` (UTF-8, UTF-16, cp1251 or koi8-r, decided per file with a confidence; a
byte undefined in the file's encoding is refused by offset and line unless `--encoding` is
given) and `schema.csvfile` (comma, semicolon or tab; quoted multi-line notes read whole; the
rule for a quote left open, and the limits on a cell and a line, are documented there).

Nothing in the file is lost: every row ends as a record, a reject with the reason, or refuses
the whole file with the line named.

- A file that is not a table (binary, empty, a header and no rows, an undecidable encoding)
  and a row whose shape is in doubt (a quote left open, more cells than the header) refuse
  the file (`ImportError_`, naming the line). With `lenient`, such a row becomes a reject
  and reading goes on from the next line.
- A row that is bad in itself (a NUL byte, an over-long cell or line, an empty name, a name
  that is not a name, an impossible death date) becomes a reject with the reason.
- A value that cannot be read (a date, an age, a region that names nothing) or cannot be
  right (a birth date before 1930) is cleared from a record that is kept, and a field reject
  keeps what it said — as a crawl's validation does.

Every row is read like a memorial table's row (names in any order and case, dates in any
form, regions by Russian or English name or code) and validated like a crawled record. With
`--as-persons` each row is one man of an already merged list: never merged with anything,
even with an empty name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from schema.csvfile import BadRow, CsvError, Row, read_table
from schema.records import content_hash, new_reject, record_id, tell_apart
from schema.runfolder import SUMMARY, RunFolder, json_line
from schema.textfile import Decoded, TextError, decode
from spiders.config import FIELD_NAMES
from spiders.fields import record_from_fields
from spiders.validate import THIS_WAR, Window, check_record

# what a row's cell may be: the fields a source config names (but the page's publication date),
# and the address of the row's own source
FIELDS = (*(f for f in FIELD_NAMES if f != "published"), "url")

ALIASES = {
    "name": (
        "full_name",
        "name",
        "фио",
        "ф.и.о.",
        "ф. и. о.",
        "имя полностью",
        "person",
        "погибший",
    ),
    "surname": ("surname", "last_name", "фамилия"),
    "given_name": ("given_name", "first_name", "имя"),
    "patronymic": ("patronymic", "middle_name", "отчество"),
    "birth_date": (
        "birth_date",
        "born",
        "date_of_birth",
        "дата рождения",
        "рождение",
        "д.р.",
        "др",
    ),
    "death_date": (
        "death_date",
        "died",
        "date_of_death",
        "дата смерти",
        "дата гибели",
        "погиб",
        "гибель",
    ),
    "funeral_date": ("funeral_date", "funeral", "похороны", "дата похорон", "прощание"),
    "lifespan": ("lifespan", "годы жизни"),
    "age": ("age", "возраст"),
    "region": ("region", "регион", "область", "субъект", "субъект рф"),
    "settlement": (
        "settlement",
        "city",
        "town",
        "город",
        "населённый пункт",
        "населенный пункт",
        "нп",
    ),
    "place": ("place", "место", "откуда", "родом"),
    "unit": ("unit", "часть", "воинская часть", "в/ч", "подразделение"),
    "rank": ("rank", "звание"),
    "category": ("category", "категория", "статус"),
    "text": ("text", "note", "notes", "comment", "примечание", "комментарий", "подробности"),
    "url": ("url", "link", "source_url", "ссылка", "источник"),
}


class ImportError_(ValueError):
    """A file tally cannot import, with the line that broke it."""


@dataclass
class ImportSummary:
    source: str
    rows: int = 0
    records: int = 0
    rejects: int = 0  # rows rejected whole
    cleared: int = 0  # values cleared from kept records (field rejects)
    mapping: dict[str, str] = field(default_factory=dict)
    encoding: str = ""
    confidence: float = 1.0
    how_read: str = ""  # the encoding, how sure, bytes replaced: for the summary line


NAME_FIELDS = ("name", "surname", "given_name", "patronymic")


def read_value_map(path: Path | str) -> dict[str, dict[str, str]]:
    """`--map-values FILE`: a CSV of `field,value,means` rows (UTF-8, a header) that says what a
    list's own words mean before tally reads them: `category,professional army,regular`,
    `region,Чечня,CE`. Values match whole, case and spacing aside."""
    header, rows, _ = read_rows(path)
    want = ["field", "value", "means"]
    if [h.strip().lower() for h in header[:3]] != want:
        raise ImportError_(f"{path}: line 1: the header must be field,value,means, not {header}")
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        if isinstance(row, BadRow):
            raise ImportError_(f"{path}: line {row.line}: {row.reason}")
        cells = [c.strip() for c in row.cells[:3]]
        if len(cells) < 3 or not all(cells):
            raise ImportError_(f"{path}: line {row.line}: want field,value,means, got {row.cells}")
        target, value, means = cells
        if target not in FIELDS:
            raise ImportError_(
                f"{path}: line {row.line}: no field {target!r} (fields: {', '.join(FIELDS)})"
            )
        out.setdefault(target, {})[_value_key(value)] = means
    return out


def _value_key(value: str) -> str:
    return " ".join(value.lower().replace("ё", "е").split())


def column_map(header: list[str], explicit: dict[str, str]) -> dict[str, str]:
    """header column → record field, from --map first, then the known header names."""
    out = {}
    for column, target in explicit.items():
        if column not in header:
            raise ImportError_(f"--map {column}={target}: no column {column!r} in {header}")
        if target not in FIELDS:
            raise ImportError_(f"--map {column}={target}: fields are {', '.join(FIELDS)}")
        out[column] = target
    taken = set(out.values())
    for column in header:
        if column in out:
            continue
        key = _value_key(column)
        for target, names in ALIASES.items():
            if target not in taken and key in {n.replace("ё", "е") for n in names}:
                out[column] = target
                taken.add(target)
                break
    if not {"name", "surname"} & set(out.values()):
        raise ImportError_(
            f"line 1: no column of names among {header}: map one with --map COLUMN=name"
        )
    return out


def read_rows(
    path: Path | str, encoding: str | None = None
) -> tuple[list[str], list[Row | BadRow], Decoded]:
    """The header, every row below it (good or bad, blank ones left out) and how the bytes
    were read. Raises `ImportError_` for a file that is not a table."""
    path = Path(path)
    if path.is_dir():
        raise ImportError_("a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportError_(f"cannot read it: {exc.strerror or exc}") from exc
    try:
        decoded = decode(data, encoding)
        header, reader = read_table(decoded.text)
        rows = [r for r in reader if isinstance(r, BadRow) or any(c.strip() for c in r.cells)]
    except (TextError, CsvError) as exc:
        raise ImportError_(str(exc)) from exc
    if not rows:
        raise ImportError_("line 1: a header and no rows below it: nothing to import")
    return header, rows, decoded


def import_csv(
    path: Path | str,
    source: str,
    run_dir: Path,
    mapping: dict[str, str] | None = None,
    as_persons: bool = False,
    today: date | None = None,
    *,
    lenient: bool = False,
    encoding: str | None = None,
    values: dict[str, dict[str, str]] | None = None,
    window: Window = THIS_WAR,
) -> ImportSummary:
    """Write a run folder (records, rejects, summary) from the file; `load_run` loads it.
    `values` (`read_value_map`) says what the list's own words mean. Nothing is written when
    the file is refused."""
    path = Path(path)
    header, rows, decoded = read_rows(path, encoding)
    columns = column_map(header, mapping or {})
    if not lenient:
        for bad in rows:
            if isinstance(bad, BadRow) and bad.structural:
                raise ImportError_(
                    f"line {bad.line}: {bad.reason} (--lenient rejects the row and reads on)"
                )
    today = today or date.today()
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    summary = ImportSummary(
        source,
        mapping=columns,
        encoding=decoded.encoding,
        confidence=decoded.confidence,
        how_read=decoded.describe(),
    )
    folder = RunFolder(run_dir).create()
    seen: dict[str, int] = {}
    with folder.writer("record") as records, folder.writer("reject") as rejects:

        def reject(raw: dict, line: int, reason: str, fld: str | None = None, scope="record"):
            rejects.write(
                json_line(
                    new_reject(
                        source=source,
                        url=f"import:{path.name}#line={line}",
                        scope=scope,
                        reason=reason,
                        field=fld,
                        raw=raw,
                        fetched_at=now,
                    )
                )
            )
            if scope == "record":
                summary.rejects += 1
            else:
                summary.cleared += 1

        for item in rows:
            summary.rows += 1
            if isinstance(item, BadRow):
                reject({"line": item.text}, item.line, item.reason)
                continue
            row = dict(zip(header, item.cells, strict=False))
            present = {
                target: (row.get(column) or "").strip()
                for column, target in columns.items()
                if (row.get(column) or "").strip()
            }
            for target, value in present.items():
                present[target] = (values or {}).get(target, {}).get(_value_key(value), value)
            url = present.pop("url", None) or f"import:{path.name}"
            base = {"source": source, "spider": "import", "url": url, "fetched_at": now}
            if as_persons:
                record = _person_row(present, base)
                problems = record.pop("_field_problems", None) or []
            else:
                if not any(present.get(k) for k in NAME_FIELDS):
                    reject(row, item.line, "empty name", "full_name")
                    continue
                record, refused = record_from_fields(present, base, None)
                if refused is not None:
                    reject(row, item.line, refused["reason"], "full_name")
                    continue
                checked = check_record(record, today, window)
                fatal = [p for p in checked if p.fatal]
                if fatal:
                    reject(row, item.line, "; ".join(p.reason for p in fatal), fatal[0].field)
                    continue
                problems = record.pop("_field_problems", None) or []
                for p in checked:
                    record[p.field] = None  # a field that cannot be right is cleared
                    problems.append((p.field, p.reason))
            for fld, reason in problems:
                reject(row, item.line, reason, fld, scope="field")
            # the same man twice in one list (or two namesakes with the same dates): both kept
            tell_apart([record], seen)
            record["content_hash"] = content_hash(record)
            records.write(json_line(record))
            summary.records += 1
    folder.write_rows("page", [])
    folder.write_json(
        SUMMARY,
        {
            "source": source,
            "finish_reason": "finished",
            "started_at": now,
            "finished_at": now,
            "records": summary.records,
            "rejects": summary.rejects + summary.cleared,
            "imported_from": str(path),
            "encoding": summary.how_read,
        },
    )
    return summary


def _person_row(present: dict[str, str], base: dict[str, Any]) -> dict[str, Any]:
    """A row of an already merged list: kept whatever it says, one man, never merged. A name
    that is no name (an anonymised list's «removed») is kept as written and every other field
    is read all the same; the row's cells make its id, so two such rows stay two."""
    record, _ = record_from_fields(present, base, None, any_name=True)
    if record["surname"] is None:
        raw = "|".join(f"{k}={v}" for k, v in sorted(present.items()))
        record["record_id"] = record_id(base["source"], base["url"], record["name_raw"], raw)
    record["distinct_person"] = True
    return record
