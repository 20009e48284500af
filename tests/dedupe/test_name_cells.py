"""A name's cell as reports fill it (`dedupe.name_cells`): a rank or an honour before the name,
a call sign in quotes, initials without their last dot, a digit or a Latin letter inside a
Cyrillic word. Each reads as the name alone, so two reports of one man compare as one man's;
before, «Ефрейтор С. В. Соколов» was read as a man whose given name starts with Е, and «Степанов
С.В» as В. С., both namesakes that cannot be Сергей Викторович."""

from __future__ import annotations

import pytest

from dedupe import dedupe_records
from dedupe.name_cells import bare_names, trimmed_name, wrapped
from dedupe.prepare import prepare
from tests.dedupe.test_dedupe_basics import rec

FULL = "Соколов Сергей Викторович"


@pytest.mark.parametrize(
    "cell",
    [
        "Ефрейтор С. В. Соколов",
        "старший сержант С.В. Соколов",
        "Герой России С. В. Соколов",
        "Соколов С.В",  # the last dot left out
        "Соколов С В",
        "СОКОЛОВ С.В.",
        "рядовой Соколов С.В.",
        "Lance corporal Sokolov S. V.",
    ],
)
def test_initials_in_a_cell_are_his_initials(cell):
    f = prepare([rec("a", cell), rec("b", FULL)])
    assert f.usable.all()
    assert f.surname[0] == f.surname[1]
    assert (f.given_initial[0], f.patronymic_initial[0]) == (
        f.given_initial[1],
        f.patronymic_initial[1],
    )


@pytest.mark.parametrize(
    "cell",
    [
        'Соколов Сергей Викторович "Грач"',
        "Сергей Викторович Соколов «Грач»",
        "СОКОЛОВ СЕРГЕЙ ВИКТОРОВИЧ «Кедр» ,",
        "Соколов Сергей Викторович позывной Грач",
        "private Sokolov Sergei Viktorovich",
        "Hero of Russia Sergei Viktorovich Sokolov:",
        "Соколов Сергей Виктор0вич",  # a zero for о, as a scan reads it
        "Сокoлов Сергей Викторович",  # a Latin o
        "Соколов Сергей Викторович, 1991г.р.",
    ],
)
def test_a_call_sign_a_rank_or_a_slipped_letter_leave_the_name(cell):
    unread = {}
    f = prepare([rec("a", cell), rec("b", FULL)], unread)
    assert f.usable.all() and "full_name" not in unread
    for field in ("surname", "given", "patronymic"):
        assert getattr(f, field)[0] == getattr(f, field)[1], field


def test_what_is_no_wrapping_is_left_alone():
    # surnames that open like ranks, a comma between surname and given name, a lone word
    texts = ["Капитонов Иван", "Майоров Сергей Петрович", "Иванов, Иван Иванович"]
    assert bare_names(texts) == texts
    assert trimmed_name("Рядовой Иванов") == "Рядовой Иванов"  # one word would be left
    found = wrapped(["Юрий Гагарин", "мл. сержант Иванов Иван", "Сокoлов Иван", "Ivan Sokolov"])
    assert found.tolist() == [False, True, True, False]


def test_one_mans_reports_with_a_rank_and_initials_merge():
    records = [
        rec("a", "Ефрейтор С. В. Соколов", death_date="2024-03-05", region="Тыва"),
        rec("b", FULL, death_date="2024-03-05", region="Тыва", birth_date="1990-01-02"),
        rec("c", 'Соколов Сергей "Грач"', death_date="2024-03-05", region="Тыва"),
    ]
    result = dedupe_records(records, summarise_persons=False)
    assert len(set(result.assignment.values())) == 1


