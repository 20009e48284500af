"""lexicon.units: unit variants, declined forms in sentences, в/ч numbers, English, data."""

from __future__ import annotations

import re

import pytest

from lexicon.units import (
    find_units,
    known_units,
    normalize_unit,
    unit_by_vch,
    unit_full_name,
    unit_types,
)

VARIANTS = {
    "36 омсбр": [
        "36-я отдельная гвардейская мотострелковая бригада",
        "36 омсбр",
        "36-й ОМСБр",
        "36-я ОМСБР",
        "36 мсбр",
        "36 гв. омсбр",
        "36-й отдельной гвардейской мотострелковой бригады",
        "36-я гвардейская мотострелковая бригада",
        "36-я мотострелковая бригада",
        "36‑я отдельная гвардейская мотострелковая Лозовская Краснознамённая бригада",
        "36th Separate Guards Motor Rifle Brigade",
        "36th Motorized Rifle Brigade",
    ],
    "155 обрмп": [
        "155-я отдельная бригада морской пехоты",
        "155-я отдельная гвардейская бригада морской пехоты",
        "155 обрмп",
        "155-й ОБрМП",
        "155-й бригады морской пехоты",
        "155th Marine Brigade",
        "155th Separate Guards Naval Infantry Brigade",
    ],
    "76 дшд": [
        "76-я гвардейская десантно-штурмовая дивизия",
        "76 дшд",
        "76-й дшд",
        "76-й гвардейской десантно-штурмовой Черниговской Краснознамённой дивизии",
        "76th Guards Air Assault Division",
    ],
    "247 дшп": [
        "247-й гвардейский десантно-штурмовой полк",
        "247 гв. дшп",
        "247-м гвардейским десантно-штурмовым полком",
        "247th Guards Air Assault Regiment",
    ],
    "45 обрспн": [
        "45-я отдельная гвардейская бригада специального назначения",
        "45-й бригады спецназа",
        "45 обрспн",
        "45th Spetsnaz Brigade",
    ],
    "2 мсд": [
        "2-я гвардейская мотострелковая Таманская дивизия",
        "2-й гв. мсд",
        "2nd Guards Taman Motor Rifle Division",
    ],
    "98 вдд": ["98-я воздушно-десантная дивизия", "98 вдд", "98th Guards Airborne Division"],
    "331 пдп": ["331-й гвардейский парашютно-десантный полк", "331st Guards Airborne Regiment"],
    "1 омсп": ["1-й отдельный мотострелковый полк", "1st Separate Motor Rifle Regiment"],
    "1 мсп": ["1-й гвардейский мотострелковый полк", "1 мсп"],
    "58 оа": ["58-я общевойсковая армия", "58-я оа", "58 ОА", "58th Combined Arms Army"],
    "1 та": ["1-я гвардейская танковая армия", "1 гв. та", "1 ТА", "1st Guards Tank Army"],
    "79 реабр": ["79-я реактивная артиллерийская бригада", "79th Rocket Artillery Brigade"],
    "53 зрбр": ["53-я зенитная ракетная бригада", "53rd Anti-Aircraft Missile Brigade"],
    "в/ч 06705": [
        "в/ч 06705",
        "в/ч № 06705",
        "в.ч. 06705",
        "войсковая часть 06705",
        "войсковой части 06705",
        "военная часть № 06705",
        "ВЧ 06705",
        "military unit 06705",
        "military unit No. 06705",
    ],
    "в/ч 3111": ["войсковая часть 3111"],
    "шторм-z": [
        "отряд «Шторм-Z»",
        "Шторм Z",
        "«Шторм-Z»",
        "штурмового отряда «Шторм Z»",
        "Storm-Z",
    ],
    "шторм-v": ["«Шторм-V»"],
    "чвк вагнер": [
        "ЧВК «Вагнер»",
        "ЧВК Вагнера",
        "частной военной компании «Вагнер»",
        "Wagner Group",
        "PMC Wagner",
        "группы Вагнера",
    ],
    "чвк редут": ["ЧВК «Редут»", "ЧВК Редут"],
    "батальон восток": ["батальон «Восток»", "батальона «Восток»"],
    "штурмовой отряд": ["штурмовой отряд", "штурмового отряда"],
    "барс-13": ["БАРС-13"],
    "барс": ["БАРС", "Боевой армейский резерв страны"],
}


