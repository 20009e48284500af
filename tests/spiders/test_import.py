"""`tally import`: a volunteers' spreadsheet in cp1251 with Russian headers, semicolons, names
in any order, regions in Russian, English or as codes; bad rows rejected with the reason; with
--as-persons every row is one man, never merged, even without a name."""

from __future__ import annotations

import json

import duckdb
import pytest

from cli import main
from spiders.fields import record_from_fields
from spiders.importer import ImportError_, column_map, import_csv

SHEET = """ФИО;Дата рождения;Дата гибели;Регион;Часть
Петров Иван Сергеевич;12.03.1990;5 мая 2023;Башкирия;36 омсбр
ИВАНОВ Пётр Ильич;1985;2023-07;Sverdlovsk Oblast;
Семенов Олег;;01.02.2024;KEM;
Сидоров А.А.;;2031-01-01;Курская обл.;
Школа №5;;;;
Петров Иван Сергеевич;12.03.1990;5 мая 2023;Башкортостан;36 омсбр
"""


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TALLY_HOME", str(tmp_path / "var"))
    monkeypatch.setenv("TALLY_PUBLISHED", str(tmp_path / "published"))
    return tmp_path


def _sheet(tmp_path, text=SHEET, encoding="cp1251"):
    path = tmp_path / "list.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_rows_read_like_records_and_bad_rows_rejected(tmp_path):
    summary = import_csv(_sheet(tmp_path), "volunteers", tmp_path / "run")
    assert summary.encoding.lower().replace("-", "") in ("cp1251", "windows1251")
    assert summary.mapping["ФИО"] == "name" and summary.mapping["Регион"] == "region"
    assert (summary.rows, summary.records, summary.rejects) == (6, 4, 2)
    con = duckdb.connect()
    recs = con.execute(
        "SELECT full_name, birth_date, death_date, region, unit FROM read_json_auto(?) "
        "ORDER BY full_name",
        [str(tmp_path / "run" / "records.jsonl")],
    ).fetchall()
    rejects = con.execute(
        "SELECT reason FROM read_json_auto(?)", [str(tmp_path / "run" / "rejects.jsonl")]
    ).fetchall()
    assert ("Петров Иван Сергеевич", "1990-03-12", "2023-05-05", "BA", "36 омсбр") in recs
    assert ("Иванов Пётр Ильич", "1985", "2023-07", "SVE", None) in recs
    assert any(r[3] == "KEM" for r in recs)
    reasons = " ".join(r[0] for r in rejects)
    assert "future" in reasons and "not a name" in reasons


def test_a_sheet_without_a_name_column_is_refused_naming_the_fix(tmp_path):
    with pytest.raises(ImportError_, match="--map COLUMN=name"):
        column_map(["Кто", "Когда"], {})
    assert column_map(["Кто", "Когда"], {"Кто": "name", "Когда": "death_date"}) == {
        "Кто": "name",
        "Когда": "death_date",
    }


def test_import_merges_with_the_rest_and_publishes(home, tmp_path):
    assert main(["import", str(_sheet(tmp_path)), "--source", "volunteers"]) == 0
    con = duckdb.connect(str(home / "published" / "tally.duckdb"), read_only=True)
    # the same man twice in the list is one person
    assert (
        con.execute("SELECT count(*) FROM records WHERE source = 'volunteers'").fetchone()[0] == 4
    )
    assert con.execute("SELECT count(*) FROM persons").fetchone()[0] == 3
    con.close()


