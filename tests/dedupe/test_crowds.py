"""A name the list holds many times is worth what its count allows (dedupe.crowds)."""

from __future__ import annotations

import numpy as np

from dedupe import crowds
from dedupe.blocking import candidate_pairs
from dedupe.config import load_config
from dedupe.placing import namesake_conflicts
from dedupe.prepare import prepare
from dedupe.score import frequency_adjustments, score

NAME = "Прокофьев Юлиан Станиславович"


def _records(copies: int, two_men: bool = True) -> list[dict]:
    regions = ["Брянская область", "Челябинская область"] * copies
    rows = [{"record_id": f"p{k}", "full_name": NAME, "region": regions[k]} for k in range(copies)]
    if two_men:  # two of the name born ten years apart: the name is two men's at least
        rows[-1]["birth_date"], rows[-2]["birth_date"] = "1980", "1990"
    # others, so that the list is not all one name
    rows += [{"record_id": f"o{k}", "full_name": f"Иванов{'а' * (k % 3)} Пётр", "age": str(20 + k)}
             for k in range(30)]  # fmt: skip
    return rows


def _limits(rows):
    f = prepare(rows)
    cfg = load_config()
    candidates = candidate_pairs(f)
    conflicts = candidates[namesake_conflicts(score(f, candidates, cfg)[1])]
    return f, cfg, crowds.name_limits(f, cfg, conflicts)


def _scores(rows, pairs) -> tuple[np.ndarray, np.ndarray]:
    f, cfg, limits = _limits(rows)
    raw, lv = score(f, pairs, cfg)
    tf = frequency_adjustments(f, cfg)
    return raw, crowds.cap(raw, lv, pairs, cfg, limits, tf, int(f.usable.sum()))


def test_the_limit_follows_the_count_of_the_name():
    f, cfg, (two, three) = _limits(_records(6) + [{"record_id": "x", "full_name": "Петров"}])
    r = cfg.records_per_person
    assert np.isclose(three[0], np.log2((r - 1) / (6 - r)))  # six of the full name
    assert np.isclose(two[0], three[0])  # all six have the patronymic too
    # twenty «Иванов Пётр» (Иванова is his surname too) of different ages at death: a crowd
    # of the name, with no patronymic
    assert np.isclose(two[6], np.log2((r - 1) / (20 - r))) and np.isinf(three[6])
    assert np.isinf(two[-1])  # no given name: no limit


def test_a_name_no_conflict_shows_to_be_two_men_keeps_its_weight():
    _, (two, three) = _limits(_records(6, two_men=False))[1:]
    assert np.isinf(two[:6]).all() and np.isinf(three[:6]).all()


def test_a_name_held_twice_keeps_its_weight_and_a_crowd_of_it_does_not():
    pair = np.array([[0, 1]])
    raw, capped = _scores(_records(2), pair)
    assert capped[0] == raw[0]  # no more records of the name than one man has
    raw, capped = _scores(_records(6), pair)
    r = load_config().records_per_person
    assert capped[0] < raw[0]
    # the name's part is now the limit: prior, names and frequencies replaced by it
    region = load_config().weights["region"]["different"]
    assert np.isclose(capped[0], np.log2((r - 1) / (6 - r)) + region, atol=0.01)


def test_the_dates_still_count_on_top():
    rows = _records(6)
    rows[0]["death_date"] = rows[1]["death_date"] = "2024-03-05"
    raw, capped = _scores(rows, np.array([[0, 1], [0, 2]]))
    assert np.isclose(capped[0] - capped[1], raw[0] - raw[1])  # the same day, worth as much