@pytest.mark.parametrize(("text", "canonical"), [(t, c) for c, ts in VARIANTS.items() for t in ts])
def test_variant_normalises_to_canonical(text: str, canonical: str) -> None:
    assert normalize_unit(text) == canonical


@pytest.mark.parametrize(
    ("sentence", "span", "canonical"),
    [
        (
            "Служил в 36-й отдельной гвардейской мотострелковой бригаде, погиб под Угледаром.",
            "36-й отдельной гвардейской мотострелковой бригаде",
            "36 омсбр",
        ),
        (
            "Он воевал в составе 155-й бригады морской пехоты Тихоокеанского флота.",
            "155-й бригады морской пехоты",
            "155 обрмп",
        ),
        (
            "Командир взвода 247-го гвардейского десантно-штурмового полка погиб в бою.",
            "247-го гвардейского десантно-штурмового полка",
            "247 дшп",
        ),
        ("Сослуживцы из 76-й дшд простились с товарищем.", "76-й дшд", "76 дшд"),
        (
            "С 2019 года проходил службу в войсковой части 06705 (Борзя).",
            "войсковой части 06705",
            "в/ч 06705",
        ),
        ("Погиб боец отряда «Шторм-Z» Иван Петров.", "отряда «Шторм-Z»", "шторм-z"),
        ("Воевал в составе ЧВК «Вагнер» под Бахмутом.", "ЧВК «Вагнер»", "чвк вагнер"),
        (
            "Служил в 106-й гвардейской воздушно-десантной дивизии.",
            "106-й гвардейской воздушно-десантной дивизии",
            "106 вдд",
        ),
        (
            "Проходил службу в рядах 2-й гвардейской мотострелковой Таманской дивизии.",
            "2-й гвардейской мотострелковой Таманской дивизии",
            "2 мсд",
        ),
        (
            "Награждён посмертно; служил в 150-й мотострелковой Идрицко-Берлинской ордена Кутузова "
            "дивизии.",
            "150-й мотострелковой Идрицко-Берлинской ордена Кутузова дивизии",
            "150 мсд",
        ),
        (
            "Танкист 5-й отдельной гвардейской танковой Тацинской бригады погиб.",
            "5-й отдельной гвардейской танковой Тацинской бригады",
            "5 отбр",
        ),
        (
            "Морпех 810-й бригады морской пехоты из Севастополя.",
            "810-й бригады морской пехоты",
            "810 обрмп",
        ),
        (
            "He served in the 155th Separate Guards Naval Infantry Brigade of the Pacific Fleet.",
            "155th Separate Guards Naval Infantry Brigade",
            "155 обрмп",
        ),
        ("Relatives said he belonged to military unit 06705.", "military unit 06705", "в/ч 06705"),
        ("Воевал в составе батальона «Восток».", "батальона «Восток»", "батальон восток"),
    ],
)
def test_unit_found_in_sentence_with_span(sentence: str, span: str, canonical: str) -> None:
    found = find_units(sentence)
    assert [(sentence[m.start : m.end], m.text, m.canonical) for m in found] == [
        (span, span, canonical)
    ]


def test_several_units_in_one_text_in_order() -> None:
    text = "Сначала служил в 37 омсбр (в/ч 69647), затем в 5-й отдельной танковой бригаде."
    assert [m.canonical for m in find_units(text)] == ["37 омсбр", "в/ч 69647", "5 отбр"]


def test_numbered_match_fields() -> None:
    m = find_units("служил в 36-й ОМСБр")[0]
    assert (m.number, m.abbr, m.canonical, m.vch) == ("36", "омсбр", "36 омсбр", "06705")


def test_vch_match_fields() -> None:
    m = find_units("в/ч 06705")[0]
    assert (m.number, m.abbr, m.vch) == (None, None, "06705")


