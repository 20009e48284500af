"""Declined names read without the full morphological reader where the endings leave one
reading (`dedupe.names._fast_parts`): given name, patronymic, surname and the registers' order,
surname first. The fast reading must be the full reader's; where the endings cannot tell
(an adjective's surname, a double one) the full reader decides."""

from __future__ import annotations

import pytest

from dedupe.names import _fast_parts, name_key
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
