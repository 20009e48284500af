"""Published lists brought in whole: an anonymised list read `--as-persons` keeps every field
of every row, a list's own words are mapped with `--map-values`, and a list of another time is
counted under the project's window (`var/tally.toml`)."""

from __future__ import annotations

import pytest

from spiders.importer import ImportError_, import_csv, read_value_map
from spiders.validate import Window
from tests.spiders.test_import import _records, _rejects

# The shape of a published anonymised list of the military dead (names removed, one row per
# man, the author's own category words): made up here, not copied.
ANONYMISED = """name,date_of_birth,date_of_death,region,category,rank,age
removed removed,1988-03-02,2023-01-15,Бурятия,volunteers,рядовой,34
removed removed,1975,2022-10-02,Tuva,mobilised,ефрейтор,
removed removed,,2023-07,Свердловская область,professional army,старший лейтенант,29
removed removed,2001-11-30,2024-02-20,Дагестан,prisoners,,22
removed removed,1969,2023-05-05,Забайкальский край,PMC,,
"""


def test_an_anonymised_list_keeps_every_field_of_every_row(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(ANONYMISED, encoding="utf-8")
    summary = import_csv(path, "anonymised", tmp_path / "run", as_persons=True)
    assert (summary.rows, summary.records, summary.rejects) == (5, 5, 0)
    got = _records(tmp_path / "run")
    assert len({r["record_id"] for r in got}) == 5
    assert all(r["name_raw"] == "removed removed" and r["distinct_person"] for r in got)
    assert [r["region"] for r in got] == ["BU", "TY", "SVE", "DA", "ZAB"]
    assert [r["category"] for r in got] == [
        "volunteer",
        "mobilized",
        "regular",
        "prisoner",
        "pmc",
    ]
    assert [r["death_date"] for r in got] == [
        "2023-01-15",
        "2022-10-02",
        "2023-07",
        "2024-02-20",
        "2023-05-05",
    ]
    assert got[0]["birth_date"] == "1988-03-02" and got[0]["age"] == 34
    assert got[2]["rank"] == "старший лейтенант" and got[2]["age"] == 29
    assert _rejects(tmp_path / "run") == []


def test_a_lists_own_words_are_mapped_before_reading(tmp_path):
    words = tmp_path / "values.csv"
    words.write_text(
        "field,value,means\ncategory,Частная армия,pmc\nregion,Респ. Тыва (Тува),TY\n",
        encoding="utf-8",
    )
    path = tmp_path / "list.csv"
    path.write_text(
        "ФИО;Дата гибели;Регион;Категория\n"
        "Ондар Айдыс Сергеевич;2023-01-15;Респ. Тыва  (Тува);частная  армия\n",
        encoding="utf-8",
    )
    summary = import_csv(path, "list", tmp_path / "run", values=read_value_map(words))
    assert summary.records == 1
    [record] = _records(tmp_path / "run")
    assert (record["region"], record["category"]) == ("TY", "pmc")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("what,is,this\ncategory,a,b\n", "header must be field,value,means"),
        ("field,value,means\nnickname,a,b\n", "no field 'nickname'"),
        ("field,value,means\ncategory,a\n", "line 2"),
    ],
)
def test_a_bad_value_map_is_refused_with_its_line(tmp_path, text, message):
    path = tmp_path / "values.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportError_, match=message):
        read_value_map(path)


def test_a_list_of_another_time_counts_under_its_window(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "ФИО;Дата рождения;Дата смерти\nАбрамов Иван Петрович;1898;1937-10-10\n",
        encoding="utf-8",
    )
    this_war = import_csv(path, "executed", tmp_path / "war")
    assert this_war.records == 0 and "before the war" in _rejects(tmp_path / "war")[0]["reason"]
    from datetime import date

    window = Window(earliest_death=date(1936, 1, 1), earliest_birth=date(1860, 1, 1))
    summary = import_csv(path, "executed", tmp_path / "run", window=window)
    assert (summary.records, summary.rejects, summary.cleared) == (1, 0, 0)
    [record] = _records(tmp_path / "run")
    assert (record["birth_date"], record["death_date"], record["age"]) == (
        "1898",
        "1937-10-10",
        None,
    )
