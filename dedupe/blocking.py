"""Candidate pairs: only records that share a blocking key are compared.

Several keys, so that a true pair missed by one (a typo in the surname, a short form of the
given name, no patronymic, a funeral date for a death date) is caught by another. Within a key,
records are sorted by death date: a group up to `cap` records is compared all against all, a
bigger one (Иванов А., a common name) only within a window of neighbours in that order.
Everything is numpy over whole columns; no Python loop runs per record.
"""

from __future__ import annotations

import numpy as np

from dedupe.prepare import Features

_MIX = np.uint64(0x9E3779B97F4A7C15)
_MASK = np.uint64(0x7FFFFFFFFFFFFFFF)


def combine(*parts: np.ndarray) -> np.ndarray:
    """One int64 key from several hash columns; 0 wherever any part is unknown (0)."""
    known = np.ones(len(parts[0]), dtype=bool)
    acc = np.zeros(len(parts[0]), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for part in parts:
            known &= part != 0
            acc = (acc * _MIX) ^ part.astype(np.uint64)
    out = (acc & _MASK).astype(np.int64)
    out[out == 0] = 1
    out[~known] = 0
    return out


def blocking_keys(f: Features) -> dict[str, np.ndarray]:
    """The keys, each an int64 column (0 = this record has no such key)."""
    usable = f.usable
    year = f.birth_y.astype(np.int64)
    birth_or_age = np.where(
        year > 0,
        year,
        np.where((f.age > 0) & (f.death_y > 0), f.death_y.astype(np.int64) - f.age, 0),
    )
    death_month = np.where(f.death_prec >= 2, f.death_ord // 30, 0).astype(np.int64)
    keys = {
        # the surname with the first letter of the given name (initials match too)
        "surname+initial": combine(f.surname, f.given_initial),
        # given name and patronymic with a year: surname typos and transliterations
        "given+patronymic+year": combine(f.given, f.patronymic, birth_or_age),
        # surname and birth year: a given name written in an unexpected way
        "surname+year": combine(f.surname, birth_or_age),
        # surname prefix, given name, death month: the end of the surname mistyped
        "prefix+given+death": combine(f.surname_prefix, f.given, death_month),
        # given name, patronymic initial, death month: a surname garbled at its start
        "given+death": combine(f.given, f.patronymic_initial, death_month),
        # the surname's consonants and the first initial: Ivnov for Ivanov, Ahafonov for
        # Agafonov, a short form against an initial
        "skeleton+initial": combine(f.surname_skeleton, f.given_initial),
    }
    for name in keys:
        keys[name][~usable] = 0
    return keys


def _pairs_of_key(key: np.ndarray, order: np.ndarray, cap: int, window: int) -> np.ndarray:
    valid = np.flatnonzero(key != 0)
    if valid.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    k = key[valid]
    idx = np.lexsort((order[valid], k))
    sk, sv = k[idx], valid[idx]
    boundary = np.r_[True, sk[1:] != sk[:-1]]
    starts = np.flatnonzero(boundary)
    sizes = np.diff(np.r_[starts, len(sk)])
    size_of = np.repeat(sizes, sizes)
    reach = np.where(size_of <= cap, size_of - 1, window)
    active = np.flatnonzero(reach > 0)
    out = []
    step = 1
    while active.size:
        other = active + step
        inside = other < len(sk)
        active, other = active[inside], other[inside]
        same = (sk[active] == sk[other]) & (step <= reach[active])
        active, other = active[same], other[same]
        if active.size:
            out.append(np.stack([sv[active], sv[other]], axis=1))
        step += 1
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    return np.concatenate(out)


def candidate_pairs(
    f: Features, cap: int = 200, window: int = 40, only: np.ndarray | None = None
) -> np.ndarray:
    """Array (m, 2) of index pairs i < j sharing a key, each pair once. With `only` (a bool
    mask), just the pairs touching a marked record: an incremental run's new records."""
    n = len(f)
    order = f.death_ord.astype(np.int64) * 4096 + f.birth_y.astype(np.int64)
    found = [_pairs_of_key(key, order, cap, window) for key in blocking_keys(f).values()]
    pairs = np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)
    if only is not None and len(pairs):
        pairs = pairs[only[pairs[:, 0]] | only[pairs[:, 1]]]
    lo = np.minimum(pairs[:, 0], pairs[:, 1])
    hi = np.maximum(pairs[:, 0], pairs[:, 1])
    codes = np.unique(lo * np.int64(n) + hi)
    return np.stack([codes // n, codes % n], axis=1)
