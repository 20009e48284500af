from datetime import date

import pytest

from spiders.validate import check_record, name_problem

TODAY = date(2026, 1, 30)


def problems(record_factory, **values):
    return {(p.field, p.fatal) for p in check_record(record_factory(**values), TODAY)}


@pytest.mark.parametrize(
    "name",
    [
        "Петров Иван Сергеевич",
        "Петров И. С.",
        "Монгуш Айдыс",
        "Petrov Aleksandr",
        "Алдын-оол Монгуш",
        "Кузнецов Слава",  # «слава» is a word, and a short given name
        "Майоров Иван",
    ],
)
def test_names_that_are_names(name):
    assert name_problem(name) is None


@pytest.mark.parametrize(
    "name",
    [
        "",
        "Петров",
        "улица Ленина",
        "ул. Ленина",
        "И. С.",
        "Петров 1990",
        "Администрация района",
        "Рядовой Станислав Марцынкевич",  # a rank read as a surname
        "Город Салават",
        "Сво Гера",
        "Николаевич Александр Николаевич",  # one word twice
    ],
)
def test_names_that_are_not(name):
    assert name_problem(name) is not None


def test_a_clean_record_has_no_problems(record_factory):
    assert (
        problems(record_factory, birth_date="1990-03-12", death_date="2024-02-20", age=33) == set()
    )


def test_death_in_the_future_rejects_the_record(record_factory):
    assert ("death_date", True) in problems(record_factory, death_date="2026-05-01")


def test_death_before_the_war_rejects_the_record(record_factory):
    assert ("death_date", True) in problems(record_factory, death_date="2021-12-31")


def test_partial_death_date_in_the_war_year_is_fine(record_factory):
    assert problems(record_factory, death_date="2022") == set()


def test_impossible_death_date_rejects_the_record(record_factory):
    assert ("death_date", True) in problems(record_factory, death_date="2024-02-30")


def test_death_before_birth_rejects_the_record(record_factory):
    assert ("death_date", True) in problems(
        record_factory, birth_date="2024-05-01", death_date="2024-02-20"
    )


def test_impossible_birth_date_only_clears_the_field(record_factory):
    assert problems(record_factory, birth_date="1990-13-01", death_date="2024-02-20") == {
        ("birth_date", False)
    }


def test_absurd_age_only_clears_the_field(record_factory):
    assert problems(record_factory, age=3) == {("age", False)}


def test_street_as_name_rejects_the_record(record_factory):
    assert ("full_name", True) in problems(record_factory, name="улица Ленина")
