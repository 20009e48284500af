"""Weights fitted to the list at hand: Fellegi–Sunter expectation–maximisation over the blocked
candidate pairs of one run, started from the calibrated weights of `config.toml` (as Splink
trains its m probabilities).

u — how often a level turns up for two different men — is counted over random pairs of this
list's records: on a list of men executed on a few hundred days, a shared day of death is
common and proves less than on a list spread over three years. m — how often it turns up for
two records of one man — is re-estimated from the candidate pairs, each counted with the
probability, under the current weights, that it is one man. The calibrated weights enter as
the starting point and as a prior (a few dozen pairs' worth of m), and every fitted weight
stays within bounds of its start: its sign kept, moved at most `max_shift` bits, and moved
less where few pairs speak to it, so a small or odd list cannot run away with the model.
The ordering of a comparison's levels holds as well: an exact surname never counts for less
than a close one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dedupe.comparisons import COMPARISONS
from dedupe.config import Config, EMSettings
from dedupe.prepare import Features
from dedupe.score import Levels, by_rows, levels, surname_guard

# levels that must keep their order (each weighs at least what follows it), where present
ORDER = {
    "surname": ("exact", "close", "fair", "different"),
    "given": ("exact", "close", "different"),
    "patronymic": ("exact", "close", "different"),
    "birth": ("exact", "swapped", "month", "year", "near_year", "conflict"),
    "death": ("exact", "close", "window", "far", "conflict"),
    "region": ("same", "garrison", "different"),
}


@dataclass
class Fit:
    """The weights a run scores with, and what they were fitted from."""

    weights: dict[str, dict[str, float]]
    # per field and level: m, u, the starting and the fitted weight, for the run's figures
    levels: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    iterations: int = 0
    pairs: int = 0  # candidate pairs the fit read (a sample at a million records)
    matches: float = 0.0  # of them, the expected number of one man's
    skipped: str = ""  # why the calibrated weights were kept as they are

    def figures(self) -> dict:
        """A plain dict for a run's figures (JSON)."""
        return {
            "em": {
                "iterations": self.iterations,
                "pairs": self.pairs,
                "expected_matches": round(self.matches, 1),
                "skipped": self.skipped,
            },
            "levels": self.levels,
        }


def fit(
    f: Features, pairs: np.ndarray, lv: Levels, scores: np.ndarray, cfg: Config, seed: int = 15
) -> Fit:
    """Weights fitted to these candidate pairs (scored with `cfg`), within `cfg.em`'s bounds."""
    em = cfg.em
    start = {name: dict(cfg.weights[name]) for name in COMPARISONS}
    if not em.enabled:
        return Fit(start, skipped="switched off")
    if len(pairs) < em.min_pairs:
        return Fit(start, pairs=len(pairs), skipped=f"{len(pairs)} candidate pairs")
    rng = np.random.default_rng(seed)
    pick = (
        rng.choice(len(pairs), em.sample_pairs, replace=False)
        if len(pairs) > em.sample_pairs
        else np.arange(len(pairs))
    )
    by = {name: lv.by_field[name][pick] for name in COMPARISONS}
    base = scores[pick].astype(np.float64)
    u, u_counts = _u_from_random_pairs(f, em.random_pairs, rng)
    tables = {name: _table(start[name], c.keys) for name, c in COMPARISONS.items()}
    start_tables = {name: t.copy() for name, t in tables.items()}
    m0 = {name: _normalised(u[name] * np.exp2(start_tables[name])) for name in COMPARISONS}
    m = m0
    iterations = 0
    p = _posterior(base, by, tables, start_tables)
    if p.sum() < em.min_matches:
        return Fit(start, pairs=len(pick), matches=float(p.sum()), skipped="too few matches")
    for _ in range(em.iterations):
        iterations += 1
        m, support = {}, {}
        for name, c in COMPARISONS.items():
            k = len(c.keys)
            mass = np.bincount(by[name], weights=p, minlength=k)[:k]
            mass[0] = 0.0
            prior = em.prior_pairs * m0[name]
            m[name] = _normalised(mass + prior)
            support[name] = mass
        changed = 0.0
        for name, c in COMPARISONS.items():
            fitted = np.log2(m[name] / u[name])
            evidence = np.minimum(support[name], u_counts[name])
            new = _bounded(name, c.keys, start_tables[name], fitted, evidence, em)
            changed = max(changed, float(np.abs(new - tables[name]).max()))
            tables[name] = new
        p = _posterior(base, by, tables, start_tables)
        if changed < 0.01:
            break
    weights = {
        name: {key: round(float(tables[name][i]), 3) for i, key in enumerate(c.keys)}
        for name, c in COMPARISONS.items()
    }
    report = {
        name: {
            key: {
                "m": round(float(m[name][i]), 5),
                "u": round(float(u[name][i]), 6),
                "start": round(float(start_tables[name][i]), 3),
                "weight": weights[name][key],
            }
            for i, key in enumerate(c.keys)
            if i
        }
        for name, c in COMPARISONS.items()
    }
    return Fit(weights, report, iterations, len(pick), float(p.sum()))


