"""Candidate pairs: only records that share a blocking key are compared.

Several keys, so that a true pair missed by one (a typo in the surname, a short form of the
given name, no patronymic, a funeral date for a death date) is caught by another. Within a key,
records are sorted by death date: a group up to `cap` records is compared all against all, a
bigger one (Иванов А., a common name) only within a window of neighbours in that order.
Everything is numpy over whole columns; no Python loop runs per record.
"""

from __future__ import annotations

import numpy as np

from dedupe.prepare import Features, stable_hash

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


def deletion_keys(f: Features) -> tuple[np.ndarray, np.ndarray]:
    """Every surname with one letter left out, joined with the given name's initial, as
    (record, key) entries: two spellings one typo apart (Зверев and Зерев, Кузнецов and
    Куунецов, Силин and Силтин) share one of them. Computed once per distinct surname."""
    codes, first, inverse = np.unique(f.surname, return_index=True, return_inverse=True)
    variant_rows, variant_keys = [], []
    for row, (code, text) in enumerate(zip(codes.tolist(), f.surname_text[first], strict=True)):
        if not code or len(text) < 4:
            continue
        for v in {text[:k] + text[k + 1 :] for k in range(len(text))}:
            variant_rows.append(row)
            variant_keys.append(stable_hash("~" + v))
    if not variant_rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows = np.asarray(variant_rows, dtype=np.int64)
    keys = np.asarray(variant_keys, dtype=np.int64)
    # variants of each distinct surname, then the records that have it
    starts = np.searchsorted(rows, np.arange(len(codes)))
    counts = np.bincount(rows, minlength=len(codes))
    record_counts = counts[inverse]
    record = np.repeat(np.arange(len(f)), record_counts)
    offset = np.arange(record_counts.sum()) - np.repeat(
        np.cumsum(record_counts) - record_counts, record_counts
    )
    variant = keys[starts[inverse][record] + offset]
    key = combine(variant, f.given_initial[record])
    keep = (key != 0) & f.usable[record]
    return record[keep], key[keep]


def _pairs_of_entries(
    record: np.ndarray,
    key: np.ndarray,
    order: np.ndarray,
    cap: int,
    window: int,
    differ: np.ndarray | None = None,
) -> np.ndarray:
    """Pairs of records sharing a key, from (record, key) entries: all against all within a
    group of up to `cap`, a window of neighbours in `order` beyond. With `differ`, only pairs
    whose values in it differ (the rest another key already gives)."""
    valid = key != 0
    record, key = record[valid], key[valid]
    if record.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    idx = np.lexsort((order[record], key))
    sk, sv = key[idx], record[idx]
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
            a, b = sv[active], sv[other]
            keep = a != b
            if differ is not None:
                keep &= differ[a] != differ[b]
            out.append(np.stack([a[keep], b[keep]], axis=1))
        step += 1
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    return np.concatenate(out)


def _pairs_of_key(key: np.ndarray, order: np.ndarray, cap: int, window: int) -> np.ndarray:
    return _pairs_of_entries(np.arange(len(key)), key, order, cap, window)


def candidate_pairs(
    f: Features, cap: int = 200, window: int = 40, only: np.ndarray | None = None
) -> np.ndarray:
    """Array (m, 2) of index pairs i < j sharing a key, each pair once. With `only` (a bool
    mask), just the pairs touching a marked record: an incremental run's new records."""
    n = len(f)
    order = f.death_ord.astype(np.int64) * 4096 + f.birth_y.astype(np.int64)
    found = [_pairs_of_key(key, order, cap, window) for key in blocking_keys(f).values()]
    record, key = deletion_keys(f)
    found.append(_pairs_of_entries(record, key, order, cap, window, differ=f.surname))
    pairs = np.concatenate(found) if found else np.zeros((0, 2), dtype=np.int64)
    if only is not None and len(pairs):
        pairs = pairs[only[pairs[:, 0]] | only[pairs[:, 1]]]
    lo = np.minimum(pairs[:, 0], pairs[:, 1])
    hi = np.maximum(pairs[:, 0], pairs[:, 1])
    codes = np.unique(lo * np.int64(n) + hi)
    return np.stack([codes // n, codes % n], axis=1)
