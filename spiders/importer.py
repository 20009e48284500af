"""`tally import FILE.csv --source NAME`: a spreadsheet volunteers kept before tally, brought
into the warehouse as a run of its own source.

Columns are recognised by their headers in Russian or English (ФИО, Фамилия, Дата гибели,
Регион, …) or mapped with `--map COLUMN=FIELD`; the file may be UTF-8, cp1251 or koi8-r
(UnicodeDammit tells), comma- or semicolon-separated. Every row is read like a memorial
table's row (names in any order and case, dates in any form, regions by Russian or English
name or code) and validated like a crawled record: a bad row becomes a reject with the reason.
With `--as-persons` each row is one man of an already merged list: never merged with anything,
even with an empty name.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bs4 import UnicodeDammit

from schema.records import content_hash, new_record, new_reject, record_id, tell_apart
from schema.runfolder import SUMMARY, RunFolder, json_line
from spiders.config import FIELD_NAMES
from spiders.fields import record_from_fields
from spiders.validate import check_record

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
    rejects: int = 0
    mapping: dict[str, str] = field(default_factory=dict)
    encoding: str = ""


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and its encoding: UTF-8 (with or without BOM), cp1251, koi8-r."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    dammit = UnicodeDammit(data, ["cp1251", "koi8-r"])
    if dammit.unicode_markup is None:
        raise ImportError_("cannot tell the file's encoding (not UTF-8, cp1251 or koi8-r)")
    return dammit.unicode_markup, dammit.original_encoding or "?"


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
        key = " ".join(column.strip().lower().replace("ё", "е").split())
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


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]], str]:
    text, encoding = decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # the header line tells the separator
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration as exc:
        raise ImportError_("the file is empty") from exc
    rows = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise ImportError_(f"line {reader.line_num}: more cells than the header has")
            rows.append(dict(zip(header, row, strict=False)))
            rows[-1]["__line__"] = str(reader.line_num)
    except csv.Error as exc:
        raise ImportError_(f"line {reader.line_num}: {exc}") from exc
    return header, rows, encoding


def import_csv(
    path: Path | str,
    source: str,
    run_dir: Path,
    mapping: dict[str, str] | None = None,
    as_persons: bool = False,
    today: date | None = None,
) -> ImportSummary:
    """Write a run folder (records, rejects, summary) from the file; `load_run` loads it."""
    path = Path(path)
    header, rows, encoding = read_rows(path)
    columns = column_map(header, mapping or {})
    today = today or date.today()
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    summary = ImportSummary(source, mapping=columns, encoding=encoding)
    folder = RunFolder(run_dir).create()
    seen: dict[str, int] = {}
    with folder.writer("record") as records, folder.writer("reject") as rejects:

        def reject(row: dict, line: str, reason: str, fld: str | None = None) -> None:
            rejects.write(
                json_line(
                    new_reject(
                        source=source,
                        url=f"import:{path.name}#line={line}",
                        scope="record",
                        reason=reason,
                        field=fld,
                        raw={k: v for k, v in row.items() if k != "__line__"},
                        fetched_at=now,
                    )
                )
            )
            summary.rejects += 1

        for row in rows:
            summary.rows += 1
            line = row["__line__"]
            present = {
                target: (row.get(column) or "").strip()
                for column, target in columns.items()
                if (row.get(column) or "").strip()
            }
            url = present.pop("url", None) or f"import:{path.name}"
            base = {"source": source, "spider": "import", "url": url, "fetched_at": now}
            if as_persons:
                record = _person_row(present, base)
            else:
                record, refused = record_from_fields(present, base, None)
                if refused is not None:
                    reject(row, line, refused["reason"], "full_name")
                    continue
                problems = check_record(record, today)
                fatal = [p for p in problems if p.fatal]
                if fatal:
                    reject(row, line, "; ".join(p.reason for p in fatal), fatal[0].field)
                    continue
                for p in problems:
                    record[p.field] = None  # a field that cannot be right is cleared
            record.pop("_field_problems", None)
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
            "rejects": summary.rejects,
            "imported_from": str(path),
        },
    )
    return summary


def _person_row(present: dict[str, str], base: dict[str, Any]) -> dict[str, Any]:
    """A row of an already merged list: kept whatever it says, one man, never merged."""
    record, refused = record_from_fields(present, base, None) if present else (None, True)
    if record is None or refused:
        name = (
            present.get("name")
            or " ".join(present.get(k, "") for k in ("surname", "given_name", "patronymic")).strip()
        )
        raw = "|".join(f"{k}={v}" for k, v in sorted(present.items()))
        record = new_record(
            record_id=record_id(base["source"], base["url"], name, raw),
            **base,
            name_raw=name,
            full_name=name,
            context="\n".join(present.values()),
            spans="{}",
        )
    record["distinct_person"] = True
    return record