def rescore(scores: np.ndarray, lv: Levels, cfg: Config, fitted: Fit) -> np.ndarray:
    """The pairs' scores with the fitted weights in place of the calibrated ones (the prior and
    the frequency adjustments are as they were)."""
    out = scores.astype(np.float32).copy()
    deltas = {}
    for name, c in COMPARISONS.items():
        delta = _table(fitted.weights[name], c.keys) - _table(cfg.weights[name], c.keys)
        if np.any(delta):
            deltas[name] = delta.astype(np.float32)

    def rows(lo: int, hi: int) -> None:  # a part of the pairs (`by_rows`: on threads)
        for name, delta in deltas.items():
            out[lo:hi] += delta[lv.by_field[name][lo:hi]]

    by_rows(len(out), rows)
    return surname_guard(out, lv, cfg)


def _table(weights: dict[str, float], keys: tuple[str, ...]) -> np.ndarray:
    return np.array([weights[k] for k in keys], dtype=np.float64)


def _normalised(x: np.ndarray) -> np.ndarray:
    """A distribution over the known levels (UNKNOWN, index 0, holds nothing)."""
    x = np.asarray(x, dtype=np.float64).copy()
    x[0] = 0.0
    x = np.maximum(x, 1e-12)
    x[0] = 1.0  # a placeholder so log2(m/u) of UNKNOWN is 0
    known = x[1:].sum()
    x[1:] /= known
    return x


def _posterior(base, by, tables, start_tables) -> np.ndarray:
    """The probability that each pair is one man, under the current weights."""
    s = base.copy()
    for name, t in tables.items():
        delta = t - start_tables[name]
        if np.any(delta):
            s += delta[by[name]]
    return 1.0 / (1.0 + np.exp2(-np.clip(s, -60, 60)))


def _u_from_random_pairs(
    f: Features, count: int, rng: np.random.Generator
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Each level's share among random pairs of usable records (nearly all of different men),
    over the pairs where both records say something; a half-pair smoothing keeps rare levels
    off zero. Also the counts themselves: how many random pairs speak to each level."""
    usable = np.flatnonzero(f.usable)
    if len(usable) < 2:
        usable = np.arange(len(f))
    count = min(count, 20 * len(usable))  # a small list has few distinct pairs to learn from
    a = usable[rng.integers(0, len(usable), count)]
    b = usable[rng.integers(0, len(usable), count)]
    keep = a != b
    random_lv = levels(f, np.stack([a[keep], b[keep]], axis=1)).by_field
    u, counted = {}, {}
    for name, c in COMPARISONS.items():
        counts = np.bincount(random_lv[name], minlength=len(c.keys))[: len(c.keys)].astype(float)
        counts[0] = 0.0
        u[name] = _normalised(counts + 0.5)
        counted[name] = counts
    return u, counted


def _bounded(
    name: str,
    keys: tuple[str, ...],
    start: np.ndarray,
    fitted: np.ndarray,
    evidence: np.ndarray,
    em: EMSettings,
) -> np.ndarray:
    """The fitted weights moved from the start only as far as the bounds allow: trusted by how
    many pairs speak to each level (`evidence`: the fewer of one man's and of random ones), at
    most `max_shift` bits, the sign kept, and the levels in their order."""
    if len(keys) < 3:  # one known level (a gender conflict): no distribution to fit
        return start.copy()
    trust = evidence / (evidence + em.trust_pairs)
    shift = np.clip(fitted - start, -em.max_shift, em.max_shift) * trust
    out = start + shift
    out = np.where(start > 0, np.maximum(out, 0.0), np.where(start < 0, np.minimum(out, 0.0), out))
    out[0] = start[0]
    chain = [keys.index(k) for k in ORDER.get(name, ()) if k in keys]
    for prev, nxt in zip(chain, chain[1:], strict=False):
        out[nxt] = min(out[nxt], out[prev])
    return out
