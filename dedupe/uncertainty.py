"""How sure the count is: the expected number of men and a 95 % interval, from the pairs whose
answer is uncertain.

A clustering is one answer; the scores say how likely the others are. A pair's score is the log2
odds that its two records are one man, so its match probability is p = 2^s / (1 + 2^s). The count
moves two ways, and both are drawn, many times over (`DRAWS`):

- two persons may be one man. Every candidate pair between two persons with p ≥ 1 % is a coin —
  the pairs left for review and the weaker ones below them (there are many, and together they
  join hundreds of men at a million records). The pairs between the same two persons are one
  question, asked at their best score; and a person is at most one other man, so where a
  person's coins add up to more than one (a lone «Иванов С.» beside five namesakes) they are
  scaled to sum to one. Coins that come up «same» join their persons (union-find; a component
  that is a tree loses one man per such coin, so most need no union-find at all);
- one person may be two men. A record's strongest link inside its person is the evidence that
  it belongs there: with probability 1 − p it is another man, one more in the count. One record
  per person (the best linked) anchors it and draws nothing.

The expected count is the mean of the draws; the 95 % interval is the 2.5th–97.5th percentile
of the whole-run totals (not a sum of per-person intervals).

Assumptions, and where they fail:
- the scores are calibrated log2 odds. They are not quite: the prior rests on a guess of how
  many records a man has (`records_per_person`, from our own generator: 2.86; a held-out list
  of a million had 2.07, 0.8 bits off); and a pair the clustering left between two persons is
  one man less often than its score says (`BETWEEN_SHIFT`). Such an error is shared by every pair of
  the run, so it does not average out as independent coins do over thousands of pairs: each
  draw shifts every score by its own t bits, t uniform in ±`CALIBRATION` (1 bit: a factor of
  2 on the odds either way), which is most of the interval's width;
- pairs and records are independent given their scores (beyond the two rules above);
- a pair ruled out (namesakes whose dates cannot be one man's, a «different» decision) never
  joins, and a record a person placed never strays; a pair strong enough to merge that the
  clustering left apart (a conflict through other records, perhaps one merged in error) counts
  as the strongest pair it asks about (the merge threshold);
- a man whose records were never compared (no candidate pair) stays as many men as he has
  records in every draw: the interval cannot see misses the blocking never offered, save the
  pairs of a lone record and the records of its name (`dedupe.placing.lone_namesake_pairs`),
  which the run adds to the candidate pairs it hands here.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from dedupe.cluster import components

DRAWS = 200
SURE = 0.999  # a link this strong never breaks
FLOOR = 0.01  # a pair between persons this weak never joins them
CALIBRATION = 1.0  # ± bits on every score, one shift per draw (see the module docstring)
# a pair the clustering left between two persons is one man less often than its score says:
# on our generator about 1.3 bits less at every score from −2 to 1.25, at 10k and 100k records
# (`bench/dedupe.py` prints the table); the clustering already heard what the other records say
BETWEEN_SHIFT = -1.25
_CHUNK = 4_000_000  # coins per block of draws (memory)
_LEVELS = 11  # the calibration shifts drawn from, evenly spaced
_FEW = 20_000  # more coins than this: their sum is drawn from its normal law (`_coin_sums`)


@dataclass(frozen=True)
class CountInterval:
    """The count as clustered, the expected count and its 95 % interval, and the pairs that
    wait for people."""

    count: int
    expected: float
    low: int
    high: int
    pairs_pending: int

    def figures(self) -> dict[str, float | int]:
        """As a run's figures: persons_expected, persons_low, persons_high, pairs_pending."""
        return {
            "persons_expected": round(self.expected, 1),
            "persons_low": self.low,
            "persons_high": self.high,
            "pairs_pending": self.pairs_pending,
        }


def match_probability(scores: np.ndarray, shift: float | np.ndarray = 0.0) -> np.ndarray:
    """p = 2^(s+shift) / (1 + 2^(s+shift)), without overflow."""
    return 1.0 / (1.0 + np.exp2(-np.clip(np.asarray(scores, np.float64) + shift, -60, 60)))


