"""Call signs (позывной): read from a name's cell, the text after the name or a column, and
weighed as a field of their own; Turkic patronymics keyed as their Russian form."""

from __future__ import annotations

import json

import numpy as np
import pytest

from dedupe import call_signs
from dedupe.api import dedupe_records
from dedupe.comparisons import COMPARISONS, Same
from dedupe.names import name_key, patronymic_key
from dedupe.prepare import prepare
from tests.conftest import namesake_crowd


@pytest.mark.parametrize(
    ("cell", "sign"),
    [
        ('Иванов Иван "Грач"', "Грач"),
        ("Кирилл Попов «Молот»", "Молот"),
        ("Борис Смирнов (Седой)", "Седой"),
        ("рядовой Максим Никитин (Призрак) -", "Призрак"),
        ("Владик Попов (позывной «Ветер»)", "Ветер"),
        ("Козлов Юрий Вадимович, позывной Волк", "Волк"),
        ("Петров Иван (позывной «грач»)", "Грач"),  # lower case in quotes
        ("Раиль Давлетшин (Урал)", "Урал"),  # a given name too, and a call sign as often
        ('Vladislav Popov "Veter"', "Ветер"),  # either script: one key
        ("Ivanov Ivan (call sign Medved')", "Медведь"),
        ("ЗАЙЦЕВ КИРИЛЛ АНАТОЛЬЕВИЧ (БАРС)", "Барс"),
    ],
)
def test_a_call_sign_in_the_names_cell(cell, sign):
    assert call_signs.in_cell(cell) == call_signs.key(sign) != ""


@pytest.mark.parametrize(
    "cell",
    [
        "Иванов Иван Иванович",
        "Иванов Иван (Ваня)",  # his own name as family called him
        "Петров Пётр «Петя»",
        'Иванов Иван (ЧВК "Вагнер")',  # a unit's name after its kind
        "Сидоров Олег из отряда «Шторм»",
        "Юзефович (Шпинак) Иосиф Сигизмундович",  # another surname, inside the name
        "Иванов Иван (1990–2024)",
        "Иванов Иван (Курск)",  # where he was from
        "Петров Пётр (Москва).",
        "Иванов Иван, позывной был у него другой",  # a word in lower case, no quotes
        'Иванов Иван "грач"',  # quotes around a lower-case word: not a name's aside
        "",
    ],
)
def test_what_is_no_call_sign(cell):
    assert call_signs.in_cell(cell) == ""


def test_one_key_for_a_call_signs_spellings():
    assert call_signs.key("Ветер") == call_signs.key("ВЕТЕР") == call_signs.key("Veter")
    assert call_signs.key("Чёрный") == call_signs.key("Черный")
    assert call_signs.key("Ветер") != call_signs.key("Север")


def test_a_call_sign_said_just_after_the_name_in_the_text():
    text = (
        "Погиб Иван Петров, с позывным «Грач». Он служил в 15-й бригаде.\n"
        + "Его товарищ по роте ... " * 12
        + "рядовой Сидоров, позывной Монах, ранен."
    )
    spans = json.dumps({"full_name": [6, 17]})
    assert call_signs.in_text(text, spans) == call_signs.key("Грач")
    # the other man's call sign, far after this one's name, is not his
    far = json.dumps({"full_name": [text.index("Его"), text.index("Его") + 3]})
    assert call_signs.in_text(text, far) == ""
    assert call_signs.in_text(text, None) == ""  # no place of the name: nothing
    assert call_signs.in_text(text, "{not json") == ""


def test_prepare_reads_the_column_the_cell_the_name_as_written_and_the_text():
    text = "Погиб Иван Петров, позывной Кедр."
    rows = [
        {"record_id": "a", "full_name": "Иванов Иван", "call_sign": "«Грач»"},
        {"record_id": "b", "full_name": 'Иванов Иван "Грач"'},
        {"record_id": "c", "full_name": "Иванов Иван", "name_raw": "Иванов Иван (позывной Грач)"},
        {
            "record_id": "d",
            "full_name": "Петров Иван",
            "context": text,
            "spans": json.dumps({"full_name": [6, 17]}),
        },
        {"record_id": "e", "full_name": "Иванов Иван"},
    ]
    f = prepare(rows)
    grach = f.call_sign[0]
    assert grach != 0 and f.call_sign[1] == grach and f.call_sign[2] == grach
    assert f.call_sign[3] not in (0, grach)
    assert f.call_sign[4] == 0


def test_the_call_sign_comparison():
    f = prepare(
        [
            {"record_id": "a", "full_name": 'Иванов Иван "Грач"'},
            {"record_id": "b", "full_name": "Иванов Иван (позывной «Грач»)"},
            {"record_id": "c", "full_name": "Иванов Иван (Кедр)"},
            {"record_id": "d", "full_name": "Иванов Иван"},
        ]
    )
    compare = COMPARISONS["call_sign"].compute
    a, b = np.array([0, 0, 0]), np.array([1, 2, 3])
    assert compare(f, a, b).tolist() == [Same.SAME, Same.DIFFERENT, Same.UNKNOWN]


def test_a_shared_call_sign_ties_a_bare_post_to_its_man_in_a_crowd_of_the_name():
    register = {
        "record_id": "reg",
        "full_name": "Смирнов Борис Владимирович (Святой)",
        "death_date": "2023-05-14",
        "region": "Курская область",
        "birth_date": "1988",
    }
    with_sign = {"record_id": "post", "full_name": "Борис Смирнов «Святой»"}
    other_sign = {"record_id": "other", "full_name": "Борис Смирнов «Седой»"}
    bare = {"record_id": "bare", "full_name": "Борис Смирнов"}
    crowd = namesake_crowd("Смирнов Борис", born=True)
    got = dedupe_records([*crowd, register, with_sign, other_sign, bare]).assignment
    assert got["post"] == got["reg"]
    assert got["other"] != got["reg"]  # two call signs: two men
    assert got["bare"] not in {got["reg"]} | {got[f"m{k}"] for k in range(20)}


@pytest.mark.parametrize(
    ("turkic", "russian"),
    [
        ("Парвиз уулу", "Парвизович"),
        ("Талант угли", "Талантович"),
        ("Рамиз оглы", "Рамизович"),
        ("Рамиз-оглы", "Рамизович"),
        ("Муса оглы", "Мусаевич"),
        ("Али оглы", "Алиевич"),
        ("Гусейн оглы", "Гусейнович"),
    ],
)
def test_a_turkic_patronymic_is_keyed_as_its_russian_form(turkic, russian):
    assert patronymic_key(turkic) == patronymic_key(russian)
    assert (
        name_key(f"Давлатов Умид {turkic}").patronymic
        == name_key(f"Давлатов Умид {russian}").patronymic
    )


def test_other_fathers_keep_other_keys():
    assert patronymic_key("Парвиз уулу") != patronymic_key("Парвинович")
    assert patronymic_key("Айдын кызы") != patronymic_key("Айдынович")  # a daughter's
