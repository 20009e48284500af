"""Scoring a candidate pair: evidence for and against one man, as additive log-odds weights.

Each field contributes what its agreement or disagreement says; the weights live in
`config.toml` so they can be calibrated without touching code. A different given name, birth
date or death date counts heavily against: brothers and namesakes share everything else.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import JaroWinkler

from dedupe.config import Weights
from dedupe.prepare import Features


@dataclass(frozen=True)
class PairScore:
    score: float
    reasons: tuple[str, ...]


def _birth(f: Features, i: int, j: int, w: Weights, why: list[str]) -> float:
    (ya, ma, da), (yb, mb, db) = f.birth[i], f.birth[j]
    if not ya or not yb:
        # a birth year derived from an age at death is worth a little
        ya = ya or _year_from_age(f, i)
        yb = yb or _year_from_age(f, j)
        if ya and yb:
            if abs(ya - yb) <= 1:
                why.append("birth year ≈ age")
                return w.birth_year_from_age
            why.append("birth year ≠ age")
            return w.birth_conflict
        return 0.0
    if da and db:
        if (ya, ma, da) == (yb, mb, db):
            why.append("birth date =")
            return w.birth_exact
        if ya == yb and (ma, da) == (db, mb):
            why.append("birth day/month swapped")
            return w.birth_swapped
        if ya == yb and ma == mb:
            why.append("birth month =")
            return w.birth_month
        if ya == yb:
            why.append("birth year =, day ≠")
            return w.birth_day_conflict
        why.append("birth date ≠")
        return w.birth_conflict
    if ya == yb:
        why.append("birth year =")
        return w.birth_year
    if abs(ya - yb) == 1:
        return 0.0
    why.append("birth year ≠")
    return w.birth_conflict


def _year_from_age(f: Features, i: int) -> int:
    age, year = int(f.age[i]), int(f.death[i, 0])
    return year - age if age > 0 and year else 0


def _death(f: Features, i: int, j: int, w: Weights, why: list[str]) -> float:
    a, b = int(f.death_ord[i]), int(f.death_ord[j])
    pa, pb = int(f.death_prec[i]), int(f.death_prec[j])
    if not a or not b:
        # a funeral date on one side against a death date on the other: a window, not equality
        fa, fb = int(f.funeral_ord[i]), int(f.funeral_ord[j])
        if a and fb and 0 <= fb - a <= 90 or b and fa and 0 <= fa - b <= 90:
            why.append("funeral after death")
            return w.death_window
        return 0.0
    gap = abs(a - b)
    if min(pa, pb) == 3:
        if gap == 0:
            why.append("death date =")
            return w.death_exact
        if gap <= 3:
            why.append("death ±3 days")
            return w.death_close
        if gap <= 45:
            why.append("death within 45 days")
            return w.death_window
        if gap <= 120:
            return w.death_far
        why.append("death date ≠")
        return w.death_conflict
    if min(pa, pb) == 2:
        if gap <= 31:
            why.append("death month =")
            return w.death_month
        return w.death_conflict if gap > 120 else w.death_far
    if f.death[i, 0] == f.death[j, 0]:
        return 0.0
    why.append("death year ≠")
    return w.death_conflict


def score_pair(f: Features, i: int, j: int, w: Weights) -> PairScore:
    why: list[str] = []
    a, b = f.names[i], f.names[j]
    total = w.prior
    sim = JaroWinkler.similarity(a.surname, b.surname)
    if a.surname == b.surname:
        total += w.surname_exact
        why.append("surname =")
    elif sim >= 0.93:
        total += w.surname_close
        why.append(f"surname ≈ {sim:.2f}")
    else:
        total += w.surname_conflict
        why.append("surname ≠")
    if a.given and b.given:
        if a.given == b.given:
            total += w.given_exact
            why.append("given =")
        elif JaroWinkler.similarity(a.given, b.given) >= 0.95:
            total += w.given_close
            why.append("given ≈")
        else:
            total += w.given_conflict
            why.append("given ≠")
    elif a.given_initial and b.given_initial:
        total += w.initial_match if a.given_initial == b.given_initial else w.given_conflict
        why.append("given initial " + ("=" if a.given_initial == b.given_initial else "≠"))
    if a.patronymic and b.patronymic:
        if a.patronymic == b.patronymic:
            total += w.patronymic_exact
            why.append("patronymic =")
        elif JaroWinkler.similarity(a.patronymic, b.patronymic) >= 0.93:
            total += w.patronymic_close
            why.append("patronymic ≈")
        else:
            total += w.patronymic_conflict
            why.append("patronymic ≠")
    elif a.patronymic_initial and b.patronymic_initial:
        same = a.patronymic_initial == b.patronymic_initial
        total += w.initial_match if same else w.patronymic_conflict
        why.append("patronymic initial " + ("=" if same else "≠"))
    if a.gender and b.gender and a.gender != b.gender:
        total += w.gender_conflict
        why.append("gender ≠")
    total += _birth(f, i, j, w, why)
    total += _death(f, i, j, w, why)
    ra, rb = f.region[i], f.region[j]
    if ra and rb:
        total += w.region_match if ra == rb else w.region_conflict
        why.append("region " + ("=" if ra == rb else "≠"))
    ua, ub = f.unit[i], f.unit[j]
    if ua and ub:
        total += w.unit_match if ua == ub else w.unit_conflict
        why.append("unit " + ("=" if ua == ub else "≠"))
    return PairScore(total, tuple(why))


def score_pairs(
    f: Features, pairs: np.ndarray, w: Weights
) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    scores = np.empty(len(pairs), dtype=np.float64)
    reasons: list[tuple[str, ...]] = []
    for k, (i, j) in enumerate(pairs):
        s = score_pair(f, int(i), int(j), w)
        scores[k] = s.score
        reasons.append(s.reasons)
    return scores, reasons
