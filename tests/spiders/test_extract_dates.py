from datetime import date

import pytest

from spiders.extract.dates import (
    age_at,
    age_bounds,
    find_ages,
    find_dates,
    is_valid_date,
    parse_date,
    parse_lifespan,
)

REF = date(2024, 3, 10)


def roles(text: str, reference: date | None = REF) -> list[tuple[str, str]]:
    return [(m.value, m.role) for m in find_dates(text, reference)]


def ages(text: str) -> list[int]:
    return [a.value for a in find_ages(text)]


# --- parse_date: one date written alone -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("20 февраля 2024 года", "2024-02-20"),
        ("20 февраля 2024 г.", "2024-02-20"),
        ("20 февраля 2024г", "2024-02-20"),
        ("20-го февраля 2024", "2024-02-20"),
        ("20.02.2024", "2024-02-20"),
        ("20.02.2024 г.", "2024-02-20"),
        ("20/02/2024", "2024-02-20"),
        ("2024-02-20", "2024-02-20"),
        ("20 ФЕВРАЛЯ 2024", "2024-02-20"),
        ("20 фев. 2024", "2024-02-20"),
        ("20 февр. 2024", "2024-02-20"),
        ("5 сент. 2022", "2022-09-05"),
        ("1 мая 2023", "2023-05-01"),
        ("3 Января 2024 года", "2024-01-03"),
        ("12 сентября 1990", "1990-09-12"),
        ("February 20, 2024", "2024-02-20"),
        ("20 February 2024", "2024-02-20"),
        ("Feb. 20, 2024", "2024-02-20"),
        ("Feb 20 2024", "2024-02-20"),
        ("September 1st, 2022", "2022-09-01"),
        ("февраль 2024", "2024-02"),
        ("в феврале 2024 года", "2024-02"),
        ("February 2024", "2024-02"),
        ("2024", "2024"),
        ("2024 г.", "2024"),
        ("в 2024 году", "2024"),
        ("в 2022-м году", "2022"),
        ("1990 г.р.", "1990"),
        ("2024-02", "2024-02"),
        ("  20.02.2024.  ", "2024-02-20"),
        ("(20.02.2024)", "2024-02-20"),
    ],
)
def test_parse_date_formats(raw, iso):
    assert parse_date(raw) == iso


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("20.02.24", "2024-02-20"),
        ("20.02.00", "2000-02-20"),
        ("20.02.39", "2039-02-20"),
        ("20.02.40", "1940-02-20"),
        ("12.03.90", "1990-03-12"),
    ],
)
def test_parse_date_two_digit_years(raw, iso):
    assert parse_date(raw) == iso


@pytest.mark.parametrize(
    "raw",
    [
        "31.02.2024",
        "29.02.2023",
        "20.13.2024",
        "00.02.2024",
        "2024-02-30",
        "2024-13",
        "31 февраля 2024",
        "31 апреля 2024 года",
        "February 30, 2024",
        "20 февраля",  # no year and no reference
        "20.02.2024 погиб",  # not a field
        "12.03.1990 – 20.02.2024",  # two dates
        "",
        "вчера",
    ],
)
def test_parse_date_rejects(raw):
    assert parse_date(raw) is None


def test_parse_date_yearless_with_reference():
    assert parse_date("20 февраля", reference=REF) == "2024-02-20"


def test_parse_date_yearless_after_reference_goes_back_a_year():
    assert parse_date("20 марта", reference=REF) == "2023-03-20"


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2024", True),
        ("2024-02", True),
        ("2024-02-29", True),
        ("2023-02-29", False),
        ("2024-00", False),
        ("2024-13", False),
        ("2024-04-31", False),
        ("2024-4-1", False),
        ("0000", False),
        ("24", False),
        ("", False),
    ],
)
def test_is_valid_date(value, valid):
    assert is_valid_date(value) is valid


