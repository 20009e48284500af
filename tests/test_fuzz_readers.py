"""The two readers of people's files — `tally import`'s (`spiders.importer`) and `tally
dedupe`'s (`dedupe.io`) — fuzzed: arbitrary bytes, and CSV text that is almost right (random
quotes, separators, line breaks, NULs, BOMs, encodings). The only outcomes allowed are a
result or the reader's own error (`ImportError_`, `InputError`); never any other exception.
Derandomized, so CI sees the same examples every run."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dedupe.io import InputError, load_records, read_records
from spiders.importer import ImportError_, import_csv, read_rows

N = int(os.environ.get("FUZZ_N", 0))  # FUZZ_N=5000: a long, random hunt on one's own machine
FUZZ = settings(
    max_examples=N or 200,
    deadline=None,
    derandomize=not N,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PIECES = st.sampled_from(
    ['"', '""', ",", ";", "\t", "\n", "\r\n", "\r", "\x00", " ", "\ufeff", "\ufffd", "ё",
     "Петров", "Иван", "ИВАНОВ П.С.", "2023-05-05", "5 мая 2023", "32.13.1991", "1990", "BA",
     "Башкирия", "36 омсбр", "рядовой", "1", "r1", "x" * 50, "💀", "\u2028", "\\"]
)  # fmt: skip
HEADERS = st.sampled_from(
    [
        ["ФИО", "Дата гибели"],
        ["record_id", "full_name"],
        ["record_id", "full_name", "birth_date", "death_date", "region"],
        ["Фамилия", "Имя", "Отчество", "Дата рождения", "Возраст", "Регион", "Примечание"],
        ["name", "", "name"],
        [],
    ]
)
ENCODINGS = st.sampled_from(
    ["utf-8", "utf-8-sig", "cp1251", "koi8-r", "utf-16", "utf-16-le", "utf-16-be"]
)


@st.composite
def hostile_csv(draw) -> bytes:
    """A table that is almost a CSV: a header and rows of cells made of awkward pieces."""
    header = draw(HEADERS)
    sep = draw(st.sampled_from([",", ";", "\t"]))
    cell = st.lists(PIECES, max_size=6).map("".join)
    rows = draw(st.lists(st.lists(cell, max_size=len(header) + 2), max_size=8))
    ending = draw(st.sampled_from(["\n", "\r\n", ""]))
    text = sep.join(header) + "\n" + "\n".join(sep.join(r) for r in rows) + ending
    return text.encode(draw(ENCODINGS), errors="replace")


FILES = st.one_of(st.binary(max_size=600), hostile_csv())


def _write(folder: str, data: bytes) -> Path:
    path = Path(folder) / "in.csv"
    path.write_bytes(data)
    return path


@FUZZ
@given(data=FILES, lenient=st.booleans(), as_persons=st.booleans())
def test_import_reads_a_file_or_refuses_it_clearly(data, lenient, as_persons):
    with tempfile.TemporaryDirectory() as folder:
        path = _write(folder, data)
        try:
            read_rows(path)
            summary = import_csv(
                path,
                "fuzz",
                Path(folder) / "run",
                as_persons=as_persons,
                lenient=lenient,
                today=date(2026, 1, 30),
            )
        except ImportError_ as exc:
            assert "\n" not in str(exc)
            return
        assert summary.rows == summary.records + summary.rejects  # every row counted


@FUZZ
@given(data=FILES, lenient=st.booleans())
def test_dedupe_reads_a_file_or_refuses_it_clearly(data, lenient):
    with tempfile.TemporaryDirectory() as folder:
        path = _write(folder, data)
        try:
            loaded = load_records(path, lenient=lenient)
            read_records(path)
        except InputError as exc:
            assert "\n" not in str(exc).replace(str(path), "")
            return
        ids = loaded.table.column("record_id").to_pylist()
        assert len(set(ids)) == len(ids) and all(ids)
