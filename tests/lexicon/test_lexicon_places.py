"""The place gazetteer: its data, the region/settlement lookups and the running-text scanner."""

from __future__ import annotations

import csv
import time
from collections import Counter
from pathlib import Path

import pytest

from lexicon import places
from lexicon._forms import key, phrase_forms
from lexicon.places import (
    all_regions,
    find_places,
    find_region,
    find_settlements,
    region_by_code,
    resolve_place,
)

DATA = Path(places.__file__).with_name("data")


def _words(text: str) -> list[str]:
    return text.split()


CODES = _words(
    "ALT AMU ARK AST BEL BRY VLA VGG VLG VOR YEV ZAB IVA IRK KB KGD KLU KAM KEM KIR KOS KDA "
    "KYA KGN KRS LEN LIP MAG MOW MOS MUR NEN NIZ NGR NVS OMS ORE ORL PNZ PER PRI PSK AD AL "
    "BA BU DA IN KL KC KR KO UA-43 ME MO SA SE TA TY KK ROS RYA SAM SPE SAR SAK SVE UA-40 "
    "SMO STA TAM TVE TOM TUL TYU UD ULY KHA KHM CHE CE CU CHU YAN YAR UA-14 UA-09 UA-23 "
    "UA-65"
)
REGIONS = all_regions()


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _spans(text: str) -> list[tuple[str, str, str | None]]:
    return [(text[m.start : m.end], m.kind, m.region_code) for m in find_places(text)]


# --- data -------------------------------------------------------------------------------------


def test_every_federal_subject_is_listed_once_under_its_census_code():
    assert sorted(r.code for r in REGIONS) == sorted(CODES)


def test_no_alias_or_case_form_names_two_regions():
    assert places._index().conflicts == {}


def test_every_settlement_lies_in_a_known_region():
    codes = set(CODES)
    assert [r["name"] for r in _rows("settlements.csv") if r["region_code"] not in codes] == []


def test_every_district_lies_in_a_known_region():
    codes = set(CODES)
    assert [r["name"] for r in _rows("districts.csv") if r["region_code"] not in codes] == []


def test_no_settlement_is_listed_twice_in_one_region():
    rows = Counter((r["name"], r["region_code"]) for r in _rows("settlements.csv"))
    assert [k for k, n in rows.items() if n > 1] == []


def test_settlement_kinds_are_the_known_ones():
    kinds = {r["kind"] for r in _rows("settlements.csv")}
    assert kinds <= {"город", "пгт", "село", "посёлок", "станица", "аул", "деревня"}


def test_every_capital_is_a_settlement_of_its_region():
    towns = {(r["name"], r["region_code"]) for r in _rows("settlements.csv")}
    assert [r.code for r in REGIONS if r.capital and (r.capital, r.code) not in towns] == []


def test_every_settlement_is_found_by_its_genitive_and_locative():
    missing = [
        (r["name"], form)
        for r in _rows("settlements.csv")
        for form in (r["name"], r["gen"], r["loc"], r["name_en"])
        if (r["name"], r["region_code"])
        not in {(s.name, s.region_code) for s in find_settlements(form)}
    ]
    assert missing == []


def test_every_district_is_found_in_running_text_by_its_locative():
    missing = [
        r["name"]
        for r in _rows("districts.csv")
        if not any(
            m.kind == "district" and r["region_code"] in m.candidates
            for m in find_places(f"в {r['loc']}")
        )
    ]
    assert missing == []


def test_district_case_forms_in_the_data_agree_with_the_declension_rules():
    wrong = [
        r["name"]
        for r in _rows("districts.csv")
        if phrase_forms(r["name"])[1] != key(r["gen"])
        or phrase_forms(r["name"])[5] != key(r["loc"])
    ]
    assert wrong == []


