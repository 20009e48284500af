"""EM fits the weights to the list at hand: from a start that is wrong, it moves them towards
what the list's truth says, and never past its bounds (sign, `max_shift`, the levels' order)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from dedupe import dedupe_records, em
from dedupe.blocking import candidate_pairs
from dedupe.config import load_config
from dedupe.prepare import prepare
from dedupe.score import levels, score
from sandbox.records import generate_records


@pytest.fixture(scope="module")
def table():
    return generate_records(1500, 3, noise="mild")


def _truth_weight(f, table, field: str, level: str) -> float:
    """log2(m/u) of one level by the generator's truth: m over candidate pairs of one man,
    u over random pairs."""
    truth = np.array(table.column("true_person").to_pylist())
    pairs = candidate_pairs(f)
    by = levels(f, pairs).by_field[field]
    c = load_config().weights[field]
    code = list(c).index(level)
    one = truth[pairs[:, 0]] == truth[pairs[:, 1]]
    m = np.mean(by[one & (by != 0)] == code)
    rng = np.random.default_rng(0)
    rand = rng.integers(0, len(f), (200_000, 2))
    rand = rand[truth[rand[:, 0]] != truth[rand[:, 1]]]
    ru = levels(f, rand).by_field[field]
    u = np.mean(ru[ru != 0] == code)
    return float(np.log2(m / u))


def _fit(table, cfg):
    f = prepare(table.drop_columns(["true_person"]))
    pairs = candidate_pairs(f)
    scores, lv = score(f, pairs, cfg)
    return f, em.fit(f, pairs, lv, scores, cfg)


def test_a_wrong_start_moves_towards_the_truth_within_bounds(table):
    base = load_config()
    weights = {k: dict(v) for k, v in base.weights.items()}
    weights["region"]["same"] = 1.0  # the truth says about 5
    weights["death"]["window"] = 0.0  # a zero start may move either way
    cfg = replace(base, weights=weights)
    f, fitted = _fit(table, cfg)
    truth = _truth_weight(f, table, "region", "same")
    got = fitted.weights["region"]["same"]
    assert truth > 3.0
    assert 1.0 < got <= 1.0 + cfg.em.max_shift + 1e-6
    assert abs(got - truth) < abs(1.0 - truth)
    for name, table_ in fitted.weights.items():
        for level, value in table_.items():
            start = cfg.weights[name][level]
            assert abs(value - start) <= cfg.em.max_shift + 1e-6, (name, level)
            assert value * start >= 0, (name, level)  # no sign turned
    s = fitted.weights["surname"]
    assert s["exact"] >= s["close"] >= s["fair"] >= s["different"]
    row = fitted.levels["region"]["same"]
    assert 0 < row["u"] < row["m"] <= 1


def test_switched_off_or_few_pairs_keeps_the_calibrated_weights(table):
    base = load_config()
    off = replace(base, em=replace(base.em, enabled=False))
    _, fitted = _fit(table, off)
    assert fitted.weights == base.weights and fitted.skipped
    small = table.slice(0, 40)
    _, fitted = _fit(small, base)
    assert fitted.weights == base.weights and fitted.skipped


def test_the_run_reports_its_model(table):
    result = dedupe_records(
        table.drop_columns(["true_person"]), summarise_persons=False, want_review=False
    )
    assert result.model["em"]["iterations"] >= 1
    assert set(result.model["levels"]["death"]) >= {"exact", "swapped", "window"}
