"""Where a count's error comes from (`dedupe.metrics.count_parts`): persons found − true
persons = the extra persons split men went to − the men merged into another man's person."""

from __future__ import annotations

import numpy as np

from dedupe.metrics import count_parts, pair_metrics


def test_a_split_and_a_merge_are_told_apart():
    # man x in three persons (a, b, c): 2 extra; person a holds x and y: 1 merged; b and c are
    # x's records alone
    parts = count_parts(["a", "a", "b", "c"], ["x", "y", "x", "x"])
    assert (parts.split, parts.merged, parts.stray) == (2, 1, 2)


def test_the_parts_add_up_to_the_count_error():
    rng = np.random.default_rng(7)
    truth = rng.integers(0, 300, 1000)
    found = np.where(rng.random(1000) < 0.2, rng.integers(0, 400, 1000), truth)
    parts, m = count_parts(found, truth), pair_metrics(found, truth)
    assert parts.split - parts.merged == m.persons - m.true_persons
    assert parts.split > 0 and parts.merged > 0


def test_a_perfect_clustering_has_no_parts():
    assert count_parts(["p", "p", "q"], ["x", "x", "y"]) == count_parts([], [])
