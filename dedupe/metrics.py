"""How good a clustering is against the truth: precision, recall and F1 over record pairs, and
the count error (persons found against true persons). Counted from cluster sizes, so a
million records take a second, not the square of a million."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PairMetrics:
    precision: float
    recall: float
    f1: float
    persons: int
    true_persons: int

    @property
    def count_error(self) -> float:
        return (self.persons - self.true_persons) / self.true_persons if self.true_persons else 0.0


def _pairs(counts: np.ndarray) -> int:
    counts = counts.astype(np.int64)
    return int(np.sum(counts * (counts - 1) // 2))


def _codes(values) -> np.ndarray:
    _, inverse = np.unique(np.asarray(values, dtype=object).astype(str), return_inverse=True)
    return inverse.astype(np.int64)


def pair_metrics(found: list | np.ndarray, truth: list | np.ndarray) -> PairMetrics:
    """`found[k]` and `truth[k]` are the cluster and the true person of record k."""
    f, t = _codes(found), _codes(truth)
    both = f * (int(t.max()) + 1 if len(t) else 1) + t
    tp = _pairs(np.unique(both, return_counts=True)[1])
    predicted = _pairs(np.unique(f, return_counts=True)[1])
    real = _pairs(np.unique(t, return_counts=True)[1])
    precision = tp / predicted if predicted else 1.0
    recall = tp / real if real else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairMetrics(precision, recall, f1, len(np.unique(f)), len(np.unique(t)))


@dataclass(frozen=True)
class CountParts:
    """Where a count's error comes from: persons found − true persons = split − merged."""

    split: int  # extra persons a man's records went to (a man in three persons: 2)
    merged: int  # men who share a person with another man (two men in one person: 1)
    stray: int  # records alone in a person though their man has other records


def count_parts(found: list | np.ndarray, truth: list | np.ndarray) -> CountParts:
    """`found[k]` and `truth[k]` are the cluster and the true person of record k."""
    f, t = _codes(found), _codes(truth)
    if not len(f):
        return CountParts(0, 0, 0)
    width = int(f.max()) + 1
    both = np.unique(t * width + f)  # each (man, person) that holds records of both
    split = int(np.sum(np.bincount(both // width) - 1))
    merged = int(np.sum(np.bincount(both % width) - 1))  # `_codes` are 0…k−1, every one used
    alone = np.bincount(f)[f] == 1
    stray = int(np.count_nonzero(alone & (np.bincount(t)[t] > 1)))
    return CountParts(split, merged, stray)