# --- parse_lifespan ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        ("12.03.1990 – 20.02.2024", ("1990-03-12", "2024-02-20")),
        ("12.03.1990—20.02.24", ("1990-03-12", "2024-02-20")),
        ("12.03.1990 - 20.02.2024", ("1990-03-12", "2024-02-20")),
        ("12 марта 1990 – 20 февраля 2024", ("1990-03-12", "2024-02-20")),
        ("12 марта 1990 г. — 20 февраля 2024 г.", ("1990-03-12", "2024-02-20")),
        ("1990–2024", ("1990", "2024")),
        ("1990 - 2024", ("1990", "2024")),
        ("(1990-2024)", ("1990", "2024")),
        ("1990−2024 гг.", ("1990", "2024")),
        ("1990 г.р. – 2024", ("1990", "2024")),
        ("12.03.1990 г.р. – 20.02.2024", ("1990-03-12", "2024-02-20")),
        ("12.03.1990 – 2024", ("1990-03-12", "2024")),
        ("March 12, 1990 – February 20, 2024", ("1990-03-12", "2024-02-20")),
        ("1990 г.р.", ("1990", None)),
        ("12.03.1990 г.р.", ("1990-03-12", None)),
        ("1990 года рождения", ("1990", None)),
        ("род. 12.03.1990", ("1990-03-12", None)),
        ("20.02.2024", (None, "2024-02-20")),
        ("погиб 20.02.2024", (None, "2024-02-20")),
        ("род. 12.03.1990, погиб 20.02.2024", ("1990-03-12", "2024-02-20")),
        ("12.03.1990 20.02.2024", ("1990-03-12", "2024-02-20")),
        ("", (None, None)),
    ],
)
def test_parse_lifespan(raw, pair):
    assert parse_lifespan(raw) == pair


# --- find_dates: formats, spans ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Погиб 20 февраля 2024 года.", "2024-02-20", "day"),
        ("Погиб 20.02.24.", "2024-02-20", "day"),
        ("Погиб в феврале 2024 года.", "2024-02", "month"),
        ("Погиб в 2024 году.", "2024", "year"),
        ("Погиб 2024 г. под Авдеевкой", "2024", "year"),
        ("He was killed on Feb. 20, 2024.", "2024-02-20", "day"),
        ("He was born in 1990.", "1990", "year"),
    ],
)
def test_find_dates_value_and_precision(text, value, precision):
    [m] = find_dates(text)
    assert (m.value, m.precision) == (value, precision)


@pytest.mark.parametrize(
    "text",
    [
        "Иванов Иван (1990–2024) родился 12 марта 1990 года в с. Ивановка, погиб 20.02.24. "
        "Похоронен 5 марта 2024 г. Прощание состоится 5 марта.",
        "He was born on March 12, 1990, and killed on 20 February 2024; buried Feb 28.",
        "ПОГИБ 20 ФЕВРАЛЯ 2024 ГОДА",
        "İstanbul, 20.02.2024: погиб",  # a character whose lower case is longer
    ],
)
def test_find_dates_spans_point_into_the_original_text(text):
    found = find_dates(text, REF)
    assert found and all(text[m.start : m.end] == m.text for m in found)


def test_find_dates_span_covers_the_year_word():
    [m] = find_dates("Погиб 20 февраля 2024 года при выполнении задачи")
    assert m.text == "20 февраля 2024 года"


def test_find_dates_does_not_swallow_the_sentence_full_stop():
    [m] = find_dates("Мобилизован 21 сентября 2022 года. Служил в пехоте.")
    assert m.text == "21 сентября 2022 года"


def test_find_dates_keeps_gr_out_of_the_date():
    [m] = find_dates("Иванов И.И., 1990 г.р., погиб")
    assert m.text == "1990"


@pytest.mark.parametrize(
    "text",
    [
        "служил в 34 омсбр",
        "в 34 км от Донецка",
        "в 34 года",
        "погибли 1990 человек",
        "телефон 8-800-555-35-35",
        "в 10.30 утра",
        "31 февраля 2024 года",
        "февраль",
        "Марка 2024",
        "в мае",
        "no dates here",
    ],
)
def test_find_dates_ignores_non_dates(text):
    assert find_dates(text, REF) == []


def test_find_dates_invalid_full_date_does_not_fall_back_to_month():
    assert find_dates("погиб 31 февраля 2024 года") == []


# --- find_dates: reference resolution of year-less dates --------------------------------------


def test_yearless_date_without_reference_is_dropped():
    assert find_dates("Погиб 20 февраля при выполнении задачи") == []


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("погиб 20 февраля", date(2024, 3, 10), "2024-02-20"),
        ("погиб 10 марта", date(2024, 3, 10), "2024-03-10"),
        ("погиб 11 марта", date(2024, 3, 10), "2023-03-11"),
        ("погиб 28 декабря", date(2024, 1, 10), "2023-12-28"),
        ("погиб 29 февраля", date(2025, 3, 1), "2024-02-29"),
        ("killed on March 5", date(2024, 3, 10), "2024-03-05"),
        ("killed on 5 March", date(2024, 3, 10), "2024-03-05"),
        # an announced funeral may lie a few days after the page's date
        ("прощание состоится 12 января", date(2024, 1, 10), "2024-01-12"),
    ],
)
def test_yearless_date_resolved_against_reference(text, reference, value):
    assert [m.value for m in find_dates(text, reference)] == [value]


