"""`tally import`: a volunteers' spreadsheet in cp1251 with Russian headers, semicolons, names
in any order, regions in Russian, English or as codes; bad rows rejected with the reason; with
--as-persons every row is one man, never merged, even without a name."""

from __future__ import annotations

import duckdb
import pytest

from cli import main
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
