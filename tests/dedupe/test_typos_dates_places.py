"""The levels of issue 15: a slip of the pen in a name is close, a wholly different surname is
never outweighed, a death date with day and month swapped is its own level, a region a unit's
garrison explains costs less, and a name the strict reader refuses is read loosely."""

from __future__ import annotations

import numpy as np

from dedupe import dedupe_records
from dedupe.comparisons import Birth, Death, Given, Place, Region, Surname
from dedupe.config import load_config
from dedupe.loose_names import loose_key
from dedupe.names import name_key
from dedupe.prepare import prepare, read_name
from dedupe.score import levels, score


def _levels(a: dict, b: dict) -> dict[str, int]:
    """The level of every field for two records (the first names the columns)."""
    f = prepare([{"record_id": "a", **a}, {"record_id": "b", **b}])
    return {k: int(v[0]) for k, v in levels(f, np.array([[0, 1]])).by_field.items()}


def test_one_slip_in_a_short_name_is_close():
    lv = _levels({"full_name": "Сидоров Иван"}, {"full_name": "Сидорв Иавн"})
    assert lv["surname"] == Surname.CLOSE
    assert lv["given"] in (Given.EXACT, Given.CLOSE)  # the loose reader may take it for Иван


def test_another_first_letter_is_another_name():
    lv = _levels({"full_name": "Сидоров Игорь"}, {"full_name": "Сидоров Егор"})
    assert lv["given"] == Given.DIFFERENT


def test_two_slips_in_a_long_surname_are_fair():
    lv = _levels({"full_name": "Хайруллин Данис"}, {"full_name": "Хайрлулни Данис"})
    assert lv["surname"] in (Surname.CLOSE, Surname.FAIR)


def test_two_slips_in_two_parts_with_dates_and_place_are_one_man():
    a = dict(full_name="Денисов Валерий Петрович", birth_date="1990-03-12",
             death_date="2024-02-20", region="Башкирия")  # fmt: skip
    b = dict(full_name="Дениисов Ваелрий Петрович", birth_date="1990-03-12",
             death_date="2024-02-20", region="Башкортостан")  # fmt: skip
    result = dedupe_records([{"record_id": "a", **a}, {"record_id": "b", **b}])
    assert result.people == 1


def test_a_different_surname_is_never_outweighed():
    # a list of the executed: the same given name, patronymic, year of birth and day of death
    rows = [
        dict(
            record_id=r,
            full_name=n,
            birth_date="1899",
            death_date="1938-02-14",
            region="Ленинградская область",
            category="расстрелян",
        )  # fmt: skip
        for r, n in (
            ("a", "Данберг Ян Янович"),
            ("b", "Рауман Ян Янович"),
            ("c", "Никитин Николай Иванович"),
            ("d", "Попов Николай Иванович"),
        )  # fmt: skip
    ]
    result = dedupe_records(rows)
    assert result.people == 4
    assert not result.review  # not even a question


def test_death_day_and_month_swapped():
    lv = _levels(
        {"full_name": "Петров Иван", "death_date": "2024-04-07"},
        {"full_name": "Петров Иван", "death_date": "2024-07-04"},
    )
    assert lv["death"] == Death.SWAPPED
    lv = _levels(
        {"full_name": "Петров Иван", "death_date": "2024-04-07"},
        {"full_name": "Петров Иван", "death_date": "2024-04-19"},
    )
    assert lv["death"] == Death.WINDOW  # a report or funeral date, as before


def test_a_birth_year_a_slip_apart_is_near_only_when_the_rest_agrees():
    def birth(one: str, other: str) -> int:
        return _levels(
            {"full_name": "Прокофьев Юлиан", "birth_date": one},
            {"full_name": "Прокофьев Юлиан", "birth_date": other},
        )["birth"]

    assert birth("1990-03-09", "1991-03-09") == Birth.NEAR_YEAR  # a slip in the year
    assert birth("1990", "1991-06-08") == Birth.NEAR_YEAR  # nothing more to compare
    assert birth("1990-03-09", "1991-06-08") == Birth.CONFLICT  # year and day: two men
    assert birth("1990-03", "1991-06") == Birth.CONFLICT


def test_a_garrison_region_is_a_lesser_conflict():
    home = {
        "full_name": "Петров Иван",
        "region": "Бурятия",
        "settlement": None,
        "unit": "200 омсбр",
    }
    lv = _levels(home, {"full_name": "Петров Иван", "region": "Мурманская область"})
    assert lv["region"] == Region.GARRISON
    lv = _levels(home, {"full_name": "Петров Иван", "region": "Псковская область"})
    assert lv["region"] == Region.DIFFERENT
    lv = _levels(home, {"full_name": "Петров Иван", "region": None, "settlement": "Улан-Удэ"})
    assert lv["region"] == Region.SAME  # a town stands for its region