def test_as_persons_rows_are_never_merged_even_without_a_name(home, tmp_path):
    sheet = "ФИО;Дата гибели\nПетров Иван;2023-05-05\nПетров Иван;2023-05-05\n;2023-06-01\n"
    path = _sheet(tmp_path, sheet, "utf-8")
    assert main(["import", str(path), "--source", "merged-list", "--as-persons"]) == 0
    con = duckdb.connect(str(home / "published" / "tally.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM persons").fetchone()[0] == 3
    assert con.execute("SELECT bool_and(distinct_person) FROM records").fetchone()[0]
    con.close()


def test_a_broken_file_gets_a_clear_error(home, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("ФИО;Дата\nПетров Иван;2023;лишнее;ещё\n", encoding="utf-8")
    assert main(["import", str(path), "--source", "x"]) == 2
    assert "line 2" in capsys.readouterr().err


# «Nothing lost»: every row ends as a record, a reject with the reason, or refuses the file
# with its line named.


def _rejects(run) -> list[dict]:
    lines = (run / "rejects.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _records(run) -> list[dict]:
    lines = (run / "records.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines]


QUOTE_LEFT_OPEN = (
    'ФИО;Дата гибели\nПетров Иван;2023-05-05\n"Иванов Пётр;2023-06-01\n'
    "Сидоров Олег;2023-07-01\nКозлов Илья;2023-08-01\n"
)


def test_a_quote_left_open_refuses_the_file_naming_the_line(tmp_path):
    path = _sheet(tmp_path, QUOTE_LEFT_OPEN, "utf-8")
    with pytest.raises(ImportError_, match=r"line 3: unterminated quote \(opened on line 3\)"):
        import_csv(path, "x", tmp_path / "run")
    assert not (tmp_path / "run").exists()  # nothing written for a refused file


def test_lenient_rejects_the_row_of_the_open_quote_and_reads_on(tmp_path):
    path = _sheet(tmp_path, QUOTE_LEFT_OPEN, "utf-8")
    summary = import_csv(path, "x", tmp_path / "run", lenient=True)
    assert (summary.rows, summary.records, summary.rejects) == (4, 3, 1)
    assert sorted(r["full_name"] for r in _records(tmp_path / "run")) == [
        "Козлов Илья",
        "Петров Иван",
        "Сидоров Олег",
    ]
    (reject,) = _rejects(tmp_path / "run")
    assert reject["url"].endswith("#line=3") and "unterminated quote" in reject["reason"]


def test_a_quoted_note_over_several_lines_is_read(tmp_path):
    text = (
        'ФИО;Примечание;Дата гибели\nПетров Иван;"Погиб под Бахмутом.\nПохоронен в Уфе, '
        'на Южном кладбище";2023-05-05\nИванов Пётр;;2023-06-01\n'
    )
    summary = import_csv(_sheet(tmp_path, text, "utf-8"), "x", tmp_path / "run")
    assert (summary.records, summary.rejects) == (2, 0)


def test_every_unreadable_value_is_a_field_reject_and_the_record_is_kept(tmp_path):
    text = (
        "ФИО;Дата рождения;Дата гибели;Возраст;Регион\n"
        "Петров Иван;32.13.1991;2023-05-05;много;Нигде\n"
        "Иванов Пётр;1901;2023-06-01;;Башкирия\n"
    )
    summary = import_csv(_sheet(tmp_path, text, "utf-8"), "x", tmp_path / "run")
    assert (summary.records, summary.rejects, summary.cleared) == (2, 0, 4)
    kept = {r["full_name"]: r for r in _records(tmp_path / "run")}
    assert kept["Петров Иван"]["birth_date"] is None and kept["Петров Иван"]["region"] is None
    assert kept["Иванов Пётр"]["birth_date"] is None and kept["Иванов Пётр"]["region"] == "BA"
    fields = sorted((r["field"], r["reason"]) for r in _rejects(tmp_path / "run"))
    assert [f for f, _ in fields] == ["age", "birth_date", "birth_date", "region"]
    assert all(r["scope"] == "field" for r in _rejects(tmp_path / "run"))
    assert ("birth_date", "unreadable birth date: '32.13.1991'") in fields
    assert ("region", "unreadable region: 'Нигде'") in fields


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("Иванов\x00 Пётр;2023-06-01", "NUL byte"),
        ("П" * 20_000 + ";2023-06-01", "a cell of more than 10,000 characters"),
        ("П" * 1_100_000 + ";2023-06-01", "a line of 1,100,012 characters"),
        (";2023-06-01", "empty name"),
    ],
    ids=["nul", "long-cell", "long-line", "empty-name"],
)
def test_a_row_bad_in_itself_is_rejected_with_the_reason(tmp_path, row, reason):
    text = f"ФИО;Дата гибели\nПетров Иван;2023-05-05\n{row}\nСидоров Олег;2023-07-01\n"
    summary = import_csv(_sheet(tmp_path, text, "utf-8"), "x", tmp_path / "run")
    assert (summary.rows, summary.records, summary.rejects) == (3, 2, 1)
    (reject,) = _rejects(tmp_path / "run")
    assert reason in reject["reason"] and reject["url"].endswith("#line=3")
    assert len(json.dumps(reject)) < 25_000  # a reject keeps the row, not megabytes of it


def test_a_cp1251_file_with_an_undefined_byte_is_refused_unless_the_encoding_is_given(tmp_path):
    data = (SHEET * 5).encode("cp1251")
    at = data.rindex("Школа".encode("cp1251")) + 1
    path = tmp_path / "list.csv"
    path.write_bytes(data[:at] + b"\x98" + data[at + 1 :])
    with pytest.raises(ImportError_, match=r"line 34: byte 0x98 at offset \d+ is not cp1251"):
        import_csv(path, "x", tmp_path / "run")
    summary = import_csv(path, "x", tmp_path / "run", encoding="cp1251")
    assert summary.encoding == "cp1251" and summary.rows == 34


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_read(tmp_path, encoding):
    summary = import_csv(_sheet(tmp_path, SHEET, encoding), "x", tmp_path / "run")
    assert (summary.rows, summary.records, summary.rejects) == (6, 4, 2)


def test_a_directory_and_a_header_alone_are_refused(tmp_path):
    with pytest.raises(ImportError_, match="a directory"):
        import_csv(tmp_path, "x", tmp_path / "run")
    with pytest.raises(ImportError_, match="line 1: a header and no rows"):
        import_csv(_sheet(tmp_path, "ФИО;Дата\n\n", "utf-8"), "x", tmp_path / "run")


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("ЧВК Вагнер", "an organisation («ЧВК»)"),
        ("ул. Ленина", "a street («ул»)"),
        ("Ильназ", "one word («Ильназ»)"),
        ("Глава района", "a title or role («Глава»)"),
    ],
)
def test_a_refused_name_says_why(name, why):
    base = {"source": "volunteers", "url": "file:///list.csv", "fetched_at": "2024-01-01T00:00:00Z"}
    record, reject = record_from_fields({"name": name, "death_date": "2023-05-05"}, base, None)
    assert record is None
    assert reject["reason"].startswith(f"not a name ({why}") and repr(name) in reject["reason"]
