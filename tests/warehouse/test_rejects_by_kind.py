"""Rejects grouped by the kind of their reason: hundreds of one-date rows for one reason are one
line, with how many, their sources and an example."""

from __future__ import annotations

import json

import duckdb
import pytest

from cli import main
from warehouse.rejects import reason_kind, rejects_by_kind


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("death date 2021-05-01 is before the war (2022-02-24)",
         "death date 1937 is before the war (2022-02-24)"),
        ("not a name (an organisation («ЧВК»)): 'ЧВК Вагнер'",
         "not a name (an organisation («МВД»)): 'МВД России'"),
        ("unreadable birth date: '32.13.1991'", "unreadable birth date: 'вчера'"),
        ("age 3 outside 16-80", "age 102 outside 16-80"),
        ("layout: body selector 'div.a' matched 0 elements",
         "layout: body selector 'div.b' matched 2 elements"),
    ],
)  # fmt: skip
def test_the_same_reason_with_other_values_is_one_kind(a, b):
    assert reason_kind(a) == reason_kind(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("HTTP 404", "HTTP 500"),
        ("death date 2021 is before the war (2022-02-24)", "death date 2030 is in the future"),
        (
            "not a name (a street («ул»)): 'ул. Ленина'",
            "not a name (one word («Ильназ»)): 'Ильназ'",
        ),
    ],
)
def test_other_reasons_stay_apart(a, b):
    assert reason_kind(a) != reason_kind(b)


def _snapshot(path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE rejects (scope VARCHAR, reason VARCHAR, source VARCHAR)")
    rows = [("record", f"death date 19{30 + k % 10} is before the war (2022-02-24)", "memo")
            for k in range(300)]  # fmt: skip
    rows += [("record", "death date 2021-01-01 is before the war (2022-02-24)", "news")] * 5
    rows += [("field", f"unreadable age: '{k} лет'", "memo") for k in range(7)]
    con.executemany("INSERT INTO rejects VALUES (?, ?, ?)", rows)
    con.close()


def test_kinds_count_their_rows_and_sources(tmp_path):
    _snapshot(tmp_path / "s.duckdb")
    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    kinds = rejects_by_kind(con)
    con.close()
    assert [(k["scope"], k["reason"], k["n"], k["sources"]) for k in kinds] == [
        ("record", "death date … is before the war (…)", 305, 2),
        ("field", "unreadable age", 7, 1),
    ]
    assert kinds[0]["top_sources"] == "memo 300, news 5"
    assert "is before the war" in kinds[0]["example"]


def test_tally_report_rejects_lists_every_kind(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TALLY_HOME", str(tmp_path / "var"))
    (tmp_path / "published").mkdir()
    _snapshot(tmp_path / "published" / "tally.duckdb")
    assert main(["report", "--rejects", "--format", "json"]) == 0
    kinds = json.loads(capsys.readouterr().out)
    assert [k["n"] for k in kinds] == [305, 7]