def test_one_town_in_any_spelling_is_the_same_settlement():
    def town(one: str | None, other: str | None) -> int:
        return _levels(
            {"full_name": "Зотов Владимир", "settlement": one},
            {"full_name": "Зотов Владимир", "settlement": other},
        )["settlement"]

    assert town("Волгодонск", "Volgodonsk") == Place.EXACT
    assert town("г. Волгодонск", "Волгодонска") == Place.EXACT
    assert town("Волгодонск", "Шахты") == Place.DIFFERENT
    assert town("Волгодонск", None) == Place.UNKNOWN


def test_the_same_small_town_outweighs_a_wrong_region():
    """«ЗОТОВ В.С., Тамбовщина, Волгодонск» beside «Зотов Владимир Сергеевич, Ростовская
    область, Волгодонск»: one report's region is wrong, the town is the same in both."""
    a = {"full_name": "ЗОТОВ В.С.", "death_date": "2022", "region": "Тамбовщина"}
    b = {"full_name": "Зотов Владимир Сергеевич", "death_date": "2022-11-29"}
    b["region"] = "Ростовская область"
    f = prepare([{"record_id": "a", **a, "settlement": "Волгодонск"},
                 {"record_id": "b", **b, "settlement": "Волгодонск"},
                 {"record_id": "c", **a}, {"record_id": "d", **b}])  # fmt: skip
    (with_town, without), _ = score(f, np.array([[0, 1], [2, 3]]), load_config())
    assert with_town - without >= 2.5


def test_a_name_the_strict_reader_refuses_is_read_loosely():
    for written, parts in [
        ("ВЫСОЦКИЙ Роман Я.", ("visotski", "roman", "i")),
        ("Кирилл Фёдоров Степанович", ("fedorov", "kiril", "s")),
        ("Семёнов Киpилл Е.", ("semenov", "kiril", "e")),  # a Latin р
        ("Иванов Тиур", ("ivanov", "timur", "")),
        # a Latin о in a Cyrillic surname is no Latin name written given name first
        ("Гoрдеев Дмитрчй", ("gordev", "dmitri", "")),
    ]:
        key = loose_key(written)
        assert key is not None and key.usable, written
        assert (key.surname, key.given, key.patronymic_initial) == parts, written
    assert loose_key("Северный флот") is None or not loose_key("Северный флот").given


def test_a_given_name_too_mangled_to_read_still_says_its_initial():
    """«Попов Юар», «Лебеддев Лав Сергеевич»: no given name is one slip from «Юар» or «Лав»,
    but the word beside a surname-shaped one is the given name all the same; its initial
    joins the man's other reports (the day of death with the initials, the name's initial).
    Two words neither of which is shaped like a surname stay no name."""
    for written, parts in [
        ("Попов Юар", ("popov", "", "i", "")),
        ("Юар Дорошенко", ("doroshenko", "", "i", "")),
        ("Лебеддев Лав Сергеевич", ("lebedev", "", "l", "sergevich")),
    ]:
        key = loose_key(written)
        assert key is not None and key.usable, written
        assert (key.surname, key.given, key.given_initial, key.patronymic) == parts, written
    for junk in ("Северный флот", "Москва Река"):
        key = loose_key(junk)
        assert key is None or not key.usable, junk


def test_slips_in_latin_and_in_both_words_are_read_loosely():
    """A slip in a transliterated name is found in the sound's key («Vladmiir»); a Latin name
    not in capitals is given name first; of two words each a slip from a given name, the one
    shaped like a surname is the surname."""
    for written, parts in [
        ("Vladmiir Kudryashvo", ("kudriashvo", "vladimir")),
        ("Fait Iskhakov", ("ishakov", "farit")),
        ("LEVIN Yevgneiy", ("levin", "evgeni")),
        ("Nikoaly Petrvo", ("petrvo", "nikolai")),
        ("Юирй Баин", ("bain", "iuri")),
        ("Гасано Фамииль", ("gasano", "famil")),
        # a patronymic between two words follows the given name, though each is one slip
        # from a given name (Никитн from Никита)
        ("Алексндр Иосифович Никитн", ("nikitn", "aleksandr")),
        ("Никитн Алексндр Иосифович", ("nikitn", "aleksandr")),
    ]:
        key = loose_key(written)
        assert key is not None and key.usable, written
        assert (key.surname, key.given) == parts, written