def test_region_names_match_the_census_file_they_join_to():
    census = Path(places.__file__).parents[1] / "warehouse" / "data" / "census2021_men_16_61.csv"
    if not census.exists():
        pytest.skip("census file not present")
    with census.open(encoding="utf-8", newline="") as f:
        want = {r["regNameISO"]: (r["region"], r["regNameEng"]) for r in csv.DictReader(f)}
    assert {r.code: (r.name_ru, r.name_en) for r in REGIONS if r.code in want} == want


def test_region_by_code_rejects_unknown_codes():
    with pytest.raises(KeyError):
        region_by_code("XX")


def test_region_by_code_gives_the_official_name_and_capital():
    assert region_by_code("BA") == places.Region(
        "BA", "Республика Башкортостан", "Bashkortostan", "Уфа"
    )


def test_leningrad_oblast_has_no_capital_inside_it():
    assert region_by_code("LEN").capital is None


# --- find_region --------------------------------------------------------------------------------


@pytest.mark.parametrize("region", REGIONS, ids=lambda r: r.code)
def test_region_found_by_official_name(region):
    assert find_region(region.name_ru) == region


@pytest.mark.parametrize("region", REGIONS, ids=lambda r: r.code)
def test_region_found_by_english_name(region):
    assert find_region(region.name_en) == region


@pytest.mark.parametrize("region", REGIONS, ids=lambda r: r.code)
def test_region_found_by_code(region):
    assert find_region(region.code) == region


