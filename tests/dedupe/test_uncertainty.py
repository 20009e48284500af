"""The count's uncertainty: expected men and a 95 % interval drawn from the match probabilities
of the pairs between persons and the links inside them."""

from __future__ import annotations

import numpy as np
import pytest

from dedupe import dedupe_records
from dedupe.uncertainty import (
    BETWEEN_SHIFT,
    count_interval,
    count_weights,
    in_play,
    simulate_counts,
)
from sandbox.records import generate_records


def test_sure_pairs_leave_the_count_as_it_is():
    labels = np.array([0, 0, 2, 3])
    pairs = np.array([[0, 1], [1, 2], [2, 3]])
    ci = count_interval(labels, pairs, [20.0, -30.0, -25.0], pairs_pending=0)
    assert (ci.count, ci.expected, ci.low, ci.high) == (3, 3.0, 3, 3)


def test_a_coin_toss_between_two_persons_is_about_half_a_man():
    """Left apart by the clustering, the pair is one man a little less often than its score
    says (BETWEEN_SHIFT)."""
    labels = np.arange(2)
    totals = simulate_counts(labels, np.array([[0, 1]]), np.array([0.0]), calibration=0, draws=4000)
    assert set(np.unique(totals)) == {1.0, 2.0}
    p = 1 / (1 + 2**-BETWEEN_SHIFT)
    assert totals.mean() == pytest.approx(2 - p, abs=0.05)


def test_a_weak_link_inside_a_person_may_be_two_men():
    labels = np.zeros(2, dtype=np.int64)
    totals = simulate_counts(
        labels, np.array([[0, 1]]), np.array([-2.0]), calibration=0, draws=4000
    )
    assert totals.mean() == pytest.approx(1 + 0.8, abs=0.05)  # p = 0.2: 80 % two men


def test_a_lone_record_beside_namesakes_is_at_most_one_of_them():
    """Record 0 is likely any of four persons; the four are not one man among themselves: his
    chances are shared, so the count falls by at most about one, not four."""
    labels = np.arange(5)
    pairs = np.array([[0, k] for k in range(1, 5)])
    totals = simulate_counts(labels, pairs, np.full(4, 3.0), calibration=0, draws=2000)
    assert 3.9 <= totals.mean() <= 4.2


def test_a_cycle_of_persons_loses_no_more_men_than_it_has():
    labels = np.arange(3)
    pairs = np.array([[0, 1], [1, 2], [0, 2]])
    totals = simulate_counts(labels, pairs, np.full(3, 3.0), calibration=0, draws=400)
    assert set(np.unique(totals)) == {1.0, 2.0, 3.0}


def test_a_pair_the_clustering_refused_to_merge_is_only_as_sure_as_the_threshold():
    """Strong enough to merge, yet left apart (a conflict through other records): counted at
    the merge threshold, not at its own score."""
    labels = np.arange(2)
    pairs = np.array([[0, 1]])
    totals = simulate_counts(labels, pairs, np.array([12.0]), merge=1.25, calibration=0, draws=4000)
    p = 1 / (1 + 2 ** -(1.25 + BETWEEN_SHIFT))
    assert totals.mean() == pytest.approx(2 - p, abs=0.05)


def test_pairs_ruled_out_and_records_placed_draw_nothing():
    labels = np.array([0, 0, 2])
    pairs = np.array([[0, 1], [1, 2]])
    ci = count_interval(
        labels, pairs, [-1.0, 0.0], pairs_pending=1, apart=[False, True], placed=[True, True, False]
    )
    assert (ci.expected, ci.low, ci.high, ci.pairs_pending) == (2.0, 2, 2, 1)


def test_the_truth_lies_inside_the_interval_on_generated_records():
    """On the records the weights were estimated for (the mild generator), at the size of a
    region's list. (A list of a few hundred men falls a few men outside: there a name's
    frequency is barely trusted, so a common name alone merges two namesakes.)"""
    table = generate_records(2000, seed=3, noise="mild")
    truth = len(set(table.column("true_person").to_pylist()))
    result = dedupe_records(table.drop_columns(["true_person"]), summarise_persons=False)
    ci = result.count_interval
    assert ci.count == result.people and ci.pairs_pending == len(result.review)
    assert ci.low <= ci.expected <= ci.high
    assert ci.low <= truth <= ci.high, (ci, truth)


def test_no_review_wanted_no_interval():
    table = generate_records(50, seed=1).drop_columns(["true_person"])
    assert dedupe_records(table, want_review=False).count_interval is None


def test_the_strongest_pair_between_two_persons_carries_the_weight():
    w = count_weights(["P1", "P1", "P1", "P2"], ["P2", "P2", "P1", "P3"], [0.0, 1.0, 0.0, -2.0])
    assert w[0] == 0.0 and w[2] == 0.0  # answered by the stronger pair / inside one person
    p = 1 / (1 + 2 ** -(np.array([1.0, -2.0]) + BETWEEN_SHIFT))
    assert w[1] == pytest.approx(p[0] * (1 - p[0])) and w[3] == pytest.approx(p[1] * (1 - p[1]))


