"""Dedupe on small hand-made cases: one man merged, namesakes and brothers kept apart,
decisions obeyed, ids stable, and the standalone `tally dedupe` contract."""

import csv
import subprocess
import sys

import pytest

from dedupe import dedupe_records
from dedupe.io import InputError, read_records
from dedupe.prepare import prepare


def rec(rid, name, **values):
    return {"record_id": rid, "source": values.pop("source", "s"), "full_name": name, **values}


def people(result):
    groups = {}
    for rid, pid in result.assignment.items():
        groups.setdefault(pid, set()).add(rid)
    return sorted(sorted(g) for g in groups.values())


def test_one_man_in_news_and_on_a_memorial_is_merged():
    result = dedupe_records(
        [
            rec("a", "Петров Иван", death_date="2024-02-20", region="Башкирия", age=33),
            rec(
                "b",
                "ПЕТРОВ Иван Сергеевич",
                birth_date="1990-03-12",
                death_date="2024-02-20",
                region="Республика Башкортостан",
            ),
        ]
    )
    assert people(result) == [["a", "b"]]


def test_latin_spelling_and_short_form_merge():
    result = dedupe_records(
        [
            rec("a", "Aleksandr Petrov", death_date="2024-02-20", region="Bashkortostan"),
            rec(
                "b",
                "Петров Александр Сергеевич",
                death_date="2024-02-20",
                birth_date="1990-03-12",
                region="BA",
            ),
        ]
    )
    assert people(result) == [["a", "b"]]


def test_namesakes_with_different_dates_stay_apart():
    result = dedupe_records(
        [
            rec(
                "a",
                "Иванов Сергей Александрович",
                birth_date="1985-01-10",
                death_date="2023-05-01",
                region="SVE",
            ),
            rec(
                "b",
                "Иванов Сергей Александрович",
                birth_date="1992-07-22",
                death_date="2024-11-03",
                region="KDA",
            ),
        ]
    )
    assert people(result) == [["a"], ["b"]]


def test_brothers_stay_apart():
    result = dedupe_records(
        [
            rec(
                "a",
                "Монгуш Айдыс Оолакович",
                birth_date="1995-02-01",
                death_date="2024-03-03",
                region="TY",
            ),
            rec(
                "b",
                "Монгуш Аржаан Оолакович",
                birth_date="1998-06-11",
                death_date="2024-03-20",
                region="TY",
            ),
        ]
    )
    assert people(result) == [["a"], ["b"]]


def test_a_record_without_a_usable_name_is_never_merged():
    result = dedupe_records(
        [
            rec("a", "", death_date="2024-02-20", region="BA"),
            rec("b", "", death_date="2024-02-20", region="BA"),
        ]
    )
    assert people(result) == [["a"], ["b"]]


def test_a_different_decision_splits_and_a_same_decision_joins():
    records = [
        rec("a", "Петров Иван Сергеевич", birth_date="1990-03-12", death_date="2024-02-20"),
        rec("b", "Петров Иван Сергеевич", birth_date="1990-03-12", death_date="2024-02-20"),
        rec("c", "Смирнов Олег", death_date="2023-01-01"),
        rec("d", "Smirnov Oleg", death_date="2024-06-01"),
    ]
    result = dedupe_records(records, judgements=[("a", "b", "different"), ("c", "d", "same")])
    assert people(result) == [["a"], ["b"], ["c", "d"]]


def test_ids_stay_when_a_new_record_joins():
    first = dedupe_records(
        [rec("a", "Петров Иван Сергеевич", death_date="2024-02-20", birth_date="1990-03-12")]
    )
    second = dedupe_records(
        [
            rec("a", "Петров Иван Сергеевич", death_date="2024-02-20", birth_date="1990-03-12"),
            rec("b", "Петров Иван", death_date="2024-02-20", age=33),
        ],
        previous=first.assignment,
    )
    assert second.assignment["b"] == first.assignment["a"]


