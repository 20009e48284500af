"""Another name in brackets («Юзефович (Шпинак) Иосиф Сигизмундович») is an alias: the name
reads without it; a bracket that is not a name stays and the name is refused as before."""

from __future__ import annotations

import pytest

from lexicon.name_alias import alias_spans, split_alias
from lexicon.name_forms import parse_name_field
from lexicon.name_refusal import name_refusal
from spiders.extract.mentions import find_mentions, name_in_field
from spiders.validate import name_problem

ALIASED = [
    ("Юзефович (Шпинак) Иосиф Сигизмундович", "Юзефович Иосиф Сигизмундович", ("Шпинак",)),
    ("Иванов (Иваненко) Пётр Ильич", "Иванов Пётр Ильич", ("Иваненко",)),
    ("Петров Иван (Ян) Карлович", "Петров Иван Карлович", ("Ян",)),
    ("ЮЗЕФОВИЧ (ШПИНАК) Иосиф Сигизмундович", "Юзефович Иосиф Сигизмундович", ("ШПИНАК",)),
    ("Сидоров (он же Сидоренко) Павел Ильич", "Сидоров Павел Ильич", ("Сидоренко",)),
    ("Коган (наст. фам. Каган) Лев Ильич", "Коган Лев Ильич", ("Каган",)),
]
NOT_ALIASES = [
    "Иванов (рядовой)",
    "Иванов Иван (1937)",
    "Иванов Иван Иванович (рядовой)",
    "Иванов Иван Иванович (Москва)",
    "(1937)",
]


@pytest.mark.parametrize(
    ("raw", "rest", "aliases"),
    [
        ("Юзефович (Шпинак) Иосиф", "Юзефович Иосиф", ("Шпинак",)),
        ("ЮЗЕФОВИЧ (ШПИНАК) Иосиф", "ЮЗЕФОВИЧ Иосиф", ("ШПИНАК",)),
        ("Петрова (урожд. Иванова) Мария", "Петрова Мария", ("Иванова",)),
        ("Иванов (Иваненко) Иван (Ян)", "Иванов Иван", ("Иваненко", "Ян")),
        ("Иванов Иван (рядовой)", "Иванов Иван (рядовой)", ()),
    ],
)
def test_split_alias_takes_each_bracket_of_a_name_out(raw, rest, aliases):
    assert split_alias(raw) == (rest, aliases)


@pytest.mark.parametrize(("raw", "name", "aliases"), ALIASED)
def test_a_name_with_an_alias_reads_without_it(raw, name, aliases):
    assert parse_name_field(raw).full_name == name
    assert name_in_field(raw).full_name == name


@pytest.mark.parametrize(("raw", "name", "aliases"), ALIASED)
def test_a_name_with_an_alias_is_not_refused(raw, name, aliases):
    assert name_refusal(raw) is None
    assert name_problem(raw) is None


@pytest.mark.parametrize("raw", NOT_ALIASES)
def test_a_bracket_that_is_no_name_stays(raw):
    assert split_alias(raw) == (raw, ())
    assert name_problem(raw) is not None


@pytest.mark.parametrize(
    ("raw", "why"),
    [("Иванов (рядовой)", "a title or role («рядовой»)"), ("Иванов Иван (1937)", "digits")],
)
def test_a_bracket_that_is_no_name_is_refused_with_its_reason(raw, why):
    assert name_refusal(raw).startswith(why)


def test_a_bracket_that_is_no_name_never_becomes_the_name():
    assert parse_name_field("Иванов (рядовой)") is None


@pytest.mark.parametrize("raw", ["Иванов-Петров Иван Ильич", "Иванов-Петров (Петров) Иван Ильич"])
def test_a_double_surname_still_reads(raw):
    assert parse_name_field(raw).full_name == "Иванов-Петров Иван Ильич"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Расстрелян Юзефович (Шпинак) Иосиф Сигизмундович.", ["Юзефович Иосиф Сигизмундович"]),
        (
            "Погибли Иванов (Иваненко) Пётр Ильич и Петров Иван (Ян) Карлович.",
            ["Иванов Пётр Ильич", "Петров Иван Карлович"],
        ),
    ],
)
def test_running_text_reads_across_an_alias(text, names):
    assert [m.parts.full_name for m in find_mentions(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        "Иванов (рядовой) Пётр Ильич",  # no name inside
        "Иванов Пётр (1937) Ильич",
        "Петров (Иваненко)",  # at the end: nothing after it to read across to
        "Петров (Иваненко) погиб",
    ],
)
def test_running_text_reads_across_no_other_bracket(text):
    assert alias_spans(text) == []