@pytest.mark.parametrize("region", REGIONS, ids=lambda r: r.code)
def test_region_found_by_official_name_in_upper_case(region):
    assert find_region(region.name_ru.upper()) == region


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Кемеровской области", "KEM"),
        ("в Республике Башкортостан", "BA"),
        ("Республики Башкортостан", "BA"),
        ("Республики Саха (Якутия)", "SA"),
        ("Республике Саха (Якутия)", "SA"),
        ("Алтайского края", "ALT"),
        ("в Алтайском крае", "ALT"),
        ("Республики Алтай", "AL"),
        ("в Забайкальском крае", "ZAB"),
        ("Забайкальского края", "ZAB"),
        ("Республики Бурятия", "BU"),
        ("в Республике Тыва", "TY"),
        ("Республики Тыва", "TY"),
        ("Республики Дагестан", "DA"),
        ("в Республике Татарстан", "TA"),
        ("Оренбургской области", "ORE"),
        ("в Челябинской области", "CHE"),
        ("Свердловской области", "SVE"),
        ("в Иркутской области", "IRK"),
        ("Красноярского края", "KYA"),
        ("в Омской области", "OMS"),
        ("Новосибирской области", "NVS"),
        ("в Курганской области", "KGN"),
        ("Волгоградской области", "VGG"),
        ("в Ростовской области", "ROS"),
        ("Краснодарского края", "KDA"),
        ("в Ставропольском крае", "STA"),
        ("Пермского края", "PER"),
        ("в Удмуртской Республике", "UD"),
        ("Удмуртской Республики", "UD"),
        ("Чувашской Республики", "CU"),
        ("в Республике Калмыкия", "KL"),
        ("Республики Марий Эл", "ME"),
        ("в Республике Мордовия", "MO"),
        ("Кабардино-Балкарской Республики", "KB"),
        ("в Чеченской Республике", "CE"),
        ("Республики Северная Осетия-Алания", "SE"),
        ("Республики Северная Осетия — Алания", "SE"),
        ("Ханты-Мансийского автономного округа - Югры", "KHM"),
        ("в Ханты-Мансийском автономном округе — Югре", "KHM"),
        ("Ямало-Ненецкого автономного округа", "YAN"),
        ("Еврейской автономной области", "YEV"),
        ("Чукотского автономного округа", "CHU"),
        ("в Москве", "MOW"),
        ("Москвы", "MOW"),
        ("Московской области", "MOS"),
        ("в Санкт-Петербурге", "SPE"),
        ("Севастополя", "UA-40"),
        ("Донецкой Народной Республики", "UA-14"),
        ("в Луганской Народной Республике", "UA-09"),
        ("Запорожской области", "UA-23"),
        ("в Херсонской области", "UA-65"),
        ("в Республике Крым", "UA-43"),
        ("в Нижегородской области", "NIZ"),
    ],
)
def test_region_found_in_any_case(text, code):
    assert find_region(text) == region_by_code(code)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Башкирия", "BA"),
        ("из Башкирии", "BA"),
        ("Башкортостан", "BA"),
        ("в Кузбассе", "KEM"),
        ("Кузбасса", "KEM"),
        ("Забайкалья", "ZAB"),
        ("в Забайкалье", "ZAB"),
        ("Бурятии", "BU"),
        ("в Татарии", "TA"),
        ("Якутии", "SA"),
        ("Югры", "KHM"),
        ("на Ямале", "YAN"),
        ("Удмуртии", "UD"),
        ("в Чувашии", "CU"),
        ("Мордовии", "MO"),
        ("Тувы", "TY"),
        ("в Тыве", "TY"),
        ("Хакасии", "KK"),
        ("Адыгеи", "AD"),
        ("в Калмыкии", "KL"),
        ("Карелии", "KR"),
        ("Коми", "KO"),
        ("Дагестана", "DA"),
        ("в Ингушетии", "IN"),
        ("Чечни", "CE"),
        ("Северной Осетии", "SE"),
        ("Кабардино-Балкарии", "KB"),
        ("КБР", "KB"),
        ("КЧР", "KC"),
        ("Горного Алтая", "AL"),
        ("на Алтае", "ALT"),
        ("Приморья", "PRI"),
        ("на Ставрополье", "STA"),
        ("Кубани", "KDA"),
        ("Подмосковья", "MOS"),
        ("Ленобласти", "LEN"),
        ("Петербурга", "SPE"),
        ("в Питере", "SPE"),
        ("СПб", "SPE"),
        ("Прикамья", "PER"),
        ("Оренбуржья", "ORE"),
        ("Зауралья", "KGN"),
        ("на Камчатке", "KAM"),
        ("Колымы", "MAG"),
        ("Чукотки", "CHU"),
        ("на Сахалине", "SAK"),
        ("ЕАО", "YEV"),
        ("НАО", "NEN"),
        ("ХМАО", "KHM"),
        ("ЯНАО", "YAN"),
        ("ДНР", "UA-14"),
        ("в Донбассе", "UA-14"),
        ("ЛНР", "UA-09"),
        ("в Крыму", "UA-43"),
        ("Крыма", "UA-43"),
        ("Марий Эл", "ME"),
    ],
)
def test_region_found_by_colloquial_alias(text, code):
    assert find_region(text) == region_by_code(code)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Кемеровская обл.", "KEM"),
        ("Кемеровской обл", "KEM"),
        ("Свердловская обл.", "SVE"),
        ("Респ. Башкортостан", "BA"),
        ("респ. Татарстан", "TA"),
        ("Ханты-Мансийский АО", "KHM"),
        ("Ненецкий АО", "NEN"),
        ("Еврейская АО", "YEV"),
        ("Краснодарский кр.", "KDA"),
        ("Кемеровская область - Кузбасс", "KEM"),
    ],
)
def test_region_found_by_abbreviation(text, code):
    assert find_region(text) == region_by_code(code)


@pytest.mark.parametrize(("text", "code"), [("РБ", "BA"), ("РТ", "TA"), (" РБ ", "BA")])
def test_two_letter_abbreviations_only_as_a_whole_string(text, code):
    assert find_region(text) == region_by_code(code)


def test_two_letter_abbreviation_not_found_inside_text():
    assert find_places("Гражданин РБ прибыл") == []


