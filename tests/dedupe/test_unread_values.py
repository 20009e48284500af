"""Dates and ages as lists write them, and the values dedupe cannot read: a record keeps them
(it is compared as if the field were empty), and the run says how many and which."""

from __future__ import annotations

import pytest

from cli import main
from dedupe import dedupe_records
from dedupe.dates import read_age as _age
from dedupe.dates import split_date
from dedupe.prepare import prepare
from tests.dedupe.test_dedupe_basics import people, rec


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("2024-04-07", (2024, 4, 7)),
        ("2024-04", (2024, 4, 0)),
        ("1990 г.р.", (1990, 0, 0)),
        ("07.04.2024", (2024, 4, 7)),
        ("7.4.2024", (2024, 4, 7)),
        ("07/04/2024", (2024, 4, 7)),  # day first, as Russian lists write it
        ("2024/04/07", (2024, 4, 7)),
        ("20240407", (2024, 4, 7)),
        ("04.2024", (2024, 4, 0)),
        ("7 апреля 2024 г.", (2024, 4, 7)),
        ("3 сент. 2022", (2022, 9, 3)),
        ("май 2023", (2023, 5, 0)),
        ("April 7, 2024", (2024, 4, 7)),
        ("7 Apr 2024", (2024, 4, 7)),
        ("31.02.2024", (2024, 2, 0)),  # no such day: the month still holds
        ("24.02.22", (2022, 2, 24)),  # a two-digit year: the dead here died after 2000
        ("16.02.96", (1996, 2, 16)),  # and were born after 1930
        ("4/23/2024", (2024, 4, 23)),  # month first: the only reading there is
        ("в январе 2024 г.", (2024, 1, 0)),
        ("в конце марта 2023", (2023, 3, 0)),
        ("весна 2024", (2024, 0, 0)),  # a season: the year holds
        ("зимой 2024", (2024, 0, 0)),
        # nothing usable
        ("весной", (0, 0, 0)),
        ("Мартынов 2024", (0, 0, 0)),  # «мар…» is no month
        ("1990-е", (0, 0, 0)),  # a decade
        ("13.13.2024", (0, 0, 0)),
        ("", (0, 0, 0)),
        (None, (0, 0, 0)),
    ],
)
def test_dates_as_lists_write_them(text, parts):
    assert split_date(text) == parts


@pytest.mark.parametrize(
    ("text", "age"),
    [("27", 27), ("27.0", 27), ("27 лет", 27), ("41 год", 41), ("42 года", 42),
     ("27 years", 27), ("двадцать семь", -1), ("27-28", -1), ("150", -1), (None, -1)],
)  # fmt: skip
def test_ages_as_lists_write_them(text, age):
    assert _age(text) == age


def test_a_report_with_dates_written_the_russian_way_joins_the_register():
    """Two namesakes in one region; the post writes the dates as people do, and they decide
    which man it is."""
    records = [
        rec("reg1", "Смирнов Андрей Викторович", birth_date="1991-03-12",
            death_date="2024-04-07", region="Курская область"),
        rec("reg2", "Смирнов Андрей Викторович", birth_date="1978-11-02",
            death_date="2023-09-15", region="Курская область"),
        rec("post", "Андрей Смирнов", birth_date="12.03.1991", death_date="7 апреля 2024 г.",
            age="33 года", region="Курская область"),
    ]  # fmt: skip
    result = dedupe_records(records)
    assert people(result) == [["post", "reg1"], ["reg2"]]
    assert result.unread == {}


def test_values_not_understood_are_counted_with_examples():
    records = [
        rec("a", "Петров Иван Сергеевич", death_date="под Бахмутом", region="Атлантида"),
        rec("b", "Петров Иван", death_date="под Бахмутом", age="около тридцати"),
        rec("c", "Сидоров", death_date="2024-05-01", birth_date="1990-е"),
        rec("d", "Козлов Олег", death_date="2024-05-02", region="Курская область"),
    ]
    unread = {}
    f = prepare(records, unread)
    assert len(f) == 4
    assert unread["death_date"].records == 2
    assert unread["death_date"].examples == ("под Бахмутом",)
    assert unread["birth_date"].records == 1
    assert unread["region"].examples == ("Атлантида",)
    assert unread["age"].examples == ("около тридцати",)
    assert unread["full_name"].examples == ("Сидоров",)  # one word: nothing to compare by
    assert set(unread) == {"death_date", "birth_date", "region", "age", "full_name"}
    # every record stays: the one-word name a person of its own
    assert len(dedupe_records(records).assignment) == 4


