"""Names neither reader could read, read again with an ending's slip put back
(`dedupe.name_repair`), and a declined surname and given name with the patronymic's initial
(«Орловым Николаем В.»). The shapes come from the unread names of `sandbox.foreign`'s lists (a
generator written apart from dedupe): before, each of these records was compared as a man
with no name."""

from __future__ import annotations

import pytest

from dedupe.name_repair import _nominative, read_name, rewrites
from dedupe.names import _fast_parts
from lexicon.name_forms import split_name_tokens

READ_AGAIN = [
    # a dotted ё in a case's ending
    ("Сорокиным Вадимом Ивановичём", ("sorokin", "vadim", "ivanovich")),
    ("Ивановым Евгениём Михайловичем", ("ivanov", "evgeni", "mihailovich")),
    ("ШАРИПОВЫМ Дамиром Булатовичём", ("sharipov", "damir", "bulatovich")),
    # two letters of a patronymic's ending swapped
    ("ГОРОХОВ Степан Николаеивч", ("gorohov", "stepan", "nikolaevich")),
    ("ИЛЬЯСОВ ИВАН РАФАЭЛЕИВЧ", ("iliasov", "ivan", "rafaelevich")),
    ("Меркушеве Владимире Юрьеивче;", ("merkushev", "vladimir", "iurevich")),
    ("Константин Денисоивч Смирннов", ("smirnov", "konstantin", "denisovich")),
    # a sentence's case with a slip in one word: every word put back by the case's endings
    ("Мишину Виктроу Викторовичу", ("mishin", "viktor", "viktorovich")),
    ("Иванову Гоергию Викторовичу", ("ivanov", "georgi", "viktorovich")),
    ("Тарасовым Владиславввом Дмитриевичем", ("tarasov", "vladislav", "dmitrevich")),
    ("Борисова Игооя Викторовича", ("borisov", "igor", "viktorovich")),
    ("Савинну Алексанлру Романовичу", ("savin", "aleksandr", "romanovich")),
]


@pytest.mark.parametrize(("text", "keys"), READ_AGAIN)
def test_a_slip_in_an_ending_is_put_back_and_the_name_read(text, keys):
    key = read_name(text)
    assert key.usable
    assert (key.surname, key.given, key.patronymic) == keys


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Орловым Николаем В.", ("orlov", "nikolai", "v")),
        ("Орлову Николаю В.", ("orlov", "nikolai", "v")),  # was read as a surname «Орлову»
        ("Викторовым Александром В.", ("viktorov", "aleksandr", "v")),
        ("Пановым Егором М.", ("panov", "egor", "m")),
    ],
)
def test_a_declined_name_with_the_patronymics_initial_is_read(text, keys):
    key = read_name(text)
    assert (key.surname, key.given, key.patronymic_initial) == keys
    assert key.patronymic == ""


def test_an_adjectives_instrumental_is_read_by_its_endings_only_as_a_last_resort():
    # Яровым may be Яровой's: the fast reader's endings do not decide it; the full reader reads
    # it with a patronymic, and only where nothing else reads it is it guessed from the endings
    assert _fast_parts(split_name_tokens("Яровым Николаем В.")) is None
    assert read_name("Яровым Николаем Викторовичем").surname == "iarovoi"
    assert read_name("Яровым Николаем В.").surname == "iarov"  # the last resort


def test_rewrites_put_back_only_what_makes_a_patronymics_ending():
    assert list(rewrites("Петров Иван Сергеевич")) == []  # nothing to put back
    assert list(rewrites("Петров Иван Сергееивч")) == ["Петров Иван Сергеевич"]
    # a swap that makes no patronymic's ending is left alone
    assert list(rewrites("Петров Иавн")) == []
    assert list(rewrites("Семёнов Иван Сергееивч")) == [
        "Семенов Иван Сергееивч",
        "Семёнов Иван Сергеевич",
        "Семенов Иван Сергеевич",
    ]


def test_a_name_already_read_is_not_read_again():
    key = read_name("Семёнов Олег Петрович")
    assert (key.surname, key.given, key.patronymic) == ("semenov", "oleg", "petrovich")


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Игор Маркову", ("markov", "igor")),  # a slip in the given name: the case unknown
        ("Кузнецове Аллексей Владиславович", ("kuznetsov", "aleksei")),
        ("Андерем Киселевым", ("kiselev", "anderem")),
    ],
)
def test_a_surname_the_slow_reader_keeps_declined_is_put_in_the_nominative(text, keys):
    key = read_name(text)
    assert (key.surname, key.given) == keys


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Смирнове Всеволоде М.", ("smirnov", "vsevolod")),  # was «Смирнове», a surname
        ("Морозове Иване В.", ("morozov", "ivan")),
        ("Сергее Смирнове", ("smirnov", "sergei")),
        ("Иваном Савиным-Козловым", ("savinkozlov", "ivan")),  # was «Савиным-Козлов»
        ("Егору Лагутину-Смирнову", ("lagutinsmirnov", "egor")),
    ],
)
def test_the_prepositional_and_double_surnames_in_a_sentences_case(text, keys):
    key = read_name(text)
    assert (key.surname, key.given) == keys


def test_the_nominative_is_guessed_only_from_a_word_that_tells_the_case():
    assert _nominative("Мишину Виктроу Викторовичу") == "Мишин Виктро Викторович"
    assert _nominative("Борисовмы Владимиром Павловичем") == "Борисовмы Владимир Павлович"
    assert _nominative("Оздожв Ахли") is None  # no word says which case
    assert _nominative("Иванов") is None


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Соболевым Влаимиром Александровичем", ("sobolev", "vladimir", "aleksandrovich")),
        ("Днису Полякову", ("poliakov", "denis", "")),
        ("Яковлеве Стенане Ждановиче", ("iakovlev", "stepan", "shdanovich")),
        # a second try mends the given name only: «Тимофеевым» stays the surname
        ("Димтриеем Тимофеевым", ("timofev", "dimtrei", "")),
    ],
)
def test_a_given_name_read_with_a_slip_in_a_sentences_case_is_mended(text, keys):
    key = read_name(text)
    assert (key.surname, key.given, key.patronymic) == keys