@pytest.mark.parametrize("first", ["m", "a"])  # which man's records sort first
def test_a_merge_undone_gives_both_men_their_ids_back(first):
    # two men of two records each; a person joins them («same»), then takes it back: each
    # man's next run carries the id he had, whichever of the two the merged person kept
    other = "a" if first == "m" else "m"
    records = [
        rec(f"{first}1", "Петров Иван Сергеевич", birth_date="1990-03-12", death_date="2024-02-20"),
        rec(f"{first}2", "Петров Иван", birth_date="1990-03-12", death_date="2024-02-20"),
        rec(f"{other}1", "Сидоров Олег Павлович", birth_date="1985-07-01", death_date="2023-05-05"),
        rec(f"{other}2", "Сидоров Олег", birth_date="1985-07-01", death_date="2023-05-05"),
    ]
    men = [(f"{first}1", f"{first}2", "same"), (f"{other}1", f"{other}2", "same")]
    apart = dedupe_records(records, judgements=men)
    assert len(set(apart.assignment.values())) == 2
    merged = dedupe_records(
        records,
        previous=apart.assignment,
        judgements=[*men, (f"{first}1", f"{other}1", "same")],
    )
    assert len(set(merged.assignment.values())) == 1
    undone = dedupe_records(records, previous=merged.assignment, judgements=men)
    assert undone.assignment == apart.assignment


@pytest.fixture
def records_csv(tmp_path):
    path = tmp_path / "in.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
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
                "extra",
            ]
        )
        w.writerow(
            [
                "1",
                "news",
                "Ивана Петрова",
                "",
                "2024-02-20",
                "33",
                "",
                "Стерлитамак",
                "",
                "",
                "u1",
                "x",
            ]
        )
        w.writerow(
            [
                "2",
                "wall",
                "Петров Иван Сергеевич",
                "1990",
                "2024-02",
                "",
                "Башкирия",
                "",
                "",
                "",
                "u2",
                "y",
            ]
        )
        w.writerow(
            [
                "3",
                "wall",
                "Смирнов Олег Петрович",
                "1979-01-05",
                "2023-07-14",
                "",
                "KEM",
                "",
                "",
                "",
                "u3",
                "",
            ]
        )
    return path


def test_cli_writes_one_person_id_per_record(records_csv, tmp_path):
    out = tmp_path / "out.csv"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "dedupe",
            "--records",
            str(records_csv),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    rows = list(csv.DictReader(out.open()))
    assert [r["record_id"] for r in rows] == ["1", "2", "3"] and rows[0]["person_id"] == rows[1][
        "person_id"
    ] != rows[2]["person_id"]


def test_cli_names_the_line_of_a_malformed_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("record_id,full_name\n1,Петров Иван\n1,Петров Иван\n")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "dedupe",
            "--records",
            str(bad),
            "--out",
            str(tmp_path / "o.csv"),
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "line 3" in out.stderr


def test_missing_columns_are_named(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\n1,x\n")
    with pytest.raises(InputError, match="missing column.*record_id, full_name"):
        read_records(bad)


def test_csv_with_a_newline_in_a_value_and_short_rows_is_read(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(
        'record_id,full_name,birth_date,region\n1,"Петров\nИван",1990\n2,Иванов Иван,,BA\n',
        encoding="utf-8",
    )
    rows = read_records(path).to_pylist()
    assert [r["record_id"] for r in rows] == ["1", "2"]
    assert rows[0]["full_name"] == "Петров\nИван" and rows[0]["region"] is None
    assert rows[1]["region"] == "BA"


def test_a_field_the_first_record_lacks_is_still_read():
    """Records given as dicts need not all have the same fields."""
    f = prepare(
        [
            {"record_id": "a", "full_name": "Игорь Тарасов", "age": "55"},
            {"record_id": "b", "full_name": "Тарасов Игорь", "birth_date": "1967-10-20"},
        ]
    )
    assert f.birth_y.tolist() == [0, 1967] and f.age.tolist() == [55, -1]
