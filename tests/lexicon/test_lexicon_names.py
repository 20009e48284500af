import csv
from importlib import resources

import pytest

from lexicon import names
from lexicon.names import (
    GROUPS,
    father_name,
    full_forms,
    given_name,
    given_names,
    is_given_name,
    is_patronymic,
    masculine_surname,
    name_gender,
    patronymic_of,
    surname_gender_form,
)
from lexicon.text import fold

GIVEN_COLUMNS = [
    "name",
    "gender",
    "group",
    "weight",
    "diminutives",
    "latin",
    "ukrainian",
    "patronymic_m",
    "patronymic_f",
]


def _surnames() -> list[dict[str, str]]:
    with resources.files("lexicon").joinpath("data/surnames.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# --- the given-name table -------------------------------------------------------------------


def test_given_names_header():
    with names.DATA.open(encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == GIVEN_COLUMNS


def test_given_names_cover_men_and_women():
    rows = given_names()
    assert sum(r.gender == "m" for r in rows) >= 280
    assert sum(r.gender == "f" for r in rows) >= 55


def test_every_group_has_men():
    assert {r.group for r in given_names() if r.gender == "m"} == set(GROUPS)


def test_no_duplicate_names():
    folded = [fold(r.name) for r in given_names()]
    assert len(folded) == len(set(folded))


def test_genders_and_groups_valid():
    assert all(r.gender in ("m", "f") and r.group in GROUPS for r in given_names())


def test_weights_positive():
    assert all(r.weight > 0 for r in given_names())


def test_men_have_both_patronymics():
    missing = [
        r.name for r in given_names() if r.gender == "m" and not (r.patronymic_m and r.patronymic_f)
    ]
    assert missing == []


def test_women_have_no_patronymics():
    assert all(not r.patronymic_m and not r.patronymic_f for r in given_names() if r.gender == "f")


def test_every_diminutive_maps_back():
    lost = [
        (r.name, d) for r in given_names() for d in r.diminutives if r.name not in full_forms(d)
    ]
    assert lost == []


def test_ukrainian_form_differs_from_name():
    assert all(fold(r.ukrainian) != fold(r.name) for r in given_names() if r.ukrainian)


def test_latin_forms_are_latin():
    bad = [f for r in given_names() for f in r.latin if not all(c.isascii() for c in f)]
    assert bad == []


def test_alexander_is_the_commonest_man():
    men = [r for r in given_names() if r.gender == "m"]
    assert max(men, key=lambda r: r.weight).name == "Александр"


# --- the surname table ----------------------------------------------------------------------


def test_surnames_header_and_size():
    rows = _surnames()
    assert list(rows[0]) == ["surname", "group", "weight"]
    assert len(rows) >= 1100


def test_surname_groups_valid():
    assert {r["group"] for r in _surnames()} <= set(GROUPS)


def test_surname_weights_positive():
    assert all(float(r["weight"]) > 0 for r in _surnames())


def test_no_duplicate_surnames():
    folded = [fold(r["surname"]) for r in _surnames()]
    assert len(folded) == len(set(folded))


def test_ivanov_tops_the_surnames():
    rows = _surnames()
    assert max(rows, key=lambda r: float(r["weight"]))["surname"] == "Иванов"


def test_surnames_are_masculine():
    assert [
        r["surname"] for r in _surnames() if masculine_surname(r["surname"]) != r["surname"]
    ] == []


def test_surname_gender_round_trip():
    bad = [
        r["surname"]
        for r in _surnames()
        if surname_gender_form(surname_gender_form(r["surname"], "f"), "m") != r["surname"]
    ]
    assert bad == []


# --- lookups --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "name"),
    [
        ("Александр", "Александр"),
        ("александр", "Александр"),
        ("АЛЕКСАНДР", "Александр"),
        ("Семен", "Семён"),
        ("Петр", "Пётр"),
        ("Артем", "Артём"),
        ("Ивaн", "Иван"),
        ("Алдын-оол", "Алдын-оол"),
        ("Охунжон", "Охунжон"),
        ("Туяна", "Туяна"),
    ],
)
def test_given_name_lookup(token, name):
    assert given_name(token).name == name


@pytest.mark.parametrize("token", ["Саша", "Петров", "Сергеевич", "Олександр", ""])
def test_given_name_is_only_for_full_names(token):
    assert given_name(token) is None


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("Саша", ("Александр", "Александра")),
        ("Шура", ("Александр", "Александра")),
        ("Женя", ("Евгений", "Евгения")),
        ("Валя", ("Валентин", "Валентина")),
        ("Лёша", ("Алексей",)),
        ("Леша", ("Алексей",)),
        ("Алёша", ("Алексей",)),
        ("Лёха", ("Алексей",)),
        ("Серёжа", ("Сергей",)),
        ("Серега", ("Сергей",)),
        ("Дима", ("Дмитрий",)),
        ("Митя", ("Дмитрий",)),
        ("Димон", ("Дмитрий",)),
        ("Женька", ("Евгений",)),
        ("Ваня", ("Иван",)),
        ("Миша", ("Михаил",)),
        ("Коля", ("Николай",)),
        ("Вова", ("Владимир",)),
        ("Володя", ("Владимир",)),
        ("Толя", ("Анатолий",)),
        ("Гриша", ("Григорий",)),
        ("Петя", ("Пётр",)),
        ("Юра", ("Юрий",)),
        ("Паша", ("Павел",)),
        ("Стас", ("Станислав",)),
        ("Витя", ("Виктор", "Виталий")),
        ("Тима", ("Тимур", "Тимофей")),
        ("Сеня", ("Арсений", "Семён")),
        ("Даня", ("Даниил", "Данила", "Данил")),
        ("Мага", ("Магомед",)),
        ("Оля", ("Ольга",)),
        ("Наташа", ("Наталья",)),
        ("Олександр", ("Александр",)),
        ("Сергій", ("Сергей",)),
        ("Микола", ("Николай",)),
        ("Alexander", ("Александр",)),
        ("Sergei", ("Сергей",)),
        ("Клим", ("Клим", "Климент")),
        ("Александр", ("Александр",)),
        ("САША", ("Александр", "Александра")),
        ("Шпак", ()),
        ("", ()),
    ],
)
def test_full_forms(token, expected):
    assert full_forms(token) == expected


