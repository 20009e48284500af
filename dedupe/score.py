"""Scoring candidate pairs: evidence for and against one man, as additive log2-odds weights.

Each field compares at a level (exact, close, a window, a conflict, unknown); each level has a
weight in `config.toml`, estimated from labelled pairs of the stand-in world
(`bench/calibrate.py`). An exact surname or given name counts for more when it is rare and less
when it is common (term-frequency adjustment), so two «Иванов Сергей» prove less than two
«Бальжинимаев Баир». Whole columns are compared at once with numpy; string similarity comes
from rapidfuzz's vectorised `cpdist` on all threads.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from dedupe.config import Config
from dedupe.prepare import Features

# levels: 0 is always "one side does not say"
SURNAME = ("unknown", "exact", "close", "fair", "different")
GIVEN = ("unknown", "exact", "close", "initial", "initial_conflict", "different")
PATRONYMIC = GIVEN
BIRTH = (
    "unknown",
    "exact",
    "swapped",
    "month",
    "year",
    "near_year",
    "age_agrees",
    "age_disagrees",
    "day_conflict",
    "conflict",
)
DEATH = ("unknown", "exact", "close", "window", "month", "year", "far", "conflict")
SAME = ("unknown", "same", "different")
GENDER = ("unknown", "conflict")
FIELDS = {
    "surname": SURNAME,
    "given": GIVEN,
    "patronymic": PATRONYMIC,
    "gender": GENDER,
    "birth": BIRTH,
    "death": DEATH,
    "region": SAME,
    "unit": SAME,
    "category": SAME,
}


@dataclass
class Levels:
    """The comparison level of every field for every pair."""

    by_field: dict[str, np.ndarray]

    def explain(self, k: int) -> str:
        parts = []
        for name, levels in self.by_field.items():
            level = FIELDS[name][int(levels[k])]
            if level != "unknown":
                parts.append(f"{name} {level}")
        return "; ".join(parts)


def _similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if len(a) == 0:
        return np.zeros(0, dtype=np.float32)
    return process.cpdist(list(a), list(b), scorer=JaroWinkler.normalized_similarity, workers=-1)


def _name_levels(h_a, h_b, text_a, text_b, init_a, init_b, initials: bool) -> np.ndarray:
    level = np.zeros(len(h_a), dtype=np.int8)
    both = (h_a != 0) & (h_b != 0)
    level[both & (h_a == h_b)] = 1
    differ = np.flatnonzero(both & (h_a != h_b))
    if differ.size:
        sim = _similarity(text_a[differ], text_b[differ])
        if initials:  # given name or patronymic: close, or different
            level[differ] = np.where(sim >= 0.93, 2, 5)
        else:  # surname: close, fair, different
            level[differ] = np.where(sim >= 0.92, 2, np.where(sim >= 0.85, 3, 4))
    if initials:
        partial = ~both & (init_a != 0) & (init_b != 0)
        level[partial] = np.where(init_a[partial] == init_b[partial], 3, 4)
    return level


def _given_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """As any name part, and a short form that may stand for the other's name («Слава» and
    «Владислав») is close, not different."""
    level = _name_levels(
        f.given[a],
        f.given[b],
        f.given_text[a],
        f.given_text[b],
        f.given_initial[a],
        f.given_initial[b],
        initials=True,
    )
    differ = level == 5
    if differ.any():
        ga, gb = f.given[a][:, None], f.given[b][:, None]
        either = (f.given_alt[b] == ga).any(axis=1) | (f.given_alt[a] == gb).any(axis=1)
        level[differ & either] = 2
    return level


def _birth_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    ya, yb = f.birth_y[a].astype(np.int32), f.birth_y[b].astype(np.int32)
    ma, mb = f.birth_m[a], f.birth_m[b]
    da, db = f.birth_d[a], f.birth_d[b]
    level = np.zeros(len(a), dtype=np.int8)
    both = (ya > 0) & (yb > 0)
    full = both & (da > 0) & (db > 0)
    month = both & (ma > 0) & (mb > 0)
    same_y = ya == yb
    level[both & same_y] = 4
    level[both & (np.abs(ya - yb) == 1)] = 5
    level[both & (np.abs(ya - yb) > 1)] = 9
    level[month & same_y & (ma == mb)] = 3
    level[full & same_y & ~((ma == mb) & (da == db))] = 8
    level[full & same_y & (ma == db) & (da == mb) & (ma != mb)] = 2
    level[full & same_y & (ma == mb) & (da == db)] = 1
    # a birth year derived from an age at death is worth a little, either way; the age is
    # counted back from the record's own death year, or the other's (one man, one death)
    dy_a, dy_b = f.death_y[a].astype(np.int32), f.death_y[b].astype(np.int32)
    year_a, year_b = np.where(dy_a > 0, dy_a, dy_b), np.where(dy_b > 0, dy_b, dy_a)
    age_a, age_b = f.age[a].astype(np.int32), f.age[b].astype(np.int32)
    derived_a = np.where(ya > 0, ya, np.where((age_a > 0) & (year_a > 0), year_a - age_a, 0))
    derived_b = np.where(yb > 0, yb, np.where((age_b > 0) & (year_b > 0), year_b - age_b, 0))
    via_age = ~both & (derived_a > 0) & (derived_b > 0)
    close = np.abs(derived_a - derived_b) <= 1
    level[via_age & close] = 6
    level[via_age & ~close] = 7
    # two ages at death and no year to place them: one man died at one age (give or take one)
    ages = (level == 0) & (f.age[a] > 0) & (f.age[b] > 0)
    same_age = np.abs(f.age[a].astype(np.int32) - f.age[b]) <= 1
    level[ages & same_age] = 6
    level[ages & ~same_age] = 7
    return level


def _death_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    oa, ob = f.death_ord[a].astype(np.int64), f.death_ord[b].astype(np.int64)
    pa, pb = f.death_prec[a], f.death_prec[b]
    prec = np.minimum(pa, pb)
    gap = np.abs(oa - ob)
    level = np.zeros(len(a), dtype=np.int8)
    day = prec == 3
    # a funeral or a report date sits days to weeks after the death: a window, not equality
    level[day] = np.select(
        [gap[day] == 0, gap[day] <= 3, gap[day] <= 45, gap[day] <= 120], [1, 2, 3, 6], 7
    )
    mon = prec == 2
    level[mon] = np.select([gap[mon] <= 31, gap[mon] <= 120], [4, 6], 7)
    year = prec == 1
    same_year = f.death_y[a] == f.death_y[b]
    level[year] = np.where(same_year[year], 5, 7)
    return level


def _same(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    level = np.zeros(len(x), dtype=np.int8)
    both = (x != 0) & (y != 0)
    level[both] = np.where(x[both] == y[both], 1, 2)
    return level


def levels(f: Features, pairs: np.ndarray) -> Levels:
    a, b = pairs[:, 0], pairs[:, 1]
    gender = ((f.gender[a] != 0) & (f.gender[b] != 0) & (f.gender[a] != f.gender[b])).astype(
        np.int8
    )
    return Levels(
        {
            "surname": _name_levels(
                f.surname[a],
                f.surname[b],
                f.surname_text[a],
                f.surname_text[b],
                None,
                None,
                initials=False,
            ),
            "given": _given_levels(f, a, b),
            "patronymic": _name_levels(
                f.patronymic[a],
                f.patronymic[b],
                f.patronymic_text[a],
                f.patronymic_text[b],
                f.patronymic_initial[a],
                f.patronymic_initial[b],
                initials=True,
            ),
            "gender": gender,
            "birth": _birth_levels(f, a, b),
            "death": _death_levels(f, a, b),
            "region": _same(f.region[a], f.region[b]),
            "unit": _same(f.unit[a], f.unit[b]),
            "category": _same(f.category[a], f.category[b]),
        }
    )


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
    total = np.full(len(pairs), cfg.prior(n_usable), dtype=np.float32)
    for name, level in lv.by_field.items():
        table = np.array([cfg.weight(name, lvl) for lvl in FIELDS[name]], dtype=np.float32)
        total += table[level]
    tf = tf if tf is not None else frequency_adjustments(f, cfg)
    a, b = pairs[:, 0], pairs[:, 1]
    for name in ("surname", "given"):
        exact = lv.by_field[name] == 1
        # a shared rare name is worth more; the adjustment of the rarer side counts
        total[exact] += np.maximum(tf[name][a], tf[name][b])[exact]
    return total, lv


def frequency_adjustments(f: Features, cfg: Config) -> dict[str, np.ndarray]:
    return {
        "surname": term_frequency_adjustment(f.surname, cfg.tf_cap),
        "given": term_frequency_adjustment(f.given, cfg.tf_cap),
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
        return np.zeros(0, dtype=np.float32), Levels({k: np.zeros(0, np.int8) for k in FIELDS})
    scores = np.concatenate([s for s, _ in parts])
    by_field = {k: np.concatenate([lv.by_field[k] for _, lv in parts]) for k in FIELDS}
    return scores, Levels(by_field)