@pytest.mark.parametrize("code", ["BA", "KEM", "UA-43", "MOW", "UA-14", "SPE"])
def test_region_found_by_iso_code(code):
    assert find_region(code).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bashkortostan", "BA"),
        ("Republic of Bashkortostan", "BA"),
        ("Bashkiria", "BA"),
        ("Kemerovo Oblast", "KEM"),
        ("Kemerovo region", "KEM"),
        ("the Kemerovo region", "KEM"),
        ("Kuzbass", "KEM"),
        ("Zabaykalsky Krai", "ZAB"),
        ("Trans-Baikal Krai", "ZAB"),
        ("Tuva", "TY"),
        ("Tyva", "TY"),
        ("Republic of Tuva", "TY"),
        ("St Petersburg", "SPE"),
        ("St. Petersburg", "SPE"),
        ("Saint Petersburg", "SPE"),
        ("Moscow region", "MOS"),
        ("Moscow", "MOW"),
        ("Yakutia", "SA"),
        ("Sakha Republic", "SA"),
        ("Buryat Republic", "BU"),
        ("Primorye", "PRI"),
        ("Primorsky Krai", "PRI"),
        ("Donetsk People's Republic", "UA-14"),
        ("DPR", "UA-14"),
        ("Lugansk", "UA-09"),
        ("LNR", "UA-09"),
        ("Zaporozhye", "UA-23"),
        ("Chechen Republic", "CE"),
        ("Chechnya", "CE"),
        ("North Ossetia-Alania", "SE"),
        ("Sverdlovsk Oblast", "SVE"),
        ("Sverdlovsk region", "SVE"),
        ("Perm Krai", "PER"),
        ("Republic of Dagestan", "DA"),
        ("Orenburg region", "ORE"),
        ("Altai Republic", "AL"),
        ("Altai Krai", "ALT"),
    ],
)
def test_region_found_by_english_name_or_pattern(text, code):
    assert find_region(text) == region_by_code(code)


@pytest.mark.parametrize(
    "text",
    ["Киев", "улица Ленина", "Уфа", "", "Республика Беларусь", "Южная Осетия", "Казахстан", "ba"],
)
def test_region_not_found_for_other_strings(text):
    assert find_region(text) is None


def test_altai_alone_is_the_krai_and_the_republic_needs_its_name():
    assert (find_region("Алтай").code, find_region("Республика Алтай").code) == ("ALT", "AL")