def test_slava_stands_for_every_slav_name():
    assert {"Вячеслав", "Владислав", "Станислав", "Ярослав"} <= set(full_forms("Слава"))


def test_slava_candidates_commonest_first():
    assert full_forms("Слава")[0] == "Владислав"


@pytest.mark.parametrize("token", ["Александр", "саша", "Лёша", "Олександр", "Aleksandr", "Айдыс"])
def test_is_given_name(token):
    assert is_given_name(token)


@pytest.mark.parametrize("token", ["Петров", "Сергеевич", "Монгуш", "война", ""])
def test_is_not_given_name(token):
    assert not is_given_name(token)


@pytest.mark.parametrize(
    ("token", "gender"),
    [
        ("Саша", None),
        ("Женя", None),
        ("Валя", None),
        ("Лёша", "m"),
        ("Александр", "m"),
        ("Оля", "f"),
        ("Айгуль", "f"),
        ("Алдар", "m"),
        ("Сэсэг", "f"),
        ("Сергеевна", "f"),
        ("Ильич", "m"),
        ("Гейдар-оглы", "m"),
        ("Петров", None),
        ("Zzz", None),
    ],
)
def test_name_gender(token, gender):
    assert name_gender(token) == gender


# --- patronymics ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "gender", "patronymic"),
    [
        ("Сергей", "m", "Сергеевич"),
        ("Сергей", "f", "Сергеевна"),
        ("Илья", "m", "Ильич"),
        ("Илья", "f", "Ильинична"),
        ("Никита", "m", "Никитич"),
        ("Никита", "f", "Никитична"),
        ("Лев", "m", "Львович"),
        ("Пётр", "m", "Петрович"),
        ("Петр", "f", "Петровна"),
        ("Павел", "m", "Павлович"),
        ("Михаил", "m", "Михайлович"),
        ("Фома", "f", "Фоминична"),
        ("Яков", "m", "Яковлевич"),
        ("Юрий", "m", "Юрьевич"),
        ("Дмитрий", "f", "Дмитриевна"),
        ("Ринат", "m", "Ринатович"),
        ("Алдар", "m", "Алдарович"),
        ("Магомед", "m", "Магомедович"),
        ("Алдын-оол", "m", "Алдын-оолович"),
        ("Бато", "m", "Батоевич"),
        ("Шамиль", "m", "Шамилевич"),
        ("Абдулла", "m", "Абдуллаевич"),
    ],
)
def test_patronymic_of_table(name, gender, patronymic):
    assert patronymic_of(name, gender) == patronymic


@pytest.mark.parametrize(
    ("name", "gender", "patronymic"),
    [
        ("Евсей", "m", "Евсеевич"),
        ("Агафон", "m", "Агафонович"),
        ("Кондратий", "m", "Кондратьевич"),
        ("Игнатий", "f", "Игнатьевна"),
        ("Корней", "m", "Корнеевич"),
        ("Пимен", "f", "Пименовна"),
        ("Мамед", "m", "Мамедович"),
        ("Ипполит", "m", "Ипполитович"),
        ("Аркадий", "m", "Аркадьевич"),
    ],
)
def test_patronymic_of_rules(name, gender, patronymic):
    assert patronymic_of(name, gender) == patronymic


@pytest.mark.parametrize("name", ["Саша", "Ольга", "Aleksandr", ""])
def test_no_patronymic_from_short_female_or_latin(name):
    assert patronymic_of(name) is None


