"""Scoring candidate pairs: evidence for and against one man, as additive log2-odds weights.

Each field compares at a level (exact, close, a window, a conflict, unknown), as the registered
comparisons of `dedupe/comparisons.py` compute it; each level has a weight in `config.toml`,
estimated from labelled pairs of the stand-in world (`bench/calibrate.py`). An exact surname or
given name counts for more when it is rare and less when it is common (term-frequency
adjustment), so two «Иванов Сергей» prove less than two «Бальжинимаев Баир». Whole columns are
compared at once with numpy.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from dedupe.comparisons import COMPARISONS
from dedupe.config import Config
from dedupe.prepare import Features


@dataclass
class Levels:
    """The comparison level of every field for every pair, by comparison name."""

    by_field: dict[str, np.ndarray]

    def explain(self, k: int) -> str:
        """The levels of pair `k` that say something, for people: «surname exact; birth
        conflict»."""
        parts = []
        for c in COMPARISONS.values():
            value = int(self.by_field[c.name][k])
            if value:
                parts.append(f"{c.name} {c.key(value)}")
        return "; ".join(parts)


def explain_many(lv: Levels, ks: np.ndarray) -> list[str]:
    """`lv.explain(k)` for each k, worked out once per combination of levels (a review queue
    of a million records holds 180,000 pairs but a few thousand combinations)."""
    ks = np.asarray(ks, dtype=np.int64)
    if not len(ks):
        return []
    grid = np.stack([lv.by_field[c.name][ks] for c in COMPARISONS.values()], axis=1)
    combos, first, which = np.unique(grid, axis=0, return_index=True, return_inverse=True)
    said = [lv.explain(int(ks[i])) for i in first.tolist()]
    return [said[w] for w in which.reshape(-1).tolist()]


# From this many pairs the comparisons run side by side on threads (numpy and rapidfuzz let go
# of the interpreter lock for whole columns: nearly twice as fast on two cores).
THREADS_FROM = 200_000


# A comparison's working arrays take ~50 bytes a pair: pairs are compared this many at a time
# (a million records make twenty million pairs: 1 GB a comparison at once, two on two threads)
CHUNK = 5_000_000


def levels(f: Features, pairs: np.ndarray) -> Levels:
    """Every registered comparison's level for every pair (rows of record indices), `CHUNK`
    pairs at a time."""
    if len(pairs) <= CHUNK:
        return _levels(f, pairs)
    out = {name: np.zeros(len(pairs), dtype=np.int8) for name in COMPARISONS}
    for start in range(0, len(pairs), CHUNK):
        part = _levels(f, pairs[start : start + CHUNK])
        for name, values in part.by_field.items():
            out[name][start : start + CHUNK] = values
    return Levels(out)


def _levels(f: Features, pairs: np.ndarray) -> Levels:
    a, b = pairs[:, 0], pairs[:, 1]

    def level(c) -> np.ndarray:
        return np.asarray(c.compute(f, a, b), dtype=np.int8)

    if len(pairs) < THREADS_FROM or (os.cpu_count() or 1) < 2:
        return Levels({name: level(c) for name, c in COMPARISONS.items()})
    with ThreadPoolExecutor(min(os.cpu_count() or 1, 4)) as pool:
        done = {name: pool.submit(level, c) for name, c in COMPARISONS.items()}
        return Levels({name: future.result() for name, future in done.items()})


def term_frequency_adjustment(codes: np.ndarray, cap: float) -> dict[int, float] | np.ndarray:
    """log2(Σp² / p_value) per record's value, clipped to ±cap: positive for a rare value,
    negative for a common one; 0 for unknown."""
    known = codes != 0
    if not known.any():
        return np.zeros(len(codes), dtype=np.float32)
    values, inverse, counts = np.unique(codes[known], return_inverse=True, return_counts=True)
    p = counts / counts.sum()
    collision = float(np.sum(p * p))
    # a few hundred records say little about how common a name is: trust the counts gradually
    trust = min(1.0, counts.sum() / 5000)
    adjustment = (trust * np.clip(np.log2(collision / p), -cap, cap)).astype(np.float32)
    out = np.zeros(len(codes), dtype=np.float32)
    out[known] = adjustment[inverse]
    return out


def score(
    f: Features,
    pairs: np.ndarray,
    cfg: Config,
    tf: dict[str, np.ndarray] | None = None,
    usable: int | None = None,
) -> tuple[np.ndarray, Levels]:
    """Total weight per pair (prior + every field's level weight + frequency adjustments).
    `tf` and `usable` (the frequency adjustments and the number of usable records of the whole
    set) let a part of the records be scored alone, as a worker scores one chunk of pairs."""
    lv = levels(f, pairs)
    n_usable = int(f.usable.sum()) if usable is None else usable
    tables = {
        name: np.array([cfg.weight(name, key) for key in c.keys], dtype=np.float32)
        for name, c in COMPARISONS.items()
    }
    tf = tf if tf is not None else frequency_adjustments(f, cfg)
    total = np.empty(len(pairs), dtype=np.float32)

    def rows(lo: int, hi: int) -> None:
        part = total[lo:hi]  # a view: the sums are taken in place
        part[:] = cfg.prior(n_usable)
        for name in COMPARISONS:
            part += tables[name][lv.by_field[name][lo:hi]]
        a, b = pairs[lo:hi, 0], pairs[lo:hi, 1]
        for name, c in COMPARISONS.items():
            if c.frequency:
                exact = lv.by_field[name][lo:hi] == c.levels["EXACT"]
                # a shared rare name is worth more; the adjustment of the rarer side counts
                part[exact] += np.maximum(tf[name][a], tf[name][b])[exact]

    by_rows(len(pairs), rows)
    return surname_guard(total, lv, cfg), lv


def by_rows(n: int, work: Callable[[int, int], None]) -> None:
    """`work(lo, hi)` over rows 0…n in parts, side by side on threads from `THREADS_FROM`
    rows: each row's sum is taken in the same order as in one pass, so the totals are the
    same to the bit."""
    parts = min(os.cpu_count() or 1, 4) if n >= THREADS_FROM else 1
    cuts = np.linspace(0, n, parts + 1).astype(np.int64).tolist()
    if parts == 1:
        work(0, n)
        return
    with ThreadPoolExecutor(parts) as pool:
        list(pool.map(work, cuts[:-1], cuts[1:]))


def surname_guard(total: np.ndarray, lv: Levels, cfg: Config) -> np.ndarray:
    """Two wholly different surnames (not a slip, not another spelling) are two men whatever
    else agrees: on a list of the executed, «Данберг Ян Янович» and «Рауман Ян Янович» share a
    birth year and a day of death. Their score is held at `cfg.different_surname`."""
    if "surname" in lv.by_field:
        different = lv.by_field["surname"] == COMPARISONS["surname"].levels["DIFFERENT"]
        total[different] = np.minimum(total[different], cfg.different_surname)
    return total


def frequency_adjustments(f: Features, cfg: Config) -> dict[str, np.ndarray]:
    """Per comparison with a frequency adjustment, each record's (see
    `term_frequency_adjustment`)."""
    return {
        name: term_frequency_adjustment(getattr(f, c.frequency), cfg.tf_cap)
        for name, c in COMPARISONS.items()
        if c.frequency
    }


def split_for_workers(
    f: Features, pairs: np.ndarray, cfg: Config, chunks: int
) -> list[tuple[Features, np.ndarray, dict[str, np.ndarray], int]]:
    """The candidate pairs in `chunks` parts, each with only the records it touches (and their
    frequency adjustments): what a worker needs to score its part alone."""
    tf = frequency_adjustments(f, cfg)
    usable = int(f.usable.sum())
    out = []
    for part in np.array_split(pairs, max(chunks, 1)):
        if not len(part):
            continue
        rows, local = np.unique(part, return_inverse=True)
        out.append(
            (
                f.take(rows),
                local.reshape(-1, 2),
                {k: v[rows] for k, v in tf.items()},
                usable,
            )
        )
    return out


def join_scored(parts: list[tuple[np.ndarray, Levels]]) -> tuple[np.ndarray, Levels]:
    """The workers' scores and levels back in the order of the pairs."""
    if not parts:
        return np.zeros(0, dtype=np.float32), Levels({k: np.zeros(0, np.int8) for k in COMPARISONS})
    scores = np.concatenate([s for s, _ in parts])
    by_field = {k: np.concatenate([lv.by_field[k] for _, lv in parts]) for k in COMPARISONS}
    return scores, Levels(by_field)
