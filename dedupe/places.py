"""Where a man's unit is garrisoned, as the region hashes dedupe compares: a report of his
home region and one of his unit's region are not the contradiction two unrelated regions are.
Units come from `lexicon/data/known_units.csv` (canonical form → garrison region code), hashed
as `prepare` hashes a record's unit and region."""

from __future__ import annotations

from functools import cache

import numpy as np

from dedupe.prepare import stable_hash


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