def test_patronymic_of_rejects_bad_gender():
    with pytest.raises(ValueError):
        patronymic_of("Сергей", "x")


@pytest.mark.parametrize(
    ("patronymic", "father"),
    [
        ("Сергеевич", "Сергей"),
        ("Сергеевна", "Сергей"),
        ("СЕРГЕЕВИЧ", "Сергей"),
        ("Ильич", "Илья"),
        ("Ильинична", "Илья"),
        ("Петрович", "Пётр"),
        ("Петровна", "Пётр"),
        ("Ринатович", "Ринат"),
        ("Львович", "Лев"),
        ("Михайловна", "Михаил"),
        ("Никитична", "Никита"),
        ("Юрьевич", "Юрий"),
        ("Семенович", "Семён"),
        ("Алдын-оолович", "Алдын-оол"),
        ("Батоевич", "Бато"),
        ("Фоминична", "Фома"),
        ("Корнеевич", "Корней"),
        ("Игнатьевич", "Игнатий"),
        ("Пименович", "Пимен"),
        ("Ипполитовна", "Ипполит"),
        ("Мамед-оглы", "Мамед"),
        ("Гейдар оглы", "Гейдар"),
    ],
)
def test_father_name(patronymic, father):
    assert father_name(patronymic) == father


@pytest.mark.parametrize("token", ["Петров", "Шостакович", "Сергей", ""])
def test_father_name_of_non_patronymic(token):
    assert father_name(token) is None


def test_patronymic_round_trip_for_every_man():
    bad = [
        r.name for r in given_names() if r.gender == "m" and father_name(r.patronymic_m) != r.name
    ]
    assert bad == ["Данил"]  # Данилович is Данила's first: both names give it


@pytest.mark.parametrize(
    "token",
    [
        "Сергеевич",
        "Ильич",
        "Ильинична",
        "Ринатович",
        "Кузьминична",
        "Ипполитович",
        "оглы",
        "кызы",
        "Мамедоглы",
        "Алдын-оолович",
    ],
)
def test_is_patronymic(token):
    assert is_patronymic(token)


@pytest.mark.parametrize("token", ["Петров", "Шостакович", "Мицкевич", "Бабич", "Сергей", "Ич"])
def test_is_not_patronymic(token):
    assert not is_patronymic(token)


# --- surnames -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surname", "gender", "form"),
    [
        ("Петров", "f", "Петрова"),
        ("Иванова", "m", "Иванов"),
        ("Иванова", "f", "Иванова"),
        ("Ивановa", "m", "Иванов"),
        ("Шевченко", "f", "Шевченко"),
        ("Монгуш", "f", "Монгуш"),
        ("Толстой", "f", "Толстая"),
        ("Белый", "f", "Белая"),
        ("Ковальский", "f", "Ковальская"),
        ("Горький", "f", "Горькая"),
        ("Черных", "f", "Черных"),
        ("Ильин", "f", "Ильина"),
        ("Соловьёв", "f", "Соловьёва"),
        ("Доржиев", "f", "Доржиева"),
        ("Хабибуллин", "f", "Хабибуллина"),
        ("Цой", "f", "Цой"),
        ("Ким", "f", "Ким"),
        ("Кравец", "f", "Кравец"),
        ("Ковальчук", "f", "Ковальчук"),
        ("Петросян", "f", "Петросян"),
        ("Петров-Водкин", "f", "Петрова-Водкина"),
        ("ПЕТРОВ", "f", "ПЕТРОВА"),
        ("Чамзырын", "f", "Чамзырын"),
        ("Ооржак", "f", "Ооржак"),
        ("Сат", "f", "Сат"),
        ("Петров", "m", "Петров"),
    ],
)
def test_surname_gender_form(surname, gender, form):
    assert surname_gender_form(surname, gender) == form


def test_surname_gender_form_rejects_bad_gender():
    with pytest.raises(ValueError):
        surname_gender_form("Петров", "n")


@pytest.mark.parametrize(
    ("surname", "masculine"),
    [
        ("Петрова", "Петров"),
        ("Толстая", "Толстой"),
        ("Ковальская", "Ковальский"),
        ("Белая", "Белый"),
        ("Горькая", "Горький"),
        ("Соловьёва", "Соловьёв"),
        ("Трубецкая", "Трубецкой"),
        ("Ильина", "Ильин"),
        ("ПЕТРОВА", "ПЕТРОВ"),
        ("Сидорова-Петрова", "Сидоров-Петров"),
        ("Черных", "Черных"),
        ("Шевченко", "Шевченко"),
        ("Монгуш", "Монгуш"),
        ("Шина", "Шина"),
        ("Петров", "Петров"),
    ],
)
def test_masculine_surname(surname, masculine):
    assert masculine_surname(surname) == masculine
