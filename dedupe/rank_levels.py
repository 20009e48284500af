"""How two records' ranks compare: the same rank, one grade apart (a promotion, often a
posthumous one, between two reports; a private and a lance corporal), two or three apart (a
slip, or two men), or further (a private and a major are two men). A rank is its seniority
(`lexicon.ranks`: рядовой and матрос 1, … майор and капитан 3 ранга 13), read from a record's
`rank` column or from the opening of its name's cell («гвардии младший сержант Иванов И. И.»,
«Captain Ivanov»)."""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from dedupe.prepare import Features

FAR_APART = 4  # grades between two ranks no report of one man gives


class Rank(IntEnum):
    UNKNOWN = 0
    EXACT = 1  # the same rank (a rare one counts more: the frequency adjustment)
    NEAR = 2  # one grade apart
    DIFFERENT = 3  # two or three grades apart
    FAR = 4  # four or more: a private and a lieutenant, a sergeant and a major


def rank_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    level = np.zeros(len(a), dtype=np.int8)
    if not f.rank.any():  # a list that gives no ranks
        return level
    x, y = f.rank[a].astype(np.int16), f.rank[b].astype(np.int16)
    both = (x > 0) & (y > 0)
    apart = np.abs(x - y)
    level[both & (apart == 0)] = Rank.EXACT
    level[both & (apart == 1)] = Rank.NEAR
    level[both & (apart > 1)] = Rank.DIFFERENT
    level[both & (apart >= FAR_APART)] = Rank.FAR
    return level