def test_a_lone_record_meets_the_namesakes_no_block_offered_it():
    """The interval asks a lone record about every record of its name; in a name of more
    than `limit` records it meets `limit` of them, each standing for its share of the rest."""
    from dedupe.placing import lone_namesake_pairs
    from dedupe.prepare import prepare

    rows = [{"record_id": f"i{k}", "source": "s", "full_name": "Иванов Сергей"} for k in range(3)]
    rows += [{"record_id": f"p{k}", "source": "s", "full_name": "Петров Иван"} for k in range(30)]
    f = prepare(rows)
    labels = np.arange(len(rows))
    labels[1:3] = 1  # two of the Ивановs are one person; the first is alone
    labels[4:] = 4  # the Петровs but the first are one person
    candidates = np.array([[0, 1]])  # a block offered the lone Иванов one of them
    pairs, stands = lone_namesake_pairs(f, labels, candidates, limit=5)
    got = {tuple(p): s for p, s in zip(pairs.tolist(), stands.tolist(), strict=True)}
    assert got[(0, 2)] == 0.0 and (0, 1) not in got  # the one the block did not offer
    petrov = {p: s for p, s in got.items() if 3 in p}
    assert len(petrov) == 5 and all(min(p) >= 3 and max(p) < 33 for p in petrov)
    assert np.allclose(list(petrov.values()), np.log2(29 / 5))
    assert not any(min(p) >= 4 for p in got)  # two records of persons are not asked here


def test_many_coins_are_summed_by_their_normal_law(monkeypatch):
    """Beyond `_FEW` coins the sum is drawn from its normal law: the same mean and spread as
    tossing each coin."""
    import dedupe.uncertainty as U

    rng = np.random.default_rng(3)
    labels = np.arange(60_000)
    pairs = np.stack([np.arange(0, 60_000, 2), np.arange(1, 60_000, 2)], axis=1)
    scores = rng.uniform(-4, 1, len(pairs))
    normal = simulate_counts(labels, pairs, scores, draws=400)
    monkeypatch.setattr(U, "_FEW", 10**9)
    tossed = simulate_counts(labels, pairs, scores, draws=400)
    assert normal.mean() == pytest.approx(tossed.mean(), rel=2e-4)
    assert normal.std() == pytest.approx(tossed.std(), rel=0.2)


def test_the_pairs_out_of_play_change_no_draw():
    """A big run hands over only the pairs a draw can use (`in_play`): the totals are the same
    as from every pair."""
    rng = np.random.default_rng(4)
    n = 3000
    labels = rng.integers(0, 1200, n)
    pairs = rng.integers(0, n, (40_000, 2))
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    scores = rng.normal(-8, 6, len(pairs)).astype(np.float32)
    keep = in_play(labels, pairs, scores, merge=1.25)
    assert 0 < keep.sum() < len(pairs) / 2
    every = simulate_counts(labels, pairs, scores, merge=1.25)
    some = simulate_counts(labels, pairs[keep], scores[keep], merge=1.25)
    assert np.array_equal(every, some)


def test_the_draws_of_cycles_are_the_same_on_every_run(monkeypatch):
    """The pairs in components with a cycle are drawn a block of draws at a time on every
    core, each block with its own random stream: a run gives the same totals whatever thread
    finishes first, and small blocks the same law as one big one."""
    import dedupe.uncertainty as U

    rng = np.random.default_rng(5)
    labels = np.arange(900)
    # triangles of persons: every component has a cycle
    pairs = np.concatenate(
        [np.array([[k, k + 1], [k + 1, k + 2], [k, k + 2]]) for k in range(0, 900, 3)]
    )
    scores = rng.uniform(-3, 1, len(pairs))
    whole = simulate_counts(labels, pairs, scores, draws=400)
    monkeypatch.setattr(U, "_CHUNK", 4 * len(pairs))  # four draws a block: a hundred blocks
    first = simulate_counts(labels, pairs, scores, draws=400)
    again = simulate_counts(labels, pairs, scores, draws=400)
    assert np.array_equal(first, again)
    assert first.mean() == pytest.approx(whole.mean(), abs=3 * whole.std() / 20)


def test_a_persons_chances_are_shared_out_at_every_calibration_level():
    """`exclusive` row by row is the sum over all of a person's pairs, level by level."""
    from dedupe.uncertainty import exclusive

    rng = np.random.default_rng(6)
    persons = rng.integers(0, 50, (400, 2))
    p = rng.random((3, 400))
    got = exclusive(persons, p)
    for row in range(3):
        mass = np.zeros(50)
        for (a, b), x in zip(persons, p[row], strict=True):
            mass[a] += x
            mass[b] += x
        want = p[row] / np.maximum(1.0, np.maximum(mass[persons[:, 0]], mass[persons[:, 1]]))
        assert np.allclose(got[row], want)