def test_tally_dedupe_says_what_it_could_not_read(tmp_path, capsys):
    path = tmp_path / "in.csv"
    path.write_text(
        "record_id,full_name,death_date\n1,Петров Иван,под Бахмутом\n2,Сидоров Олег,2024-05-01\n"
        "3,Козлов Илья,07.05.2024\n",
        encoding="utf-8",
    )
    assert main(["dedupe", "--records", str(path), "--out", str(tmp_path / "o.csv")]) == 0
    err = capsys.readouterr().err
    assert "tally dedupe: 1 records' death_date not understood, compared as unknown " \
        "(e.g. «под Бахмутом»)" in err  # fmt: skip
    assert "3 records → 3 people" in err


@pytest.mark.parametrize(
    ("cell", "code"),
    [("Чел. обл.", "CHE"), ("Кем. обл.", "KEM"), ("Алт. край", "ALT"), ("Свердл. обл.", "SVE")],
)
def test_a_region_shortened_to_three_letters_beside_its_kind(cell, code):
    from dedupe.region_cells import resolve_region

    assert resolve_region(cell) == code


def test_a_shortening_two_regions_share_stays_unknown():
    from dedupe.region_cells import resolve_region

    assert resolve_region("Красн. край") is None  # Краснодарский or Красноярский
    assert resolve_region("Нов. обл.") is None  # Новгородская or Новосибирская
    assert resolve_region("Чел.") is None


def test_a_category_in_words_is_the_trackers_code():
    """«мобилизованный» in one list and `mobilized` in another are one category; «ЧВК Вагнер»
    is `pmc`; volunteer and prisoner stay two."""
    import numpy as np

    from dedupe.comparisons import Same
    from dedupe.score import levels

    records = [
        rec("a", "Петров Иван", category="mobilized"),
        rec("b", "Петров Иван", category="мобилизованный"),
        rec("c", "Петров Иван", category="ЧВК Вагнер"),
        rec("d", "Петров Иван", category="pmc"),
        rec("e", "Петров Иван", category="volunteer"),
        rec("f", "Петров Иван", category="prisoner"),
    ]
    f = prepare(records)
    found = levels(f, np.array([[0, 1], [2, 3], [4, 5]])).by_field["category"]
    assert found.tolist() == [Same.SAME, Same.SAME, Same.DIFFERENT]


@pytest.mark.parametrize(
    "cell",
    [
        "Рядовой Смирнов Андрей Викторович",
        "гвардии рядовой СМИРНОВ Андрей Викторович",
        "мл. сержант Смирнов Андрей Викторович",
        "Смирнов Андрей Викторович, 33 года",
        "Смирнов Андрей Викторович (позывной «Грач»)",
        "Смирнов Андрей Викторович 12.03.1991 – 07.04.2024",
        "Смирнов Андрей Викторович 1991 г.р.",
        "Андрей Викторович Смирнов, мобилизованный",
        "Герой России Смирнов Андрей Викторович",
    ],
)
def test_a_name_with_what_a_cell_carries_around_it_is_the_name(cell):
    """A book of memory writes the rank before the name, a sheet the age or years after it:
    the man is still Смирнов Андрей Викторович (not a record no one can be compared with)."""
    unread = {}
    f = prepare([rec("a", cell), rec("b", "Смирнов Андрей Викторович")], unread)
    assert f.usable.all() and "full_name" not in unread
    assert f.surname[0] == f.surname[1] and f.given[0] == f.given[1]
    assert f.patronymic[0] == f.patronymic[1]


@pytest.mark.parametrize(
    ("cell", "as_"),
    [
        ("RU-SVE", "Свердловская область"),
        ("Свердл. обл.", "Свердловская область"),
        ("Sverdlovskaya oblast", "Свердловская область"),
        ("Нижегородская", "Нижегородская область"),
        ("Нижегор. обл.", "Нижегородская область"),
        ("Пермский", "Пермский край"),
        ("Моск. обл.", "Московская область"),
        ("Ханты-Мансийский авт. окр.", "ХМАО"),
    ],
)
def test_a_region_as_lists_write_it(cell, as_):
    unread = {}
    f = prepare([rec("a", "Петров Иван", region=cell), rec("b", "Петров Иван", region=as_)], unread)
    assert f.region[0] == f.region[1] != 0 and "region" not in unread


def test_a_truncated_region_two_regions_start_with_is_not_guessed():
    unread = {}
    prepare([rec("a", "Петров Иван", region="Моск.")], unread)  # Москва or Московская область
    assert unread["region"].records == 1