def in_play(
    labels: np.ndarray,
    pairs: np.ndarray,
    scores: np.ndarray,
    merge: float = np.inf,
    calibration: float = CALIBRATION,
) -> np.ndarray:
    """The pairs a draw can use: every pair inside a person (a record's links there) and every
    pair between two persons that may join them at the most generous shift (`FLOOR`). The
    others — most candidate pairs of a big run, two namesakes with nothing else in common — never
    change a draw, so a run hands over only these (the same totals, less memory)."""
    labels = np.asarray(labels)
    inside = labels[pairs[:, 0]] == labels[pairs[:, 1]]
    # match_probability(min(score, merge), shift) ≥ FLOOR, read off the score itself
    lowest = -np.log2(1 / FLOOR - 1) - (BETWEEN_SHIFT + calibration)
    return inside | (np.minimum(scores, merge) >= lowest)


def count_interval(
    labels: np.ndarray,
    pairs: np.ndarray,
    scores: np.ndarray,
    *,
    pairs_pending: int,
    apart: np.ndarray | None = None,
    placed: np.ndarray | None = None,
    merge: float = np.inf,
    draws: int = DRAWS,
    calibration: float = CALIBRATION,
    seed: int = 0,
) -> CountInterval:
    """The count of the persons in `labels` (one per record) with its uncertainty, from the
    candidate `pairs` (rows of record indices) and their `scores`. `apart` marks the pairs that
    never join (a conflict, a «different» decision), `placed` the records a person put where
    they are; a pair at `merge` or above left between two persons counts as at `merge`.
    `pairs_pending` is how many pairs wait for review (reported as given)."""
    labels = np.asarray(labels, dtype=np.int64)
    totals = simulate_counts(labels, pairs, scores, apart, placed, merge, draws, calibration, seed)
    low, high = np.percentile(totals, [2.5, 97.5])
    count = int(np.count_nonzero(np.bincount(labels))) if len(labels) else 0
    return CountInterval(
        count, float(totals.mean()), int(np.floor(low)), int(np.ceil(high)), pairs_pending
    )