def test_unknown_numbered_unit_has_no_vch() -> None:
    assert find_units("999 омсбр")[0].vch is None


@pytest.mark.parametrize(
    "text",
    [
        "36-я бригада",
        "в 2014 году, в 36 лет",
        "24.02.2022 началась операция",
        "12 апреля получил 2 АК-74",
        "рота, взвод, отделение",
        "дом 36, квартира 12",
        "остались 2 ребёнка и 3 та самая",
        "в 5 ап",
        "",
    ],
)
def test_no_unit(text: str) -> None:
    assert find_units(text) == []


@pytest.mark.parametrize(
    ("vch", "canonical"),
    [
        ("06705", "36 омсбр"),
        ("в/ч 69647", "37 омсбр"),
        ("30926", "155 обрмп"),
        ("07264", "76 дшд"),
        ("99999", None),
    ],
)
def test_unit_by_vch(vch: str, canonical: str | None) -> None:
    assert unit_by_vch(vch) == canonical


@pytest.mark.parametrize(
    ("canonical", "full"),
    [
        ("36 омсбр", "36-я отдельная гвардейская мотострелковая бригада"),
        ("в/ч 06705", "36-я отдельная гвардейская мотострелковая бригада"),
        ("в/ч 99999", "войсковая часть 99999"),
        ("999 мсп", "999-й мотострелковый полк"),
        ("999 омсбр", "999-я отдельная мотострелковая бригада"),
        ("999 мсбр", "999-я отдельная мотострелковая бригада"),
        ("2 мсд", "2-я гвардейская мотострелковая Таманская дивизия"),
        ("чвк вагнер", "ЧВК «Вагнер»"),
        ("батальон восток", "батальон восток"),
    ],
)
def test_unit_full_name(canonical: str, full: str) -> None:
    assert unit_full_name(canonical) == full


# --- data --------------------------------------------------------------------------------


def test_unit_types_count() -> None:
    assert len(unit_types()) >= 20


def test_unit_type_kinds() -> None:
    kinds = {"brigade", "regiment", "division", "battalion", "corps", "army"}
    assert {t.kind for t in unit_types().values()} <= kinds


def test_unit_type_full_names_agree() -> None:
    bad = [
        t.abbr
        for t in unit_types().values()
        if t.full_nom.split()[-1][:4] != t.full_gen.split()[-1][:4]
    ]
    assert bad == []


def test_known_units_count() -> None:
    assert 120 <= len(known_units()) <= 200


def test_known_units_unique_keys() -> None:
    from lexicon.units import _read

    rows = _read("known_units.csv")
    assert len({(r["number"], r["abbr"]) for r in rows}) == len(rows)


def test_known_units_vch_unique_and_well_formed() -> None:
    vchs = [u.vch for u in known_units().values() if u.vch]
    assert len(set(vchs)) == len(vchs) and all(re.fullmatch(r"\d{4,5}", v) for v in vchs)


def test_known_units_abbrs_exist_in_unit_types() -> None:
    assert {u.abbr for u in known_units().values()} <= set(unit_types())


def test_known_units_region_codes_well_formed() -> None:
    codes = {u.garrison_region_code for u in known_units().values()}
    assert all(re.fullmatch(r"[A-Z]{2,3}|UA-\d\d", c) for c in codes if c)


def test_known_units_honorific_is_in_full_name() -> None:
    bad = [
        c for c, u in known_units().items() if any(w not in u.full_nom for w in u.honorific.split())
    ]
    assert bad == []


def test_known_units_full_names_round_trip() -> None:
    bad = [(c, u.full_nom) for c, u in known_units().items() if normalize_unit(u.full_nom) != c]
    assert bad == []


def test_known_units_english_names_round_trip() -> None:
    bad = [(c, u.en) for c, u in known_units().items() if normalize_unit(u.en) != c]
    assert bad == []


def test_unit_full_name_of_every_known_unit() -> None:
    bad = [c for c, u in known_units().items() if unit_full_name(c) != u.full_nom]
    assert bad == []
