"""Lists of the dead that are not news of this war: registers of the repressed, older books of
memory. Their wording of death («расстрелян», «расстр.», «приговорен к ВМН», «скончался от ран»)
and of birth («Род. 1898», «р. 1884», «1884 г. р.») reads, and the dates of the steps around a
death (arrest, sentence, rehabilitation) are never the death's. The war-window check is
validation's business; these tests read below it."""

from __future__ import annotations

import pytest

from spiders.extract.dates import find_dates, parse_date
from spiders.extract.people import find_dead
from spiders.fields import record_from_fields

BASE = {"source": "register", "url": "file:///register.csv", "fetched_at": "2026-01-01T00:00:00Z"}
ABRAMOV = (
    "Абрамов Иван Петрович. Род. 1898, Тульская губ., Ефремовский у., д. Слободка; русский; "
    "рабочий. Проживал: Москва. Арестован 12 сентября 1937 г. Приговорен: Комиссией НКВД и "
    "Прокурора СССР 2 октября 1937 г. Расстрелян 10 октября 1937 г. Реабилитирован в 1958 г."
)


def role_of(text: str, value: str) -> str:
    """The role of the one date `value` the text holds."""
    found = [d.role for d in find_dates(text) if d.value == value]
    assert len(found) == 1, [(d.value, d.role) for d in find_dates(text)]
    return found[0]


def from_fields(text: str, name: str = "Абрамов Иван Петрович") -> dict:
    record, reject = record_from_fields({"name": name, "text": text}, BASE, None)
    assert reject is None
    return record


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Расстрелян 10 октября 1937 г.", "1937-10-10"),
        ("расстрелян 10.10.1937", "1937-10-10"),
        ("Расстр. 10.10.1937", "1937-10-10"),
        ("расстр. 10 окт. 1937 г.", "1937-10-10"),
        ("Казнен 3 марта 1938 г.", "1938-03-03"),
        ("Погиб при исполнении служебных обязанностей 5 мая 1990 г.", "1990-05-05"),
        ("Погиб при исполнении воинского долга 12.01.1995", "1995-01-12"),
        ("Скончался от ран 3 марта 1943 г.", "1943-03-03"),
        ("Умер в плену 14 ноября 1941 г.", "1941-11-14"),
        ("Умер в плену в окт. 1941", "1941-10"),
        ("Расстрелян в 1937 г.", "1937"),
        ("расстрелян в 1937", "1937"),
        ("Расстр. 1937", "1937"),
        ("Ум. 1942", "1942"),
        ("Год смерти: 1942", "1942"),
        ("Год рождения 1884, год гибели 1942", "1942"),
        ("Дата расстрела: 10.10.1937", "1937-10-10"),
    ],
)
def test_a_registers_word_of_death_dates_the_death(text, value):
    assert role_of(text, value) == "death"


@pytest.mark.parametrize(
    "text",
    [
        "Род. 1884",
        "род. 1884, д. Слободка",
        "р. 1884",
        "1884 г.р.",
        "1884 г. р.",
        "Родился в 1884 г.",
        "родился в 1884",
        "Род. в 1884 г.",
        "Год рождения: 1884",
        "Дата рождения: 1884. Дата смерти: 10.10.1937",
        "Уроженец д. Слободка Тульской губ., 1884 г. рождения",
    ],
)
def test_a_registers_word_of_birth_dates_the_birth(text):
    assert role_of(text, "1884") == "birth"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Арестован 12 сентября 1937 г.", "1937-09-12"),
        ("Приговорен: Комиссией НКВД и Прокурора СССР 2 октября 1937 г.", "1937-10-02"),
        ("Приговорен к ВМН 2 октября 1937 г.", "1937-10-02"),  # the sentence, not the death
        ("Осужден 5 мая 1938 г.", "1938-05-05"),
        ("Реабилитирован в 1958 г.", "1958"),
        ("Реабилитирован 20 марта 1958 г.", "1958-03-20"),
    ],
)
def test_a_step_around_the_death_is_not_the_death(text, value):
    assert role_of(text, value) == "other"


@pytest.mark.parametrize("text", ["1899 – 10.10.1937", "Иванов И. И. (1899 — 10.10.1937)"])
def test_a_birth_year_before_the_day_of_death_is_a_lifespan(text):
    assert [(d.value, d.role) for d in find_dates(text)] == [
        ("1899", "birth"),
        ("1937-10-10", "death"),
    ]


