"""Reading a table strictly: every line ends as the header, a row, a blank line or a bad row
with its line; a quote left open never swallows the rows below it, and a proper quoted note
over several lines is still read whole."""

from __future__ import annotations

import pytest

from schema.csvfile import MAX_CELL, MAX_LINE, BadRow, CsvError, Row, read_table


def _read(text: str) -> tuple[list[str], list[Row | BadRow]]:
    header, rows = read_table(text)
    return header, list(rows)


def _lines(rows) -> list[tuple[int, str]]:
    return [(r.line, "bad" if isinstance(r, BadRow) else r.cells[0]) for r in rows]


def test_a_quote_left_open_to_the_end_is_one_bad_row_and_reading_goes_on():
    text = 'id;name\n1;Петров\n2;"Иванов\n3;Сидоров\n4;Козлов\n'
    _, rows = _read(text)
    assert _lines(rows) == [(2, "1"), (3, "bad"), (4, "3"), (5, "4")]
    assert rows[1].reason.startswith("unterminated quote (opened on line 3)")
    assert rows[1].structural


def test_a_quote_closed_by_a_later_cells_quote_is_caught():
    _, rows = _read('id,name\n1,Петров\n2,"Иванов\n3,"Сидоров"\n4,Козлов\n')
    assert _lines(rows) == [(2, "1"), (3, "bad"), (4, "3"), (5, "4")]
    assert "unterminated quote (opened on line 3)" in rows[1].reason


def test_a_quote_swallowing_lines_that_read_as_rows_is_caught():
    _, rows = _read('id,name,note\n1,a,b\n2,"Иванов,x\n3,Сидоров,y\n4,Козлов,z"\n5,c,d\n')
    assert rows[1].line == 3 and "lines below it read as rows" in rows[1].reason
    assert _lines(rows)[-1] == (6, "5")


def test_a_quoted_note_over_several_lines_is_read_whole():
    note = "Погиб под Бахмутом.\nПохоронен в Уфе, на Южном кладбище;\n«вечная память»"
    text = f'ФИО;Примечание;Регион\nПетров Иван;"{note}";BA\nИванов Пётр;;KEM\n'
    _, rows = _read(text)
    assert [r.cells for r in rows] == [["Петров Иван", note, "BA"], ["Иванов Пётр", "", "KEM"]]
    assert [r.line for r in rows] == [2, 5]


def test_doubled_quotes_and_quoted_separators_are_read():
    _, rows = _read('name;note\n"Петров; Иван";"он сказал ""да"""\n')
    assert rows[0].cells == ["Петров; Иван", 'он сказал "да"']


def test_text_after_a_closing_quote_is_a_bad_row():
    _, rows = _read('id,name\n1,"Вагнер" ЧВК\n2,Иванов\n')
    assert _lines(rows) == [(2, "bad"), (3, "2")] and "after the closing quote" in rows[0].reason


def test_more_cells_than_the_header_but_empty_extras_are_fine():
    _, rows = _read("id,name\n1,a,b\n2,c,,\n")
    assert rows[0].reason == "3 cells, the header has 2" and rows[0].structural
    assert rows[1].cells[:2] == ["2", "c"]


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("a\x00b", "NUL byte"),
        ("x" * (MAX_CELL + 1), f"more than {MAX_CELL:,}"),
        ("x" * 200_000, f"more than {MAX_CELL:,}"),  # past Python csv's own field limit
        ("x" * (MAX_LINE + 1), f"the limit is {MAX_LINE:,}"),
    ],
)
def test_a_row_bad_in_itself_is_named_and_the_next_is_read(cell, reason):
    _, rows = _read(f"id,name\n1,{cell}\n2,ok\n")
    assert rows[0].line == 2 and reason in rows[0].reason and not rows[0].structural
    assert len(rows[0].text) <= 300 and rows[1].cells == ["2", "ok"]


def test_the_separator_is_the_headers():
    assert read_table("a\tb\n1\t2\n")[0] == ["a", "b"]
    assert read_table('"a,b";c;d\n')[0] == ["a,b", "c", "d"]


def test_a_bad_or_missing_header_is_refused():
    with pytest.raises(CsvError, match="line 1: .*limit"):
        read_table("a" * (MAX_LINE + 1))
    with pytest.raises(CsvError, match="column 'a' twice"):
        read_table("a,b,a\n")
    with pytest.raises(CsvError, match="no header"):
        read_table("\n\n")
