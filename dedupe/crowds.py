"""A name the list holds many times is worth what its count allows.

Two records of «Прокофьев Юлиан Станиславович» agree on a rare surname, a rare given name and a
patronymic: the per-part frequency adjustments make that worth some twenty bits, enough to merge
them with nothing else said. But if the list holds that full name five times and a man has
about `records_per_person` records, the five are likely two men, and the name alone says only
that a pair of them is one man with odds about (r − 1) / (k − r), for k records of the name.

`name_limits` gives each record that limit for its surname and given name, and for its full
name with the patronymic; `cap` holds the part of a pair's score that the name makes (prior,
surname, given name, patronymic and their frequency adjustments) to the limit of the name they
share. Dates, places and units count on top as before. A name held by no more records than one
man has is not touched.
"""

from __future__ import annotations

import numpy as np

from dedupe.blocking import combine
from dedupe.comparisons import Given, Patronymic, Surname
from dedupe.config import Config
from dedupe.prepare import Features
from dedupe.score import Levels

FLOOR = 0.5  # k − r below this counts as this: a name the list holds about once per man


def name_limits(f: Features, cfg: Config, conflicts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per record, the most its name may say (log2 odds of one man): by surname and given
    name, and by surname, given name and patronymic; +inf where the record lacks the parts, and
    for a name none of whose records are known to be two men (`conflicts`: pairs whose dates
    cannot be one man's). Five bare «Петров Иван» may be one man; five of whom two were born
    years apart are not."""
    known = f.usable & (f.surname != 0) & (f.given != 0)
    two = np.where(known, combine(f.surname, f.given), 0)
    three = np.where(known & (f.patronymic != 0), combine(f.surname, f.given, f.patronymic), 0)
    return (
        _limit(_crowded(two, conflicts), cfg.records_per_person),
        _limit(_crowded(three, conflicts), cfg.records_per_person),
    )


def _crowded(key: np.ndarray, conflicts: np.ndarray) -> np.ndarray:
    """`key` where a conflict joins two records of it, else 0."""
    a, b = key[conflicts[:, 0]], key[conflicts[:, 1]]
    two_men = np.unique(a[(a == b) & (a != 0)])
    return np.where(np.isin(key, two_men), key, 0)


def _limit(key: np.ndarray, r: float) -> np.ndarray:
    out = np.full(len(key), np.inf, dtype=np.float32)
    known = key != 0
    if known.any():
        _, inverse, counts = np.unique(key[known], return_inverse=True, return_counts=True)
        k = counts[inverse].astype(np.float64)
        limit = np.log2(max(r - 1.0, 1e-3) / np.maximum(k - r, FLOOR))
        out[known] = np.where(k > r, limit, np.inf)  # no more records than one man has
    return out


def cap(
    scores: np.ndarray,
    lv: Levels,
    pairs: np.ndarray,
    cfg: Config,
    limits: tuple[np.ndarray, np.ndarray],
    tf: dict[str, np.ndarray],
    usable: int,
) -> np.ndarray:
    """`scores` with the name's part held to the limit of the name both records share."""
    by = lv.by_field
    k = np.flatnonzero((by["surname"] == Surname.EXACT) & (by["given"] == Given.EXACT))
    if not len(k):
        return scores
    a, b = pairs[k, 0], pairs[k, 1]
    w = cfg.weights
    name = (
        cfg.prior(usable)
        + w["surname"]["exact"]
        + w["given"]["exact"]
        + np.maximum(tf["surname"][a], tf["surname"][b])
        + np.maximum(tf["given"][a], tf["given"][b])
    )
    two, three = limits
    limit = np.maximum(two[a], two[b])
    full = (by["patronymic"][k] == Patronymic.EXACT) & np.isfinite(three[a] + three[b])
    name = np.where(full, name + w["patronymic"]["exact"], name)
    limit = np.where(full, np.maximum(three[a], three[b]), limit)
    out = scores.copy()
    out[k] += np.minimum(0.0, limit - name).astype(out.dtype)
    return out