@pytest.mark.parametrize(
    ("written", "full"),
    [
        ("рядовой Беловым Р.Д.", "Белов Роман Даниилович"),  # a sentence's case beside initials
        ("Р.Д. Белову", "Белов Роман Даниилович"),
        ("Ковальскому Р.Д.", "Ковальский Роман Даниилович"),
        ("Роман Беловым", "Белов Роман Даниилович"),  # a given name as written beside it
        ("Рома Белову", "Белов Роман Даниилович"),
        ("Вова Козлове", "Козлов Владимир Ильич"),  # «Вова» ends as a woman's surname would
        ("Серега Субботину", "Субботин Сергей Игоревич"),  # a short form without its ё
        ("Сережа Колобову", "Колобов Сергей Игоревич"),
        ("Aleksandr Viatcheslavovitch Smirnov", "Смирнов Александр Вячеславович"),  # French
        ("Mikhail Ievguenievitch Chtcherbakov", "Щербаков Михаил Евгеньевич"),
        # a surname with nothing French of its own, beside French words: read the French way
        ("CHABANOV Ioulian Ievguenievitch", "Шабанов Юлиан Евгеньевич"),
        ("Chestopalov Serguei Igorevitch", "Шестопалов Сергей Игоревич"),
    ],
)
def test_other_ways_of_writing_one_name(written, full):
    f = prepare([rec("a", written), rec("b", full)])
    assert f.usable.all()
    assert f.surname[0] == f.surname[1]
    assert f.given_initial[0] == f.given_initial[1]
    if len(written.split()) > 2 or "." in written:
        assert f.patronymic_initial[0] == f.patronymic_initial[1]
    if "." not in written:
        assert f.given[0] == f.given[1]
    if "." not in written and len(written.split()) > 2:
        assert f.patronymic[0] == f.patronymic[1]


def test_an_uzbek_patronymic_is_a_patronymic():
    unread = {}
    f = prepare([rec("a", "Осмонов Габит Алишер угли")], unread)
    assert f.usable.all() and "full_name" not in unread


def test_an_initial_after_a_rank_and_an_accented_latin_letter():
    f = prepare([rec("a", "рядовой Орлов Г."), rec("b", "Орлов Геннадий")])
    assert f.usable.all() and f.given_initial[0] == f.given_initial[1]
    f = prepare([rec("a", "Denis Boïko"), rec("b", "Бойко Денис")])
    assert f.usable.all() and f.surname[0] == f.surname[1] and f.given[0] == f.given[1]


@pytest.mark.parametrize("written", ["Мухин Владимир Павловч", "Владимир Павловч Мухин"])
def test_a_slipped_patronymic_leaves_the_rest_of_the_name(written):
    f = prepare([rec("a", written), rec("b", "Мухин Владимир Павлович")])
    assert f.usable.all() and f.surname[0] == f.surname[1] and f.given[0] == f.given[1]
    assert f.patronymic_initial[0] == f.patronymic_initial[1]


@pytest.mark.parametrize(
    ("cell", "full"),
    [
        # a Ukrainian letter inside a Latin name: as Latin spellings write it
        ("Іgor Mikhailov", "Михайлов Игорь"),  # a Cyrillic І for the Latin I
        ("Єvgen Petrov", "Петров Евгений"),  # a Ukrainian spelling's first letter in Cyrillic
        ("KORSHUNOV Єvgen Aleksandrovich", "Коршунов Евгений Александрович"),
        ("private Іllya Romanov", "Романов Илья"),
        # a name in Ukrainian spelling: through its Latin transliteration
        ("Іванов Ігор Сергійович", "Ivanov Ihor Serhiiovych"),
        ("Євген Іванов", "Иванов Евгений"),  # before: a man called «ванов» with no given name
        ("Шевченко Олександр", "Александр Шевченко"),
        ("Іваноў Андрэй", "Иванов Андрей"),  # Belarusian: ў is the в of the Russian form
    ],
)
def test_ukrainian_letters_leave_the_name_readable(cell, full):
    f = prepare([rec("a", cell), rec("b", full)])
    assert f.usable.all()
    for field in ("surname", "given", "patronymic"):
        assert getattr(f, field)[0] == getattr(f, field)[1], field
