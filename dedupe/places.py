"""How two records' places compare: the region (a settlement stands for its region, see
`prepare`) and the settlement itself. Where a man's unit is garrisoned counts too: a report of
his home region and one of his unit's region are not the contradiction two unrelated regions
are. Units come from `lexicon/data/known_units.csv` (canonical form → garrison region code),
hashed as `prepare` hashes a record's unit and region."""

from __future__ import annotations

from enum import IntEnum
from functools import cache

import numpy as np

from dedupe.prepare import Features, stable_hash


class Place(IntEnum):  # the values of `comparisons.Same`, with EXACT for the frequency
    UNKNOWN = 0
    EXACT = 1  # one town or village (a big city counts less: the frequency adjustment)
    DIFFERENT = 2


class Region(IntEnum):
    UNKNOWN = 0
    SAME = 1
    GARRISON = 2  # different, but one is where the man's unit is garrisoned, the other home
    DIFFERENT = 3


@cache
def _garrisons() -> tuple[np.ndarray, np.ndarray]:
    """(unit hashes, sorted; the garrison region hash of each)."""
    from lexicon.units import known_units

    pairs = sorted(
        (stable_hash(canonical), stable_hash(unit.garrison_region_code))
        for canonical, unit in known_units().items()
        if unit.garrison_region_code
    )
    units = np.array([u for u, _ in pairs], dtype=np.int64)
    regions = np.array([r for _, r in pairs], dtype=np.int64)
    return units, regions


def garrison_of(unit: np.ndarray) -> np.ndarray:
    """The garrison region hash of each unit hash, 0 where the unit is unknown or has none."""
    units, regions = _garrisons()
    out = np.zeros(len(unit), dtype=np.int64)
    if not len(units):
        return out
    at = np.clip(np.searchsorted(units, unit), 0, len(units) - 1)
    found = units[at] == unit
    out[found] = regions[at[found]]
    return out


def region_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Same or different region (a settlement stands for its region, see `prepare`); two
    regions one of which is where the man's unit is garrisoned — a report of his home and one of
    his unit's — differ less than two that nothing explains."""
    x, y = f.region[a], f.region[b]
    level = np.zeros(len(x), dtype=np.int8)
    both = (x != 0) & (y != 0)
    level[both] = np.where(x[both] == y[both], Region.SAME, Region.DIFFERENT)
    k = np.flatnonzero(level == Region.DIFFERENT)
    explained = np.zeros(len(k), dtype=bool)
    garrison = garrison_of(f.unit)  # once per record, not per pair
    for g in (garrison[a[k]], garrison[b[k]]):
        explained |= (g != 0) & ((x[k] == g) | (y[k] == g))
    level[k[explained]] = Region.GARRISON
    return level
