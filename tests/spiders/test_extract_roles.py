"""Who in a text is one of this war's dead: the roles that keep a man among the living
(offices, speakers, the wounded, the dead of older wars and of the other side), the lists and
families that share one fate, and the names that are no names. Texts written for the tests in
the phrasing of real regional news."""

from datetime import date

from spiders.extract.people import find_dead, find_people
from spiders.extract.reading import reading_copy
from spiders.fields import records_from_text

BASE = {"source": "t", "spider": "t", "url": "https://example.org/n/1", "fetched_at": "2026"}


def dead(body: str, published: date | None = None) -> list[str]:
    return [f.name.full_name for f in find_dead(reading_copy(body), 0, published)]


def test_an_official_with_an_office_before_his_name_is_alive():
    body = (
        "Глава Альшеевского района Дамир Мустафин сообщил о гибели уроженца Башкирии Марата "
        "Мирсаева. Губернатор Омской области Александр Бурков выразил соболезнования семье."
    )
    assert dead(body) == ["Мирсаев Марат"]


def test_a_speaker_named_after_his_words_is_alive():
    body = (
        "В Мурманской области простились с бойцом Сергеем Широких, погибшим в зоне СВО. "
        "«Светлая память герою», – написал Андрей Чибис в своем канале."
    )
    assert dead(body) == ["Широких Сергей"]


def test_a_name_after_whose_order_is_alive():
    body = (
        "В Коркине простились с 24-летним Максимом Шумаковым, погибшим в ходе спецоперации, "
        "начатой по приказу Владимира Путина."
    )
    assert dead(body) == ["Шумаков Максим"]


def test_an_office_after_a_cue_of_death_is_the_dead_mans():
    body = "Прощание с заместителем главы района Айдаром Загировым прошло 9 июля."
    assert dead(body) == ["Загиров Айдар"]


def test_a_plural_rank_shares_the_award_with_every_name_of_the_list():
    body = (
        "Орденами Мужества (посмертно) награждены матрос Денис Алексеев, рядовые Анас "
        "Исмагилов, Руслан Краснов и Сергей Носов, сержанты Константин Кузнецов и Степан Федоров."
    )
    assert dead(body) == [
        "Алексеев Денис",
        "Исмагилов Анас",
        "Краснов Руслан",
        "Носов Сергей",  # a governor's namesake, a private here
        "Кузнецов Константин",
        "Фёдоров Степан",
    ]


def test_brothers_share_a_plural_surname():
    assert dead("Братья Илья и Андрей Зорины погибли 6 сентября под Авдеевкой.") == [
        "Зорин Илья",
        "Зорин Андрей",
    ]


def test_names_under_a_header_of_the_dead():
    body = (
        "Погибли на спецоперации\n"
        "Вячеслав Савиных\n"
        "47-летний Вячеслав Савиных из Серова погиб 1 февраля 2023 года.\n"
        "Виктор Плотников\n"
        "Виктор Плотников отправился в зону боевых действий в рядах ЧВК «Вагнер»."
    )
    assert dead(body) == ["Савиных Вячеслав", "Плотников Виктор"]


def test_the_missing_and_the_denied_are_not_counted():
    body = (
        "Подтверждена гибель уроженца станицы Павлодольской Дмитрия Маркова. Ранее сообщалось, "
        "что танкист Таймураз Есенов пропал без вести."
    )
    assert dead(body) == ["Марков Дмитрий"]
    denied = "Власти опровергли информацию о гибели командира СОБРа Константина Огия."
    assert dead(denied) == []


def test_the_dead_of_older_wars_are_not_counted():
    body = (
        "В лицее №17 установили парту в честь Юрия Сидорова. Он погиб при выполнении "
        "спецзадания в Грозном. В школе №45 почтили память Павла Русакова, погибшего в зоне СВО."
    )
    assert dead(body) == ["Русаков Павел"]
    assert dead("В Сирии погиб командир батальона майор Санал Санчиров.") == []


def test_born_in_chechnya_is_not_an_older_war():
    body = "Простились с Лечи Джабраиловым, погибшим в зоне СВО. Боец родился в Грозном."
    assert dead(body) == ["Джабраилов Лечи"]


def test_the_other_sides_dead_and_texts_older_than_the_war_name_none():
    ukrainian = "Защищая Украину от российских оккупантов, на фронте погиб Афган Оруджов."
    assert dead(ukrainian) == []
    old = "Двоих погибших забайкальцев похоронят в районах края. Это 22-летний Вячеслав Кравченко."
    assert dead(old, date(2018, 5, 28)) == []