# --- find_settlements -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Стерлитамак", "Стерлитамак", "BA"),
        ("Стерлитамака", "Стерлитамак", "BA"),
        ("в Стерлитамаке", "Стерлитамак", "BA"),
        ("г. Стерлитамак", "Стерлитамак", "BA"),
        ("город Стерлитамак", "Стерлитамак", "BA"),
        ("Стерлитамаку", "Стерлитамак", "BA"),
        ("Стерлитамаком", "Стерлитамак", "BA"),
        ("СТЕРЛИТАМАК", "Стерлитамак", "BA"),
        ("Sterlitamak", "Стерлитамак", "BA"),
        ("Улан-Удэ", "Улан-Удэ", "BU"),
        ("в Улан-Удэ", "Улан-Удэ", "BU"),
        ("Ulan-Ude", "Улан-Удэ", "BU"),
        ("Кызыла", "Кызыл", "TY"),
        ("в Кызыле", "Кызыл", "TY"),
        ("Кызылом", "Кызыл", "TY"),
        ("Набережных Челнов", "Набережные Челны", "TA"),
        ("в Набережных Челнах", "Набережные Челны", "TA"),
        ("Набережным Челнам", "Набережные Челны", "TA"),
        ("Великих Лук", "Великие Луки", "PSK"),
        ("в Великих Луках", "Великие Луки", "PSK"),
        ("Старого Оскола", "Старый Оскол", "BEL"),
        ("в Старом Осколе", "Старый Оскол", "BEL"),
        ("Нижнего Новгорода", "Нижний Новгород", "NIZ"),
        ("Ростова-на-Дону", "Ростов-на-Дону", "ROS"),
        ("в Уфе", "Уфа", "BA"),
        ("Уфой", "Уфа", "BA"),
        ("в Казани", "Казань", "TA"),
        ("Казанью", "Казань", "TA"),
        ("Ярославлем", "Ярославль", "YAR"),
        ("в Орле", "Орёл", "ORL"),
        ("Орёл", "Орёл", "ORL"),
        ("Ельца", "Елец", "LIP"),
        ("с. Бураево", "Бураево", "BA"),
        ("село Бураево", "Бураево", "BA"),
        ("с. Бижбуляк", "Бижбуляк", "BA"),
        ("в селе Кижинга", "Кижинга", "BU"),
        ("Мухоршибири", "Мухоршибирь", "BU"),
        ("с. Тээли", "Тээли", "TY"),
        ("Чадана", "Чадан", "TY"),
        ("пгт Агинское", "Агинское", "ZAB"),
        ("Агинском", "Агинское", "ZAB"),
        ("пос. Чишмы", "Чишмы", "BA"),
        ("п. Чишмы", "Чишмы", "BA"),
        ("р.п. Чишмы", "Чишмы", "BA"),
        ("ст. Каневская", "Каневская", "KDA"),
        ("станицы Каневской", "Каневская", "KDA"),
        ("аул Кошехабль", "Кошехабль", "AD"),
        ("с. Улаган", "Улаган", "AL"),
        ("Грозного", "Грозный", "CE"),
        ("в Грозном", "Грозный", "CE"),
        ("Усолья-Сибирского", "Усолье-Сибирское", "IRK"),
        ("Петропавловске-Камчатском", "Петропавловск-Камчатский", "KAM"),
        ("Сухом Логу", "Сухой Лог", "SVE"),
        ("в Ступино", "Ступино", "MOS"),
        ("в Набережных Челнах", "Набережные Челны", "TA"),
        ("Челнов", "Набережные Челны", "TA"),
        ("Орел", "Орёл", "ORL"),
        ("Щелково", "Щёлково", "MOS"),
        ("в г. Горьком", "Нижний Новгород", "NIZ"),
    ],
)
def test_settlement_found_in_any_case_and_with_prefixes(text, name, code):
    assert (name, code) in {(s.name, s.region_code) for s in find_settlements(text)}


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("Благовещенск", {"AMU", "BA"}),
        ("Киров", {"KIR", "KLU"}),
        ("Кировск", {"LEN", "MUR", "UA-09"}),
        ("Советск", {"KGD", "KIR", "TUL"}),
        ("Железногорск", {"KYA", "KRS"}),
        ("Михайловка", {"VGG", "UA-23"}),
        ("Октябрьский", {"BA", "VGG", "PER"}),
        ("Заречный", {"SVE", "PNZ"}),
        ("Мирный", {"SA", "ARK"}),
        ("Донецк", {"UA-14", "ROS"}),
        ("Троицк", {"MOW", "CHE"}),
        ("Ростове", {"ROS", "YAR"}),
    ],
)
def test_ambiguous_settlement_returns_every_candidate(name, codes):
    assert {s.region_code for s in find_settlements(name)} == codes


@pytest.mark.parametrize("text", ["Киев", "улица Ленина", "", "Запорожье"])
def test_unknown_settlement_gives_nothing(text):
    assert find_settlements(text) == []


def test_settlement_candidates_come_largest_first():
    assert [s.region_code for s in find_settlements("Благовещенск")] == ["AMU", "BA"]


