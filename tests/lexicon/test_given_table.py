"""The given-name table below names and translit: the same lookups through either door."""

import pytest

from lexicon import given_table, names, translit
from lexicon.romanize import LETTER_SYSTEMS, romanize


def test_names_exports_the_tables_own_lookups():
    exported = ("given_name", "given_names", "full_forms", "is_given_name", "cyrillic", "DATA")
    assert all(getattr(names, n) is getattr(given_table, n) for n in exported)


@pytest.mark.parametrize("system", LETTER_SYSTEMS)
def test_letter_systems_are_to_latin_without_the_table(system):
    words = ("Семёнов", "Юлия", "Щукин", "ЩУКИН", "Бахтиёр", "Ёлкин-Ильин")
    assert [romanize(w, system) for w in words] == [translit.to_latin(w, system) for w in words]


def test_an_unknown_system_is_refused_by_both():
    with pytest.raises(ValueError, match="unknown system"):
        translit.to_latin("Иван", "loc")
    with pytest.raises(ValueError, match="unknown system"):
        romanize("Иван", "simple")


def test_rows_by_rank_put_men_and_common_names_first():
    rows = given_table.rows_by_rank()
    keys = [(r.gender != "m", -r.weight, r.name) for r in rows]
    assert keys == sorted(keys) and len(rows) == len(given_table.given_names())
