"""Candidate pairs: only records that share a blocking key are compared.

Several keys, so a true pair missed by one (a typo in the surname, a missing patronymic) is
caught by another. A huge block (a common name) is compared in death-date order within a
window instead of all against all.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from dedupe.prepare import Features

MAX_BLOCK = 400
WINDOW = 60


def _keys(f: Features, i: int) -> list[str]:
    n = f.names[i]
    if not n.usable:
        return []
    year = int(f.birth[i, 0])
    keys = [f"sg:{n.surname[:5]}|{n.given_initial}"]
    if n.given and n.patronymic_initial:
        keys.append(f"gp:{n.given}|{n.patronymic[:4] or n.patronymic_initial}|{n.surname[:1]}")
    if year:
        keys.append(f"sy:{n.surname}|{year}")
        if n.given:
            keys.append(f"gy:{n.given}|{year}|{n.surname[:1]}")
    return keys


def candidate_pairs(f: Features) -> np.ndarray:
    """Array (m, 2) of index pairs i < j that share a block."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in range(len(f)):
        for key in _keys(f, i):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) <= MAX_BLOCK:
            for a in range(len(members)):
                ia = members[a]
                for b in range(a + 1, len(members)):
                    ib = members[b]
                    pairs.add((ia, ib) if ia < ib else (ib, ia))
        else:
            ordered = sorted(members, key=lambda i: (f.death_ord[i], f.birth_ord[i]))
            for a, ia in enumerate(ordered):
                for ib in ordered[a + 1 : a + 1 + WINDOW]:
                    pairs.add((ia, ib) if ia < ib else (ib, ia))
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64)
    return np.array(sorted(pairs), dtype=np.int64)