# --- find_places ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("житель Стерлитамака погиб", [("Стерлитамака", "settlement", "BA")]),
        (
            "уроженец села Бураево Бураевского района Республики Башкортостан",
            [
                ("Бураево", "settlement", "BA"),
                ("Бураевского района", "district", "BA"),
                ("Республики Башкортостан", "region", "BA"),
            ],
        ),
        ("Он родом из Кызыла.", [("Кызыла", "settlement", "TY")]),
        ("Прощание прошло в Улан-Удэ", [("Улан-Удэ", "settlement", "BU")]),
        ("житель Бижбулякского района", [("Бижбулякского района", "district", "BA")]),
        ("мобилизован из Кемеровской области", [("Кемеровской области", "region", "KEM")]),
        ("военный из Башкирии", [("Башкирии", "region", "BA")]),
        (
            "a resident of Ulan-Ude, Buryatia, was killed",
            [("Ulan-Ude", "settlement", "BU"), ("Buryatia", "region", "BU")],
        ),
        ("He came from Bashkortostan.", [("Bashkortostan", "region", "BA")]),
        (
            "from the village of Burayevo in Bashkortostan",
            [("Burayevo", "settlement", "BA"), ("Bashkortostan", "region", "BA")],
        ),
        ("born in the Kemerovo region", [("Kemerovo region", "region", "KEM")]),
        (
            "уроженец Ханты-Мансийского автономного округа — Югры",
            [("Ханты-Мансийского автономного округа — Югры", "region", "KHM")],
        ),
        (
            "Республика Саха (Якутия), Амгинский улус",
            [("Республика Саха (Якутия)", "region", "SA"), ("Амгинский улус", "district", "SA")],
        ),
        ("служил в Дзун-Хемчикском кожууне", [("Дзун-Хемчикском кожууне", "district", "TY")]),
        ("из Бижбулякского р-на", [("Бижбулякского р-на", "district", "BA")]),
        (
            "Кугарчинского муниципального округа",
            [("Кугарчинского муниципального округа", "district", "BA")],
        ),
        ("похоронен под Кызылом", [("Кызылом", "settlement", "TY")]),
        ("жил в Челнах", [("Челнах", "settlement", "TA")]),
        ("работал в ХМАО", [("ХМАО", "region", "KHM")]),
        ("Похоронен в Орле", [("Орле", "settlement", "ORL")]),
        ("житель Мирного (Якутия)", [("Мирного", "settlement", "SA"), ("Якутия", "region", "SA")]),
        ("Мирный, Якутия", [("Мирный", "settlement", "SA"), ("Якутия", "region", "SA")]),
        ("в Грозном прошли похороны", [("Грозном", "settlement", "CE")]),
        ("Мэрия Калуги сообщила", [("Калуги", "settlement", "KLU")]),
        ("Bashkortostan's volunteers", [("Bashkortostan", "region", "BA")]),
        ("уехал на заработки в Питер", [("Питер", "region", "SPE")]),
        ("родился в г. Горьком", [("Горьком", "settlement", "NIZ")]),
    ],
)
def test_places_found_in_running_text(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Мама сказала, что он вернётся",
        "в мирный период",
        "орёл в небе",
        "Орёл в небе",
        "в октябрьский день",
        "служил в Советском Союзе",
        "служил в Советской армии",
        "служил в Московском военном округе",
        "на Черноморском флоте",
        "Первомайского сельсовета",
        "Владимир Путин наградил",
        "Vladimir Putin said",
        "Иванова Мария Петровна",
        "на улице Кирова",
        "Тара была пустой",
        "Зима была холодной",
        "на коми языке",
        "Южной Осетии",
        "Луга и поля",
        "Питер Паркер",
        "сидел на камчатке",
        "Сергей Калуга и Михаил Иваново",
    ],
)
def test_common_words_and_names_are_not_places(text):
    assert find_places(text) == []


def test_ambiguous_settlement_keeps_every_candidate_without_a_region():
    (m,) = find_places("житель Благовещенска")
    assert (m.region_code, set(m.candidates), m.settlement) == (None, {"AMU", "BA"}, "Благовещенск")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("житель Благовещенска Республики Башкортостан", "BA"),
        ("В Благовещенске Амурской области", "AMU"),
        ("житель Михайловки Волгоградской области", "VGG"),
        ("в г. Мирный Архангельской области", "ARK"),
        ("Из Башкирии. Житель города Октябрьский погиб на СВО", "BA"),
        ("Кировск, Мурманская область", "MUR"),
    ],
)
def test_region_named_nearby_picks_the_candidate(text, code):
    (m,) = [m for m in find_places(text) if m.kind == "settlement"]
    assert m.region_code == code


