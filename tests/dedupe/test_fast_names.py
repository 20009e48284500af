"""Names read without the full morphological reader where their words leave one reading
(`dedupe.names._fast_parts`). Declined names: given name, patronymic, surname and the
registers' order, surname first; the fast reading must be the full reader's, and where the
endings cannot tell (an adjective's surname, a double one) the full reader decides. A surname
and a given name with the patronymic's initial alone («Лаптев Тимур Ю.»), the surname first even
when a slip makes it look like a given name's form."""

from __future__ import annotations

import pytest

from dedupe.names import _fast_parts, name_key
from dedupe.prepare import read_name
from lexicon.name_forms import parse_name_field, split_name_tokens
from lexicon.text import fold

FAST = [
    "Ефремову Максиму Юрьевичу",
    "Логинова Руслана Васильевича",
    "Медведеве Борисе Юлиановиче",
    "БЫКОВУ Константину Сергеевичу",
    "ВОРОНИНЕ СЕРГЕЕ ГЕННАДЬЕВИЧЕ",
    "Русанова Николая Никитича",
    "Елизаровым Николаем Александровичем",  # -ым: the surname table knows Елизаров
    "Олега Глебовича Степанова",  # given name first, as before
]
FULL_READER = [
    "Яровым Евгением Владимировичем",  # Яровой: -ым is an -ов's and an adjective's alike
    "Донского Владимира Эдуардовича",  # Донской
    "Полевым Романом Алексеевичем",  # Полевой
    "Егорове-Фролове Аристархе Витальевиче",  # Егоров-Фролов
]


def _parts(parts) -> tuple[str, str, str]:
    return tuple(fold((x or "").lower()) for x in (parts.surname, parts.given, parts.patronymic))


@pytest.mark.parametrize("text", FAST)
def test_a_declined_name_the_endings_settle_is_read_fast_and_as_the_full_reader_reads_it(text):
    tokens = split_name_tokens(text)
    fast = _fast_parts(tokens)
    assert fast is not None
    assert _parts(fast) == _parts(parse_name_field(" ".join(tokens), gender="m"))


@pytest.mark.parametrize("text", FULL_READER)
def test_a_surname_the_endings_cannot_read_back_goes_to_the_full_reader(text):
    assert _fast_parts(split_name_tokens(text)) is None
    full = parse_name_field(" ".join(split_name_tokens(text)), gender="m")
    assert name_key(text).surname == name_key(f"{full.surname} {full.given}").surname


def test_the_full_reader_reads_the_adjectives_surname():
    assert name_key("Яровым Евгением Владимировичем").surname == name_key("Яровой Евгений").surname
    assert name_key("Донского Владимира Эдуардовича").surname != name_key("Донский В.").surname


def test_a_surname_a_given_name_and_the_patronymics_initial():
    key = read_name("Лаптев Тимур Ю.")
    assert (key.surname, key.given, key.patronymic, key.patronymic_initial) == (
        read_name("Лаптев Тимур").surname,
        read_name("Лаптев Тимур").given,
        "",
        read_name("Лаптев Тимур Юрьевич").patronymic_initial,
    )
    assert _fast_parts(split_name_tokens("ОБУХОВ Яков Н.")) is not None


def test_a_slip_in_the_surname_does_not_swap_the_roles():
    """«ПАВЛВ Юрий Р.» is Mr Павлв (Павлов with a letter lost) called Юрий, not Mr Юрий called
    Павел; «Тимофееп Ян А.» is not Mr Ян called Тимофей."""
    assert read_name("ПАВЛВ Юрий Р.").given == read_name("Юрий Павлов").given
    assert read_name("Тимофееп Ян А.").given == read_name("Ян Тимофеев").given


def test_a_short_form_with_an_initial_keeps_its_full_forms():
    """«Клим Н.» may be Климент as «Клим Никитич» may."""
    assert (
        read_name("Павлов Клим Н.").given_options == read_name("Павлов Клим Никитич").given_options
    )


def test_a_latin_name_the_fast_reader_knows_in_cyrillic_skips_the_full_reader(monkeypatch):
    import dedupe.names as names

    def refuse(*args, **kwargs):
        raise AssertionError("the full reader was asked")

    monkeypatch.setattr(names, "parse_name_field", refuse)
    parts = names.read_parts.__wrapped__("Aleksandr Dmitrievich Makarov")
    assert _parts(parts) == ("макаров", "александр", "дмитриевич")
    parts = names.read_parts.__wrapped__("Baiyr Sarygool")  # the given name first, as Latin
    assert parts.given and parts.surname and fold(parts.surname.lower()).startswith("сарыг")
