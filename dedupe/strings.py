"""Comparing name keys as strings: Jaro-Winkler similarity and slips of the pen (optimal string
alignment), each worked out once per distinct couple of keys among a run's pairs."""

from __future__ import annotations

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler

from dedupe.blocking import combine


def similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if len(a) == 0:
        return np.zeros(0, dtype=np.float32)
    return process.cpdist(list(a), list(b), scorer=JaroWinkler.normalized_similarity, workers=-1)


def slips(a: np.ndarray, b: np.ndarray, at_most: int) -> np.ndarray:
    """How many slips of the pen apart two keys are (optimal string alignment: a letter left
    out, added, doubled, wrong, or two swapped), counted up to `at_most`; 9 where the first
    letters differ or a key is under four letters: a slip rarely falls on the first letter,
    «Игорь» and «Егор» are two names, and one slip in a word of three makes another (Ян, Иван).
    Only pairs that can be that close are aligned (most candidate pairs are not)."""
    out = np.full(len(a), 9, dtype=np.int32)
    if len(a) == 0:
        return out
    ua, ub = a.astype(str), b.astype(str)
    la, lb = np.char.str_len(ua), np.char.str_len(ub)
    near = (ua.astype("U1") == ub.astype("U1")) & (np.minimum(la, lb) >= 4)
    near &= np.abs(la - lb) <= at_most
    k = np.flatnonzero(near)
    if k.size:
        out[k] = process.cpdist(
            list(a[k]), list(b[k]), scorer=OSA.distance, score_cutoff=at_most, workers=-1
        )
    return out


def distinct_couples(ha: np.ndarray, hb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For pairs of two name keys (hashes): the first pair of each distinct couple of keys,
    and which couple each pair is. A million records make tens of millions of candidate pairs
    but a few hundred thousand couples of names: strings are compared once per couple."""
    _, first, inverse = np.unique(
        combine(np.minimum(ha, hb), np.maximum(ha, hb)), return_index=True, return_inverse=True
    )
    return first, inverse.reshape(-1)