def test_former_town_name_shared_with_a_living_town_stays_ambiguous():
    (m,) = find_places("родился в Свердловске")
    assert (m.region_code, set(m.candidates)) == (None, {"SVE", "UA-09"})


def test_region_named_far_away_picks_when_it_is_the_only_candidate_named():
    text = "Амурской области" + " слово" * 40 + " житель Благовещенска"
    (m,) = [m for m in find_places(text) if m.kind == "settlement"]
    assert m.region_code == "AMU"


def test_both_candidate_regions_named_far_away_leave_it_ambiguous():
    text = "Амурской области и Башкирии" + " слово" * 40 + " житель Благовещенска"
    (m,) = [m for m in find_places(text) if m.kind == "settlement"]
    assert m.region_code is None


def test_matches_do_not_overlap_and_come_in_text_order():
    ms = find_places("Житель Стерлитамака (Башкортостан), уроженец с. Бураево, Кемеровская обл.")
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:], strict=False))


def test_spans_point_into_the_original_text():
    text = "Житель  Набережных\u00a0Челнов  погиб"
    (m,) = find_places(text)
    assert (text[m.start : m.end], m.text, m.settlement) == (
        "Набережных\u00a0Челнов",
        "Набережных\u00a0Челнов",
        "Набережные Челны",
    )


def test_scanning_an_article_is_fast():
    article = (
        "В Башкирии простились с участником специальной военной операции. Житель села Бураево "
        "Бураевского района погиб. Он родился в Стерлитамаке, окончил школу в Уфе, работал в ХМАО "
        "и в Новом Уренгое. Мама сказала, что в мирный период он мечтал о семье. "
    ) * 6
    find_places(article)
    n_tokens = len(article.split())
    start = time.perf_counter()
    for _ in range(5):
        find_places(article)
    per_token = (time.perf_counter() - start) / 5 / n_tokens
    assert per_token < 2e-4


# --- resolve_place --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Место рождения: г. Стерлитамак, Республика Башкортостан", "BA"),
        ("Стерлитамак", "BA"),
        ("Башкирия", "BA"),
        ("Kyzyl, Tuva", "TY"),
        ("с. Бураево, Бураевский район", "BA"),
        ("Бураевский район", "BA"),
        ("Михайловка, Волгоградская обл.", "VGG"),
        ("Мирный", None),
        ("Михайловка", None),
        ("Благовещенск", None),
        ("Орёл", "ORL"),
        ("Дно", "PSK"),
        ("РБ", "BA"),
        ("UA-43", "UA-43"),
        ("Киев", None),
        ("", None),
        ("Донецк, ДНР", "UA-14"),
        ("г. Донецк Ростовской области", "ROS"),
        ("Улан-Удэ", "BU"),
        ("Kemerovo", "KEM"),
    ],
)
def test_resolve_place(text, code):
    assert resolve_place(text) == code


def test_explicit_region_wins_over_settlement_guess():
    assert resolve_place("Уфа, Республика Татарстан") == "TA"


def test_a_towns_instrumental_after_v_is_another_places_locative():
    assert [m.settlement for m in find_places("Похороны прошли в Новочеркасском")] == []
    assert [m.settlement for m in find_places("за Новочеркасском")] == ["Новочеркасск"]


def test_german_spellings_need_a_word_that_says_a_place_follows():
    assert [m.settlement for m in find_places("Soldaten aus Sabaikalsk")] == ["Забайкальск"]
    assert [m.settlement for m in find_places("Sabaikalsk ist weit")] == []


def test_a_name_that_needs_a_region_beside_it_needs_one_of_its_own():
    assert [m.kind for m in find_places("Глава Мордовии Артем Здунов")] == ["region"]


def test_a_city_district_under_any_head():
    (m,) = find_places("в Гайском городском округе")
    assert (m.kind, m.region_code) == ("district", "ORE")
