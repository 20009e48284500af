"""Dead men in running text: who is dead, in what dictionary form, and who is not."""

import pytest

from lexicon.name_forms import parse_name_field
from spiders.extract.people import find_dead


def dead(title: str, body: str) -> list[str]:
    text = f"{title}\n\n{body}" if title else body
    return [f.name.full_name for f in find_dead(text, len(title) + 2 if title else 0)]


@pytest.mark.parametrize(
    ("written", "dictionary"),
    [
        ("Иваном Сергеевичем Петровым", "Петров Иван Сергеевич"),
        ("Ивана Петрова", "Петров Иван"),
        ("Ивану Петрову", "Петров Иван"),
        ("Петров Иван Сергеевич", "Петров Иван Сергеевич"),
        ("ПЕТРОВ Иван Сергеевич", "Петров Иван Сергеевич"),
        ("Петров И. С.", "Петров И. С."),
        ("И.С. Петров", "Петров И. С."),
        ("Айдыса Монгуша", "Монгуш Айдыс"),
        ("Монгуш Айдыс Оолакович", "Монгуш Айдыс Оолакович"),
        ("Баира Цыреновича Бальжинимаева", "Бальжинимаев Баир Цыренович"),
        ("Никиты Шевченко", "Шевченко Никита"),
        ("Ильёй Седых", "Седых Илья"),
        ("Дмитрия Юрьевича Гайдая", "Гайдай Дмитрий Юрьевич"),
        ("Андрея Белого", "Белый Андрей"),
        ("Юрием Сорокой", "Сорока Юрий"),
        ("Охунжона Рустамова", "Рустамов Охунжон"),
        ("Алдару Баирову", "Баиров Алдар"),
        ("Семёна Семёнова", "Семёнов Семён"),
    ],
)
def test_name_to_dictionary_form(written, dictionary):
    assert parse_name_field(written).full_name == dictionary


OBITUARY_TITLE = "Простились с погибшим в СВО Иваном Петровым"
OBITUARY = (
    "Гвардии рядовой Иван Сергеевич Петров, житель Стерлитамака, погиб 20 февраля 2024 года.\n"
    "Глава района Сергей Иванов выразил соболезнования родным и близким погибшего.\n"
    "«Он был настоящим героем», — рассказал командир роты Андрей Смирнов.\n"
    "Мать бойца, Ольга Петрова, рассказала, что он мечтал вернуться домой."
)


def test_the_dead_man_of_an_obituary():
    assert dead(OBITUARY_TITLE, OBITUARY) == ["Петров Иван Сергеевич"]


def test_an_official_who_sends_condolences_is_not_dead():
    assert "Иванов Сергей" not in dead(OBITUARY_TITLE, OBITUARY)


def test_a_woman_is_never_counted():
    assert "Петрова Ольга" not in dead(OBITUARY_TITLE, OBITUARY)


def test_several_men_in_one_article():
    body = (
        "В Кызыле простились с двумя земляками, погибшими в зоне СВО.\n"
        "Айдыс Монгуш родился в 1995 году, погиб 3 марта 2024 года.\n"
        "Аржаан Ооржак погиб 5 марта 2024 года под Авдеевкой. Ему было 24 года."
    )
    assert dead("", body) == ["Монгуш Айдыс", "Ооржак Аржаан"]


def test_a_story_without_dead_men_yields_nothing():
    body = (
        "Глава города Андрей Смирнов открыл новую детскую площадку. "
        "Площадку построили по программе благоустройства."
    )
    assert dead("В парке открыли площадку", body) == []


def test_name_only_in_the_title_and_declined():
    assert dead(
        "Стало известно о гибели Алексея Кузнецова",
        "Боец погиб в зоне специальной военной операции. Прощание состоится в пятницу.",
    ) == ["Кузнецов Алексей"]


def test_initials_with_surname_on_a_grave_caption():
    assert dead("", "Здесь похоронен гвардии сержант КУЗНЕЦОВ А. В. (1988–2023).") == [
        "Кузнецов А. В."
    ]


def test_english_press_several_men_in_one_sentence():
    title = "Three men killed in the same week"
    body = (
        "Aleksandr Petrov, 34, from Ufa in Bashkortostan, was killed on February 20, 2024, his "
        "sister said. Among the dead were Aldar Bairov, a 22-year-old conscript from Buryatia, "
        "and Okhunjon Rustamov. Regional governor Radiy Khabirov expressed condolences."
    )
    assert dead(title, body) == ["Petrov Aleksandr", "Bairov Aldar", "Rustamov Okhunjon"]


@pytest.mark.parametrize(
    ("written", "dictionary"),
    [
        ("Aleksandr Petrov", "Petrov Aleksandr"),
        ("Oleksandr Sergeyevich Petrov", "Petrov Oleksandr Sergeyevich"),
        ("Serhiy Kovalenko", "Kovalenko Serhiy"),
        ("Iurii Ivanov", "Ivanov Iurii"),
    ],
)
def test_latin_names_keep_their_spelling_surname_first(written, dictionary):
    assert parse_name_field(written).full_name == dictionary


def test_a_relative_posting_about_her_brother():
    assert dead(
        "",
        "Мой брат Саша Петров погиб 20 февраля под Авдеевкой 💔😭 Ему было всего 24. Ольга Петрова",
    ) == ["Петров Саша"]


def test_a_grave_caption_with_a_lifespan_is_a_death():
    assert dead("", "ПЕТРОВ Иван Сергеевич 12.03.1990 – 20.02.2024") == ["Петров Иван Сергеевич"]