def test_a_reading_with_a_given_name_no_table_knows_gives_way_to_the_loose_one():
    """The strict reader takes «Юирй Баин» for a man called Баин; the loose reading finds
    Юрий. A real name the tables know is read strictly as before."""
    assert read_name("Юирй Баин").given == "iuri"
    assert read_name("Пеетров Нколай Евгеньевич").given == "nikolai"
    assert read_name("Монгуш Айдыс Оолакович").given == name_key("Монгуш Айдыс Оолакович").given
    assert read_name("Витя Дорохов").given_options == name_key("Витя Дорохов").given_options


def test_a_year_of_death_beside_early_january_is_far_not_a_conflict():
    lv = _levels(
        {"full_name": "Петров Иван", "death_date": "2024"},
        {"full_name": "Петров Иван", "death_date": "2025-01-07"},
    )
    assert lv["death"] == Death.FAR
    lv = _levels(
        {"full_name": "Петров Иван", "death_date": "2024"},
        {"full_name": "Петров Иван", "death_date": "2025-05-07"},
    )
    assert lv["death"] == Death.CONFLICT


def test_one_consonant_skeleton_is_not_a_different_surname():
    # the phonetic key folds «Ппоов» to «pov»: the consonants still say Попов
    lv = _levels({"full_name": "Попов Виталий"}, {"full_name": "Ппоов Виталий"})
    assert lv["surname"] in (Surname.CLOSE, Surname.FAIR)


def test_a_unit_number_beside_a_brigade_says_nothing_two_brigades_differ():
    """One report gives «в/ч 11660», another «112-я гвардейская ракетная бригада», a third the
    army: none contradicts another. Two brigades, or two numbers, do."""
    import numpy as np

    from dedupe.comparisons import Same
    from dedupe.prepare import prepare
    from dedupe.score import levels
    from tests.dedupe.test_dedupe_basics import rec

    units = [
        "в/ч № 11660",
        "112-я гвардейская ракетная бригада",
        "20 ОА",
        "155-я бригада морской пехоты",
        "155-я обрмп",
        "войсковая часть 99999",
        "в/ч 55433",  # the gazetteer knows it: the 24th special forces brigade
        "24-я ОБрСпН",
    ]
    f = prepare([rec(str(k), "Петров Иван", unit=u) for k, u in enumerate(units)])
    pairs = np.array([[0, 1], [1, 2], [0, 2], [1, 3], [3, 4], [0, 5], [6, 7], [6, 3]])
    found = levels(f, pairs).by_field["unit"].tolist()
    assert found == [0, 0, 0, Same.DIFFERENT, Same.SAME, Same.DIFFERENT, Same.SAME, Same.DIFFERENT]


def test_a_mistyped_year_of_death_is_a_slip_not_two_men():
    import numpy as np

    from dedupe.comparisons import Death
    from dedupe.prepare import prepare
    from dedupe.score import levels
    from tests.dedupe.test_dedupe_basics import rec

    f = prepare(
        [
            rec("a", "Миронов Олег Денисович", death_date="13 марта 2025 года"),
            rec("b", "Миронов Олег Денисович", death_date="13.03.2026"),
            rec("c", "Миронов Олег Денисович", death_date="14.03.2026"),
        ]
    )
    found = levels(f, np.array([[0, 1], [0, 2]])).by_field["death"].tolist()
    assert found == [Death.YEAR_SLIP, Death.CONFLICT]


def test_an_age_a_year_off_is_near_not_a_contradiction():
    """Born 23.07.1983 and dead 02.06.2023 is 39; a report says 38 (counted by the years
    alone): near, and no namesake conflict. Three years off still disagrees."""
    import numpy as np

    from dedupe.comparisons import Birth
    from dedupe.prepare import prepare
    from dedupe.score import levels
    from tests.dedupe.test_dedupe_basics import rec

    f = prepare(
        [
            rec(
                "a",
                "Медведев Александр Денисович",
                birth_date="1983-07-23",
                death_date="2023-06-02",
            ),
            rec("b", "Медведев Александр", age="38"),
            rec("c", "Медведев Александр", age="36"),
        ]
    )
    found = levels(f, np.array([[0, 1], [0, 2]])).by_field["birth"].tolist()
    assert found == [Birth.AGE_NEAR, Birth.AGE_DISAGREES]