def test_yearless_birthday_is_not_resolved():
    assert find_dates("Родился 28 декабря", REF) == []


# --- find_dates: roles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "родился 12 марта 1990 года",
        "Родилась 12.03.1990",
        "12.03.1990 г.р.",
        "1990 г.р.",
        "1990 года рождения",
        "уроженец Курска, 1990 года рождения",
        "дата рождения: 12.03.1990",
        "Дата рождения 12 марта 1990",
        "род. 12.03.1990",
        "born on March 12, 1990",
        "born in 1990",
        "Ivan Petrov (b. 1990)",
    ],
)
def test_birth_cues(text):
    assert [m.role for m in find_dates(text)] == ["birth"]


@pytest.mark.parametrize(
    "text",
    [
        "погиб 20 февраля 2024 года",
        "Погибла 20.02.2024",
        "погиб в бою 20.02.2024",
        "память погибшего 20 февраля 2024 года бойца",
        "Дата гибели: 20.02.2024",
        "о гибели 20.02.2024 сообщили родные",
        "гибель бойца 20 февраля 2024 года подтвердили",
        "дата смерти 20.02.2024",
        "скончался 20 февраля 2024 года в госпитале",
        "умер от ран 20 февраля 2024",
        "убит 20.02.2024 под Бахмутом",
        "пал смертью храбрых 20 февраля 2024 года",
        "ушёл из жизни 20 февраля 2024 года",
        "He died on February 20, 2024",
        "was killed on 20 February 2024",
        "killed in action on Feb 20, 2024",
        "ум. 20.02.2024",
        "† 20.02.2024",
        "Ivan Petrov (d. 2024)",
    ],
)
def test_death_cues(text):
    assert [m.role for m in find_dates(text)] == ["death"]


