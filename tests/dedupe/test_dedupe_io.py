"""`tally dedupe`'s reader and the zero-records answer: every row of IN.csv ends as a record
or a bad row named by its line (refused, or left out and listed with --lenient); no records
are an answer, not a crash."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest

from cli import main
from dedupe import dedupe_records
from dedupe.io import InputError, load_records, read_records

QUOTE_LEFT_OPEN = (
    'record_id,full_name\n1,Петров Иван\n2,"Иванов Пётр\n3,Сидоров Олег\n4,Козлов Илья\n'
)


def _file(tmp_path, text: str, name: str = "in.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_a_quote_left_open_is_refused_naming_the_line(tmp_path):
    with pytest.raises(InputError, match=r"line 3: unterminated quote \(opened on line 3\)"):
        read_records(_file(tmp_path, QUOTE_LEFT_OPEN))


def test_lenient_leaves_the_row_out_lists_it_and_reads_on(tmp_path):
    loaded = load_records(_file(tmp_path, QUOTE_LEFT_OPEN), lenient=True)
    assert loaded.table.column("record_id").to_pylist() == ["1", "3", "4"]
    assert len(loaded.rejected) == 1 and loaded.rejected[0].startswith("line 3: unterminated")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("2,Иванов\x00Пётр", "a NUL byte in a cell"),
        ("2," + "И" * 20_000, "a cell of more than 10,000 characters"),
        ("2,Иванов,лишнее", "3 cells, the header has 2"),
        (",Иванов", "empty record_id"),
        ("1,Иванов", "record_id '1' repeats line 2"),
        ('2,"Вагнер" ЧВК', "text after the closing quote"),
    ],
)
def test_a_bad_row_is_named_by_its_line(tmp_path, row, reason):
    path = _file(tmp_path, f"record_id,full_name\n1,Петров Иван\n\n{row}\n5,Козлов Илья\n")
    with pytest.raises(InputError, match=f"line 4: {re.escape(reason)}"):
        read_records(path)
    loaded = load_records(path, lenient=True)
    assert loaded.table.column("record_id").to_pylist() == ["1", "5"]
    assert len(loaded.rejected) == 1 and loaded.rejected[0].startswith(f"line 4: {reason}")


def test_the_fast_reader_and_the_slow_one_agree(tmp_path):
    rows = "".join(f"{n}, {n}x ,Петров Иван,{1990 + n % 5},,BA\n" for n in range(50))
    plain = _file(tmp_path, "record_id,source,full_name,birth_date,death_date,region\n" + rows)
    quoted = _file(tmp_path, plain.read_text() + '"99",s,"Иванов, Пётр",,,\n', "q.csv")
    fast, slow = read_records(plain).to_pylist(), read_records(quoted).to_pylist()
    assert slow[:-1] == fast and slow[-1]["full_name"] == "Иванов, Пётр"
    assert fast[0] == {
        "record_id": "0",
        "source": " 0x ",
        "full_name": "Петров Иван",
        "birth_date": "1990",
        "death_date": None,
        "region": "BA",
    }


def test_a_semicolon_file_and_a_cp1251_one_are_read(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes("record_id;full_name\n1;Петров Иван\n2;Иванов Пётр\n".encode("cp1251"))
    assert read_records(path).column("full_name").to_pylist() == ["Петров Иван", "Иванов Пётр"]


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(InputError, match="a directory, not a file"):
        read_records(tmp_path)


def _no_records() -> pa.Table:
    return pa.table(
        {"record_id": pa.array([], pa.string()), "full_name": pa.array([], pa.string())}
    )


@pytest.mark.parametrize("records", [[], _no_records()], ids=["list", "table"])
def test_zero_records_are_zero_persons(records):
    for result in (
        dedupe_records(records),
        dedupe_records(records, previous={"r1": "P1"}, judgements=[("r1", "r2", "same")]),
        dedupe_records(records, previous={"r1": "P1"}, incremental=True),
    ):
        assert (result.assignment, result.review, result.persons, result.people) == ({}, [], {}, 0)


def test_a_header_only_file_dedupes_to_a_header_only_answer(tmp_path, capsys):
    records, out, review = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "review.csv"
    records.write_text("record_id,full_name\n", encoding="utf-8")
    args = ["dedupe", "--records", str(records), "--out", str(out), "--review", str(review)]
    assert main(args) == 0
    assert out.read_text().splitlines() == ['"record_id","person_id"']
    assert review.read_text().splitlines() == ["record_a,record_b,score,kind,reasons"]
    assert capsys.readouterr().err.startswith("0 records → 0 people")


def test_an_unwritable_out_is_refused_before_the_work(tmp_path, capsys):
    records = _file(tmp_path, "record_id,full_name\n1,Петров Иван\n")
    out = tmp_path / "no" / "such" / "o.csv"
    assert main(["dedupe", "--records", str(records), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"no folder {out.parent}" in err and "records →" not in err


def test_lenient_names_the_rows_left_out_and_counts_them(tmp_path, capsys):
    rows = "".join(f"{n},Петров Иван\n" for n in range(5)) + "1,Иванов\n" * 60
    records = _file(tmp_path, "record_id,full_name\n" + rows)
    args = ["dedupe", "--records", str(records), "--out", str(tmp_path / "o.csv"), "--lenient"]
    assert main(args) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 52 and err[0].endswith(
        "line 7: record_id '1' repeats line 3 (left out: --lenient)"
    )
    assert err[50] == "tally dedupe: … and 10 more rows left out"
    assert err[51].startswith("5 records → 1 people; 60 rows left out")


def _parquet(tmp_path, ids, names):
    import pyarrow.parquet as pq

    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"record_id": ids, "full_name": names, "age": [30] * len(ids)}), path)
    return path


def test_a_clean_parquet_file_is_read_whole(tmp_path):
    loaded = load_records(_parquet(tmp_path, [" 1", "2", "3"], ["Петров Иван", "Ivanov", "-5"]))
    assert loaded.table.column("record_id").to_pylist() == ["1", "2", "3"]
    assert loaded.rejected == [] and loaded.how_read == "parquet"


@pytest.mark.parametrize(
    ("ids", "names", "reason"),
    [
        (["1", "2", "1"], ["Петров", "Иванов", "Сидоров"], "row 3: record_id '1' repeats row 1"),
        (["1", " ", "3"], ["Петров", "Иванов", "Сидоров"], "row 2: empty record_id"),
        (["1", None, "3"], ["Петров", "Иванов", "Сидоров"], "row 2: empty record_id"),
        (["1", "2", "3"], ["Петров", " \x1c ", "Сидоров"], "row 2: empty full_name"),
        (["1", "2", "3"], ["Петров", "Иванов", None], "row 3: empty full_name"),
    ],
)
def test_a_bad_parquet_row_is_named_and_left_out_when_lenient(tmp_path, ids, names, reason):
    path = _parquet(tmp_path, ids, names)
    with pytest.raises(InputError, match=re.escape(reason)):
        read_records(path)
    loaded = load_records(path, lenient=True)
    assert loaded.rejected == [reason] and loaded.table.num_rows == 2


SPLIT = "record_id,surname,given_name,patronymic,region\n"


def test_a_list_with_the_names_parts_apart_is_read_as_full_names(tmp_path):
    rows = "1,Петров,Иван,Сергеевич,Тыва\n2,ПЕТРОВ,Иван, ,Тыва\n3,Сидоров,,Ильич,\n"
    fast = read_records(_file(tmp_path, SPLIT + rows))
    assert fast.column("full_name").to_pylist() == [
        "Петров Иван Сергеевич",
        "ПЕТРОВ Иван",
        "Сидоров Ильич",
    ]
    # with a quote the line-by-line reader reads it, to the same names
    slow = read_records(_file(tmp_path, SPLIT + rows.replace("Тыва\n2", '"Тыва"\n2'), "q.csv"))
    assert slow.column("full_name").to_pylist() == fast.column("full_name").to_pylist()
    assert slow.column("region").to_pylist()[0] == "Тыва"


def test_a_row_whose_parts_are_all_empty_has_no_name(tmp_path):
    path = _file(tmp_path, SPLIT + "1,Петров,Иван,,\n2, ,,,Тыва\n3,Сидоров,Олег,,\n")
    with pytest.raises(InputError, match=r"line 3: no name \(surname, given_name, patronymic"):
        read_records(path)
    got = load_records(path, lenient=True)
    assert got.table.column("record_id").to_pylist() == ["1", "3"]
    assert got.rejected == ["line 3: no name (surname, given_name, patronymic all empty)"]


def test_a_parquet_list_with_the_names_parts_apart(tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "in.parquet"
    table = pa.table(
        {
            "record_id": ["1", "2", "3"],
            "surname": ["Петров", "Петров", None],
            "given_name": ["Иван", "Иван", None],
        }
    )
    pq.write_table(table, path)
    with pytest.raises(InputError, match=r"row 3: no name \(surname, given_name all empty\)"):
        read_records(path)
    got = load_records(path, lenient=True).table
    assert got.column("full_name").to_pylist() == ["Петров Иван", "Петров Иван"]
    assert len(set(dedupe_records(got).assignment.values())) == 1


def test_a_full_name_wins_over_the_parts_and_no_name_at_all_is_refused(tmp_path):
    both = _file(tmp_path, "record_id,full_name,surname\n1,Петров Иван Сергеевич,Иванов\n")
    assert read_records(both).column("full_name").to_pylist() == ["Петров Иван Сергеевич"]
    neither = _file(tmp_path, "record_id,given_name\n1,Иван\n", "n.csv")
    with pytest.raises(InputError, match="missing column.s. full_name"):
        read_records(neither)
