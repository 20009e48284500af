"""The span-keeping copies of a text that the rank, unit and category matchers scan."""

import pytest

from lexicon.categories import find_categories
from lexicon.ranks import find_ranks
from lexicon.text import fold, fold_same_length, unify_same_length
from lexicon.units import find_units

ODD = (
    "Ёлкин — «Шторм‑Z» ‒ в/ч 06705",
    "ст.\u00a0лейтенант „Ёж“ ’x‛ `y´",
    "İstanbul ẞ ǅ",
    "",
)


@pytest.mark.parametrize("text", ODD)
def test_every_character_keeps_its_place(text):
    assert (len(unify_same_length(text)), len(fold_same_length(text))) == (len(text), len(text))


def test_unify_keeps_case_and_unifies_dashes_quotes_yo_and_spaces():
    assert unify_same_length("Ёлкин — «Шторм‑Z»\u00a0ёж") == 'Елкин - "Шторм-Z" еж'


def test_fold_same_length_is_fold_where_fold_keeps_the_length():
    text = "Гв. МЛ. СЕРЖАНТ Ёлкин — «Шторм‑Z» ‘x’"
    assert fold_same_length(text) == fold(text)


def test_a_letter_whose_lower_case_is_longer_is_left_as_it_is():
    assert fold_same_length("İstanbul ЁЖ") == "İstanbul еж"


def test_matches_point_into_the_original_text():
    text = "Гвардии мл.\u00a0сержант Ёлкин из «36‑й ОМСБр» подписал контракт — доброволец"
    spans = [(m.start, m.end, m.text) for m in (*find_ranks(text), *find_units(text))]
    spans += [(m.start, m.end, m.text) for m in find_categories(text)]
    assert spans and all(text[start:end] == found for start, end, found in spans)