@pytest.mark.parametrize(
    "text",
    [
        "похоронен 5 марта 2024 года",
        "похоронили 5 марта 2024",
        "Похоронят 5 марта 2024 года",
        "прощание состоится 5 марта 2024 года",
        "простились 5 марта 2024 года",
        "церемония прощания пройдёт 5 марта 2024",
        "похороны 5 марта 2024",
        "панихида 5 марта 2024",
        "Прощание с погибшим бойцом состоится 5 марта 2024 года",
        "прощание с военнослужащим, погибшим в ходе СВО, состоится 5 марта 2024",
        "funeral on March 5, 2024",
        "buried on March 5, 2024",
        "laid to rest on 5 March 2024",
    ],
)
def test_funeral_cues(text):
    assert [m.role for m in find_dates(text)] == ["funeral"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("мобилизован 21 сентября 2022 года", "other"),
        ("заключил контракт в марте 2023", "other"),
        ("ушёл на СВО в октябре 2022", "other"),
        ("Награждён орденом Мужества 20 апреля 2023 года", "other"),
        ("прибыл в зону СВО 1 мая 2023 года", "other"),
        ("В 2022 году он был мобилизован", "other"),
        ("а в 2022-м подписал контракт", "other"),
        ("was mobilised in September 2022", "other"),
        ("пропал без вести 3 января 2024", "missing"),
        ("считается пропавшим без вести с 3 января 2024 года", "missing"),
        ("went missing on January 3, 2024", "missing"),
        ("Об этом стало известно 20 февраля 2024 года", "unknown"),
        ("Участник боевых действий в Афганистане (1979–1989)", "unknown"),
    ],
)
def test_other_missing_and_unknown(text, role):
    assert {m.role for m in find_dates(text)} == {role}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "20 февраля 2024 года при выполнении боевой задачи погиб Иван Петров.",
            [("2024-02-20", "death")],
        ),
        (
            "21 сентября 2022 года был мобилизован, а 20 февраля 2024 года погиб.",
            [("2022-09-21", "other"), ("2024-02-20", "death")],
        ),
        (
            "Родился 12 марта 1990 года в Курске, а 20 февраля 2024 года погиб.",
            [("1990-03-12", "birth"), ("2024-02-20", "death")],
        ),
        (
            "Погиб 20 февраля 2024 года, похоронен 5 марта.",
            [("2024-02-20", "death"), ("2024-03-05", "funeral")],
        ),
        (
            "Прощание с Иваном, погибшим 20 февраля, состоится 5 марта в 10:00.",
            [("2024-02-20", "death"), ("2024-03-05", "funeral")],
        ),
        (
            "Иванов Иван Иванович, 12.03.1990 г.р., погиб 20.02.2024.",
            [("1990-03-12", "birth"), ("2024-02-20", "death")],
        ),
        (
            "Погибший боец, 1990 года рождения, похоронен 5 марта 2024 года.",
            [("1990", "birth"), ("2024-03-05", "funeral")],
        ),
        (
            "Погиб 20.02.2024. 5 марта 2024 года похоронен на Аллее славы.",
            [("2024-02-20", "death"), ("2024-03-05", "funeral")],
        ),
        (
            "Погиб в г. Бахмут 20 февраля 2024 г. Похоронен 5 марта.",
            [("2024-02-20", "death"), ("2024-03-05", "funeral")],
        ),
        (
            "Мобилизован в сентябре 2022 года, 20 февраля 2024 года погиб.",
            [("2022-09", "other"), ("2024-02-20", "death")],
        ),
        (
            "Погиб 20.02.2024, рожд. 12.03.1990",
            [("2024-02-20", "death"), ("1990-03-12", "birth")],
        ),
        (
            "Дата рождения: 12.03.1990\nДата смерти: 20.02.2024",
            [("1990-03-12", "birth"), ("2024-02-20", "death")],
        ),
        (
            # the cue right before the next date belongs to it, not to the first date
            "С 24 февраля 2022 года участвовал в СВО, погиб 20 февраля 2024 года.",
            [("2022-02-24", "unknown"), ("2024-02-20", "death")],
        ),
        (
            "Смертельно ранен 18 февраля 2024 года, скончался 20 февраля 2024 года.",
            [("2024-02-18", "other"), ("2024-02-20", "death")],
        ),
        (
            "Ivan Petrov (b. 1990, d. 2024)",
            [("1990", "birth"), ("2024", "death")],
        ),
    ],
)
def test_roles_in_sentences(text, expected):
    assert roles(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Иван Петров (1990–2024)", [("1990", "birth"), ("2024", "death")]),
        ("Иван Петров (1990 - 2024)", [("1990", "birth"), ("2024", "death")]),
        ("Иван Петров, 1990 г.р. – 2024", [("1990", "birth"), ("2024", "death")]),
        ("12.03.1990 – 20.02.2024", [("1990-03-12", "birth"), ("2024-02-20", "death")]),
        ("12.03.1990—20.02.24", [("1990-03-12", "birth"), ("2024-02-20", "death")]),
        (
            "12 марта 1990 – 20 февраля 2024",
            [("1990-03-12", "birth"), ("2024-02-20", "death")],
        ),
        ("Ivan Petrov (1990–2024) was a driver", [("1990", "birth"), ("2024", "death")]),
        # a range too short for a life is a period: its years keep their cue roles
        ("служил по контракту в 2014–2015 годах", [("2014", "other"), ("2015", "other")]),
    ],
)
def test_ranges(text, expected):
    assert roles(text) == expected


def test_range_inside_a_death_sentence_still_gives_birth_and_death():
    text = "Погиб Иван Петров (1990–2024), прощание состоится 5 марта 2024 года."
    assert roles(text) == [("1990", "birth"), ("2024", "death"), ("2024-03-05", "funeral")]


def test_realistic_obituary():
    text = (
        "Ставропольский край простился с земляком. Иванов Сергей Петрович родился 12 марта "
        "1990 года в с. Ивановка Курской обл. Окончил школу, работал водителем. "
        "21 сентября 2022 года был мобилизован, с октября 2022 года находился в зоне СВО. "
        "Награждён медалью «За отвагу». Погиб 20 февраля 2024 года при выполнении боевой "
        "задачи под Авдеевкой. Ему было 33 года. Прощание с погибшим состоится 5 марта "
        "в 10:00 в ДК. У Сергея остались жена и двое детей."
    )
    found = find_dates(text, reference=date(2024, 3, 4))
    labelled = {(m.value, m.role) for m in found}
    assert {
        ("1990-03-12", "birth"),
        ("2022-09-21", "other"),
        ("2024-02-20", "death"),
        ("2024-03-05", "funeral"),
    } <= labelled
    assert not {m.value for m in found if m.role in ("birth", "death", "funeral")} - {
        "1990-03-12",
        "2024-02-20",
        "2024-03-05",
    }
    assert [a.value for a in find_ages(text)] == [33]


def test_english_obituary():
    text = (
        "Ivan Petrov, 34, was killed on February 20, 2024, near Avdiivka. Born on March 12, "
        "1990, in Kursk, he was mobilised in September 2022. His funeral took place on "
        "March 5, 2024."
    )
    assert roles(text) == [
        ("2024-02-20", "death"),
        ("1990-03-12", "birth"),
        ("2022-09", "other"),
        ("2024-03-05", "funeral"),
    ]