def simulate_counts(
    labels: np.ndarray,
    pairs: np.ndarray,
    scores: np.ndarray,
    apart: np.ndarray | None = None,
    placed: np.ndarray | None = None,
    merge: float = np.inf,
    draws: int = DRAWS,
    calibration: float = CALIBRATION,
    seed: int = 0,
) -> np.ndarray:
    """The number of men in each of `draws` draws (see the module docstring)."""
    rng = np.random.default_rng(seed)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    scores = np.asarray(scores)
    # the shifts on a grid: each level's chances are worked out once, not once per draw
    levels = np.linspace(-calibration, calibration, _LEVELS)[:, None]
    level = rng.integers(0, _LEVELS, draws)
    a, b = labels[pairs[:, 0]], labels[pairs[:, 1]]
    stray = 1 - match_probability(stray_scores(labels, pairs, scores, placed)[None, :], levels)
    between = a != b
    if apart is not None:  # ruled out: never one man
        between &= ~np.asarray(apart, dtype=bool)
    k = np.flatnonzero(between)
    # strong enough to merge, and not merged: a conflict through the persons' other records kept
    # them apart, which may be the conflict of a record merged in error — as uncertain as the
    # strongest pair the clustering asks about, no more
    between_scores = np.minimum(scores[k].astype(np.float64), merge)
    likely = match_probability(between_scores, BETWEEN_SHIFT + calibration) >= FLOOR
    k, between_scores = k[likely], between_scores[likely]
    persons, best = strongest_between(a[k], b[k], between_scores)
    join = exclusive(persons, match_probability(best[None, :], BETWEEN_SHIFT + levels))
    likely = join.max(axis=0) >= FLOOR  # shared among many namesakes, a chance may fall below
    persons, best, join = persons[likely], best[likely], join[:, likely]
    stray, join = stray.astype(np.float32), join.astype(np.float32)
    out = np.full(draws, float(np.count_nonzero(np.bincount(labels))) if len(labels) else 0.0)
    shape = _shape(persons)
    cyclic = shape[0]
    # each stray record and each pair in a tree of persons moves the count by one: their sum
    out += _coin_sums(rng, stray, level)
    out -= _coin_sums(rng, join[:, ~cyclic], level)
    # the pairs in components with a cycle are drawn one by one and joined (union-find), a
    # block of draws at a time, the blocks on every core (each its own random stream)
    join = join[:, cyclic]
    step = max(1, _CHUNK // max(join.shape[1], 1))
    starts = list(range(0, draws if join.shape[1] else 0, step))

    def block(start: int, stream: np.random.Generator) -> np.ndarray:
        at = level[start : start + step]
        coins = stream.random((len(at), join.shape[1]), dtype=np.float32) < join[at]
        return _merges(coins, shape)

    with ThreadPoolExecutor(min(os.cpu_count() or 1, 4)) as pool:
        blocks = pool.map(block, starts, rng.spawn(len(starts)))
        for start, merged in zip(starts, blocks, strict=True):
            out[start : start + step] -= merged
    return out


def _coin_sums(rng: np.random.Generator, p: np.ndarray, level: np.ndarray) -> np.ndarray:
    """Per draw, how many of the coins (their chances `p`, a row per calibration level) come
    up: tossed one by one when few, and beyond `_FEW` drawn from the sum's normal law (mean
    Σp, variance Σp(1 − p)), which at tens of thousands of coins is the same to a man and
    spares a draw per coin."""
    if p.shape[1] > _FEW:
        mean, var = p.sum(axis=1, dtype=np.float64), (p * (1 - p)).sum(axis=1, dtype=np.float64)
        return np.maximum(np.round(rng.normal(mean[level], np.sqrt(var[level]))), 0.0)
    out = np.zeros(len(level))
    step = max(1, _CHUNK // max(p.shape[1], 1))
    for start in range(0, len(level) if p.shape[1] else 0, step):
        at = level[start : start + step]
        out[start : start + step] = (
            rng.random((len(at), p.shape[1]), dtype=np.float32) < p[at]
        ).sum(axis=1)
    return out


def stray_scores(
    labels: np.ndarray, pairs: np.ndarray, scores: np.ndarray, placed: np.ndarray | None
) -> np.ndarray:
    """Per record that may be another man: the score of its strongest link inside its person
    (the best linked record of each person, and records a person placed, draw nothing)."""
    n = len(labels)
    inside = labels[pairs[:, 0]] == labels[pairs[:, 1]]
    best = np.full(n, -np.inf)
    ends = pairs[inside].T.reshape(-1)
    values = np.concatenate([scores[inside], scores[inside]])
    order = np.argsort(values, kind="stable")
    best[ends[order]] = values[order]  # the strongest, assigned last, stays
    order = np.lexsort((-best, labels))
    anchor = np.zeros(n, dtype=bool)
    anchor[order[np.r_[True, labels[order][1:] != labels[order][:-1]]] if n else order] = True
    weak = np.isfinite(best) & ~anchor & (match_probability(best) < SURE)
    if placed is not None:
        weak &= ~np.asarray(placed, dtype=bool)
    return best[weak]


def strongest_between(a: np.ndarray, b: np.ndarray, scores: np.ndarray):
    """The pairs of persons (compact indices, rows) and each's best score: many record pairs
    between two persons are one question."""
    size = int(max(a.max(), b.max())) + 1 if len(a) else 1
    keys, inverse = np.unique(np.minimum(a, b) * size + np.maximum(a, b), return_inverse=True)
    best = np.full(len(keys), -np.inf)
    np.maximum.at(best, inverse.reshape(-1), scores)
    _, local = np.unique(np.stack([keys // size, keys % size], axis=1), return_inverse=True)
    return local.reshape(-1, 2), best


def exclusive(persons: np.ndarray, p: np.ndarray) -> np.ndarray:
    """A person is at most one other man: where his chances (draws × pairs) add up to more than
    one, each pair's is divided by the larger sum of its two persons."""
    size = int(persons.max()) + 1 if len(persons) else 0
    ends = persons.T.reshape(-1)  # every pair's first person, then every pair's second
    out = np.empty_like(p)
    for row in range(p.shape[0]):  # a calibration level at a time: no index of them all
        mass = np.maximum(np.bincount(ends, weights=np.tile(p[row], 2), minlength=size), 1.0)
        np.divide(p[row], np.maximum(mass[persons[:, 0]], mass[persons[:, 1]]), out=out[row])
    return out


def _shape(persons: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Which pairs lie in a component with a cycle (they need union-find), those pairs with
    their persons numbered from 0, and how many persons that is."""
    if not len(persons):
        return np.zeros(0, dtype=bool), np.zeros((0, 2), dtype=np.int64), 0
    size = int(persons.max()) + 1
    comp = components(size, persons)
    nodes = np.bincount(comp, minlength=size)
    edges = np.bincount(comp[persons[:, 0]], minlength=size)
    cyclic = (edges >= nodes)[comp[persons[:, 0]]]
    kept, local = np.unique(persons[cyclic], return_inverse=True)
    return cyclic, local.reshape(-1, 2), len(kept)


def _merges(coins: np.ndarray, shape: tuple[np.ndarray, np.ndarray, int]) -> np.ndarray:
    """Men lost per draw when the «same» coins of the pairs in components with a cycle join
    their persons: the persons a coin touches less the groups they form (every draw its own
    copy of those persons)."""
    _, edges, m = shape
    out = np.zeros(len(coins))
    draw, edge = np.nonzero(coins)
    if not len(draw):
        return out
    ends = edges[edge] + (draw * m)[:, None]
    touched, local = np.unique(ends, return_inverse=True)
    label = components(len(touched), local.reshape(-1, 2))
    groups = np.bincount(touched[label == np.arange(len(touched))] // m, minlength=len(coins))
    return out + np.bincount(touched // m, minlength=len(coins)) - groups


def run_interval(
    labels: np.ndarray,
    pairs: np.ndarray,
    scores: np.ndarray,
    *,
    merge: float,
    ruled_out: np.ndarray,
    same: list[tuple[int, int]],
    different: list[tuple[int, int]],
    pairs_pending: int,
) -> CountInterval:
    """A dedupe run's interval: `ruled_out` marks the pairs the evidence keeps apart (namesake
    conflicts); people's «different» decisions keep theirs apart too, and a record in a «same»
    decision is placed."""
    n = len(labels)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    apart = np.asarray(ruled_out, dtype=bool).copy()
    if different:
        lo, hi = pairs.min(axis=1), pairs.max(axis=1)
        d = np.array(different, dtype=np.int64).reshape(-1, 2)
        apart |= np.isin(lo * n + hi, d.min(axis=1) * n + d.max(axis=1))
    placed = np.zeros(n, dtype=bool)
    placed[np.array(same, dtype=np.int64).reshape(-1)] = True
    return count_interval(labels, pairs, scores, pairs_pending=pairs_pending, apart=apart,
                          placed=placed, merge=merge)  # fmt: skip


def count_weights(person_a: list, person_b: list, scores: np.ndarray) -> np.ndarray:
    """How much deciding each pair moves the count: the variance p(1 − p) of the man it may
    take away, for a pair that joins two persons (p as the draws take it, `BETWEEN_SHIFT`
    included). A pair inside one person moves nothing, and of several pairs between the same
    two persons only the strongest counts (deciding it answers the others)."""
    scores = np.asarray(scores, dtype=np.float64)
    p = match_probability(scores, BETWEEN_SHIFT)
    out = p * (1 - p)
    codes = {}
    a = np.array([codes.setdefault(x, len(codes)) for x in person_a], dtype=np.int64)
    b = np.array([codes.setdefault(x, len(codes)) for x in person_b], dtype=np.int64)
    out[a == b] = 0.0
    key = np.minimum(a, b) * max(len(codes), 1) + np.maximum(a, b)
    order = np.lexsort((-scores, key))
    repeat = np.zeros(len(key), dtype=bool)
    repeat[order[1:]] = key[order[1:]] == key[order[:-1]]
    out[repeat] = 0.0
    return out