def test_missing_stays_missing_not_dead():
    assert role_of("Пропал без вести в окт. 1941", "1941-10") == "missing"


def test_a_decade_is_no_year_of_death():
    assert find_dates("Погиб в 1990-х") == []


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("10 октября 1937 г.", "1937-10-10"),
        ("10 окт. 1937 г.", "1937-10-10"),
        ("окт. 1937", "1937-10"),
        ("сент. 1937 г.", "1937-09"),
        ("10.10.1937 г.", "1937-10-10"),
    ],
)
def test_older_date_forms_parse(raw, iso):
    assert parse_date(raw) == iso


def test_the_abramov_entry_gives_birth_and_the_execution_day():
    dates = {(d.value, d.role) for d in find_dates(ABRAMOV)}
    assert ("1898", "birth") in dates
    assert [v for v, role in dates if role == "death"] == ["1937-10-10"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("birth_date", "1898"), ("death_date", "1937-10-10"), ("full_name", "Абрамов Иван Петрович")],
)
def test_a_fields_record_reads_its_text_entry(field, value):
    assert from_fields(ABRAMOV)[field] == value


@pytest.mark.parametrize(
    "text",
    [
        "Абрамов Иван Петрович. Род. 1898. Арестован 12 сентября 1937 г.",
        "Абрамов Иван Петрович. Род. 1898. Приговорен к ВМН 2 октября 1937 г.",
        "Абрамов Иван Петрович. Род. 1898. Реабилитирован в 1958 г.",
        "Абрамов Иван Петрович. Род. 1898. Пропал без вести в окт. 1941 г.",
    ],
)
def test_a_fields_record_takes_no_other_date_for_the_death(text):
    record = from_fields(text)
    assert record["birth_date"] == "1898"
    assert record["death_date"] is None


def test_a_fields_record_reads_the_old_province_as_its_region():
    text = "Абрамов Иван Петрович. Род. 1898, Тульская губ., Ефремовский у.; рабочий."
    assert from_fields(text)["region"] == "TUL"


def test_a_fields_record_takes_where_he_lived_over_where_he_was_born():
    assert from_fields(ABRAMOV)["region"] == "MOW"  # «Проживал: Москва» beats «Тульская губ.»


def test_a_fields_record_keeps_the_alias_in_the_raw_name_only():
    record = from_fields("Расстрелян 10 октября 1937 г.", "Юзефович (Шпинак) Иосиф Сигизмундович")
    assert record["full_name"] == "Юзефович Иосиф Сигизмундович"
    assert record["name_raw"] == "Юзефович (Шпинак) Иосиф Сигизмундович"
    assert record["death_date"] == "1937-10-10"


@pytest.mark.parametrize(
    "text",
    [
        "Юзефович (Шпинак) Иосиф Сигизмундович расстрелян 10 октября 1937 г.",
        "Юзефович (Шпинак) Иосиф Сигизмундович, 1890 г.р., приговорен к ВМН.",
        "Юзефович (Шпинак) Иосиф Сигизмундович. Расстр. 10.10.1937.",
    ],
)
def test_running_text_of_a_register_names_the_dead_man(text):
    assert [f.name.full_name for f in find_dead(text)] == ["Юзефович Иосиф Сигизмундович"]


@pytest.mark.parametrize(
    "text",
    [
        "Юзефович Иосиф Сигизмундович арестован 12 сентября 1937 г.",
        "Юзефович Иосиф Сигизмундович реабилитирован в 1958 г.",
    ],
)
def test_an_arrest_or_a_rehabilitation_alone_is_no_death(text):
    assert find_dead(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Иванов Иван Иванович умер в плену в 1942 г.",
        "Иванов Иван Иванович скончался от ран 3 марта 1943 г.",
        "Иванов Иван Иванович погиб при исполнении служебных обязанностей 5 мая 1990 г.",
        "Иванов Иван Иванович погиб при исполнении воинского долга.",
        "Иванов Иван Иванович, 1884 г. р., уроженец д. Слободка. Приговорен к ВМН.",
        "Иванов Иван Иванович, 1884 г. р. Расстрелян в 1937 г.",
    ],
)
def test_a_death_in_a_registers_words_counts_him(text):
    assert [f.name.full_name for f in find_dead(text)] == ["Иванов Иван Иванович"]


def test_a_man_missing_is_not_counted_dead():
    assert find_dead("Иванов Иван Иванович пропал без вести в окт. 1941 г.") == []