# --- find_ages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("ему было 34 года", 34),
        ("Ему было 34.", 34),
        ("Ей было 21 год", 21),
        ("34-летний военнослужащий", 34),
        ("34 летний боец", 34),
        ("34-летнего бойца", 34),
        ("21-летний контрактник Ждан Ватутин", 21),  # 74.ru: a contract soldier, not a contract
        ("в возрасте 34 лет", 34),
        ("в возрасте 34-х лет", 34),
        ("в 34 года", 34),
        ("в 23 года отправился на передовую", 23),
        ("погиб в 34 года", 34),
        ("погибшему было всего 19 лет", 19),
        ("ему исполнилось 34", 34),
        ("Иван Петров (34 года)", 34),
        ("aged 34", 34),
        ("a 34-year-old soldier", 34),
        ("he was 34 years old", 34),
        ("at the age of 34", 34),
        ("Ivan Petrov, 34, was killed", 34),
    ],
)
def test_ages(text, age):
    assert ages(text) == [age]


@pytest.mark.parametrize(
    ("text", "age", "kind"),
    [
        ("ему исполнилось бы 35", 34, "would_be"),
        ("ему бы исполнилось 35 лет", 34, "would_be"),
        ("в марте ему исполнилось бы 35 лет", 34, "would_be"),
        ("скончался на 35-м году жизни", 34, "nth_year"),
        ("ему шёл 35-й год", 34, "nth_year"),
        ("погиб за день до своего 22-летия", 21, "nth_year"),  # Azattyq, Ханыгин
        ("не дожив нескольких дней до 30-летия", 29, "nth_year"),
        ("накануне своего 25-летия", 24, "nth_year"),
        ("ему было 34 года", 34, "stated"),
    ],
)
def test_ages_counted_back(text, age, kind):
    [a] = find_ages(text)
    assert (a.value, a.kind) == (age, kind)


def test_ages_outside_the_plausible_range_are_still_returned():
    assert ages("ей было 120 лет") == [120]


@pytest.mark.parametrize(
    "text",
    [
        "служил в 34 омсбр",
        "в 34 км от города",
        "34 дня",
        "ему было 34 дня",
        "в 34 года службы",
        "за 20 лет службы",
        "в 30 лет стажа",
        "родился в 1990 году",
        "1990 года рождения",
        "5-летний контракт",
        "погиб 20 февраля 2024 года",
        "on February 20, 2024, he",
        "в 90-е годы",
        "на 34 человека",
    ],
)
def test_non_ages(text):
    assert find_ages(text) == []


def test_age_spans_point_into_the_original_text():
    text = "Ивану было всего 19 лет. 34-летний Пётр погиб в 34 года. Ivan Petrov, 34, was killed."
    found = find_ages(text)
    assert len(found) == 4 and all(text[a.start : a.end] == a.text for a in found)


def test_age_after_english_name_spans_the_number():
    [a] = find_ages("Ivan Petrov, 34, was killed")
    assert a.text == "34"


# --- age_at / age_bounds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "death", "age"),
    [
        ("1990-03-12", "2024-02-20", 33),
        ("1990-03-12", "2024-03-12", 34),
        ("1990-03-12", "2024-03-11", 33),
        ("2000-02-29", "2024-02-28", 23),
        ("2000-02-29", "2024-02-29", 24),
        ("1990-03", "2024-02-20", 33),  # any day of March 1990 is after 20 February
        ("1990-01", "2024-06", 34),
        ("1990", "2024-12-31", 34),
        ("1990", "2024", None),  # 33 or 34
        ("1990-03-12", "2024-03", None),  # 33 or 34
        ("1990-03-12", "2024", None),
        ("2024-02-20", "1990-03-12", None),
        ("1990-02-30", "2024-02-20", None),
        ("garbage", "2024", None),
    ],
)
def test_age_at(birth, death, age):
    assert age_at(birth, death) == age


@pytest.mark.parametrize(
    ("birth", "death", "bounds"),
    [
        ("1990", "2024", (33, 34)),
        ("1990-03-12", "2024-02-20", (33, 33)),
        ("1990-03-12", "2024-03", (33, 34)),
        ("2024-01", "2024-03-01", (0, 0)),
        ("2024", "2023", None),
    ],
)
def test_age_bounds(birth, death, bounds):
    assert age_bounds(birth, death) == bounds