def test_a_village_a_rank_and_a_common_word_are_no_part_of_a_name():
    body = (
        "В ходе специальной военной операции погиб житель села Майма Фадеев Борис Даниилович. "
        "Рядовой Станислав Марцынкевич погиб в ходе СВО. Герой СВО погиб в феврале."
    )
    assert dead(body) == ["Фадеев Борис Даниилович", "Марцынкевич Станислав"]


def test_a_woman_of_a_mans_reading_is_a_man_when_nothing_says_woman():
    body = "Посмертно награждён старший лейтенант Александра Нестеренко. Орден вручили матери."
    assert dead(body) == ["Нестеренко Александр"]
    widow = "Орден погибшего вручили его вдове — Нине Баскаковой."
    assert dead(widow) == []


def test_latin_script_possessives_and_german_verbs():
    english = (
        "Mourners paid last respects to Sergei Sokolov. Sokolov's coffin was draped in a flag."
    )
    assert dead(english) == ["Sokolov Sergei"]
    german = "Stabsfeldwebel Alexej Juferow wurde am 25. April getötet."
    assert dead(german) == ["Juferow Alexej"]


def test_every_man_has_his_reasons():
    men, verdict = find_people(reading_copy("Глава района Дамир Мустафин сообщил о гибели бойца."))
    assert verdict is None
    assert any("an office" in reason for reason in men[0].reasons)


def test_a_name_that_is_no_name_is_a_reject_with_the_reason():
    body = "Сегодня простились с Борисом Данииловичем, погибшим в зоне СВО."
    records, rejects = records_from_text("", body, BASE, None)
    assert records == []
    assert [r["reason"] for r in rejects] == ["no surname: 'Борис Даниилович'"]


def test_look_alike_latin_letters_are_read_as_cyrillic():
    body = "23 июня прошли прощальные церемонии c Mиxaилoм Xoшxoeвым, пoгибшим в xoдe СВО."
    records, _ = records_from_text("", body, BASE, None)
    assert [r["full_name"] for r in records] == ["Хошхоев Михаил"]
    assert records[0]["name_raw"] == "Mиxaилoм Xoшxoeвым"  # as the page wrote it


def test_english_german_and_polish_reports():
    assert dead("Hundreds attended Mr Ivan Petrov's funeral in Ufa on Saturday.") == ["Petrov Ivan"]
    assert dead("Sergei Sokolov, 45, was killed near Bakhmut in May 2023.") == ["Sokolov Sergei"]
    assert dead("Der Soldat Alexander Nikitin ist in der Ukraine gefallen.") == [
        "Nikitin Alexander"
    ]
    assert dead("Rosyjski żołnierz Aleksandr Iwanow zginął pod Bachmutem.") == ["Iwanow Aleksandr"]


def test_a_man_tied_to_a_death_but_not_counted_is_a_reject_that_says_why():
    cases = {
        "В лицее №17 установили парту в честь Юрия Сидорова. Он погиб при выполнении "
        "спецзадания в Грозном.": "not counted (another war): 'Сидоров Юрий'",
        "Защищая Украину от российских оккупантов, на фронте погиб Афган Оруджов.": (
            "not counted (the dead of the other side): 'Оруджов Афган'"
        ),
    }
    for body, reason in cases.items():
        records, rejects = records_from_text("", body, BASE, None)
        assert records == []
        assert [r["reason"] for r in rejects] == [reason]
    _, rejects = records_from_text(
        "", "Власти опровергли информацию о гибели командира СОБРа Константина Огия.", BASE, None
    )
    assert "a report of his death denied" in rejects[0]["reason"]


def test_a_given_name_the_tables_do_not_know_beside_a_surname():
    assert dead("Погиб 21-летний контрактник Ждан Ватутин.") == ["Ватутин Ждан"]
    # a town that is also a given name stays a town
    assert dead("Погиб житель Владимира Казанцев Виктор Максимович.") == [
        "Казанцев Виктор Максимович"
    ]


def test_the_items_of_a_bulleted_list_share_one_fate():
    body = (
        "В Петрозаводске простились с погибшими в зоне СВО:\n"
        "- Роман Макаров, командир отделения, погиб в июне;\n"
        "- Жамол Ражабов, наводчик мотострелкового отделения, житель Петрозаводска."
    )
    assert dead(body) == ["Макаров Роман", "Ражабов Жамол"]


def test_two_men_who_speak_together_are_alive():
    body = (
        "На митинге в память о погибших командир поискового отряда Игорь Тума и краевед "
        "Ксенофонт Васильев рассказали о поисковой работе."
    )
    assert dead(body) == []
