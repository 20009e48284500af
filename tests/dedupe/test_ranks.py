"""A rank as a field of its own: from a record's `rank` column or the opening of its name's
cell, compared by seniority."""

from __future__ import annotations

import numpy as np

from dedupe.api import dedupe_records
from dedupe.comparisons import COMPARISONS
from dedupe.prepare import prepare
from dedupe.rank_levels import Rank
from tests.conftest import namesake_crowd


def test_a_rank_from_its_column_or_the_names_cell():
    f = prepare(
        [
            {"record_id": "a", "full_name": "Иванов Иван", "rank": "младшего сержанта"},
            {"record_id": "b", "full_name": "гвардии младший сержант Иванов Иван"},
            {"record_id": "c", "full_name": "Junior Sergeant Ivan Ivanov"},
            {"record_id": "d", "full_name": "Captain Ivan Ivanov", "rank": "майор"},
            {"record_id": "e", "full_name": "Майоров Иван"},  # a surname, not a rank
            {"record_id": "f", "full_name": "Иванов Иван"},
        ]
    )
    assert f.rank.tolist() == [3, 3, 3, 13, 0, 0]  # the column before the cell


def test_rank_levels_by_seniority():
    f = prepare(
        [
            {"record_id": "a", "full_name": "рядовой Иванов Иван"},
            {"record_id": "b", "full_name": "Иванов Иван", "rank": "рядовой"},
            {"record_id": "c", "full_name": "Иванов Иван", "rank": "матрос"},  # the navy's private
            {"record_id": "d", "full_name": "ефрейтор Иванов Иван"},
            {"record_id": "e", "full_name": "сержант Иванов Иван"},
            {"record_id": "f", "full_name": "майор Иванов Иван"},
            {"record_id": "g", "full_name": "Иванов Иван"},
        ]
    )
    got = COMPARISONS["rank"].compute(f, np.zeros(6, dtype=np.int64), np.arange(1, 7))
    assert got.tolist() == [
        Rank.EXACT,
        Rank.EXACT,
        Rank.NEAR,
        Rank.DIFFERENT,
        Rank.FAR,
        Rank.UNKNOWN,
    ]


def test_of_two_posts_alike_but_for_the_rank_the_lieutenant_colonels_joins_him():
    register = {
        "record_id": "reg",
        "full_name": "подполковник Кузнецов Андрей Викторович",
        "death_date": "2023-05-14",
        "region": "Курская область",
        "unit": "в/ч 12345",
    }
    post = {
        "record_id": "post",
        "full_name": "Подполковник Андрей Кузнецов",
        "region": "Курская область",
    }
    private = {
        "record_id": "pvt",
        "full_name": "рядовой Андрей Кузнецов",
        "region": "Курская область",
    }
    got = dedupe_records([*namesake_crowd("Кузнецов Андрей"), register, post, private]).assignment
    assert got["post"] == got["reg"]
    assert got["pvt"] != got["reg"]  # a private is not the lieutenant colonel
