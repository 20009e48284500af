"""A field's value as the hash of what it names, once per distinct value: a region and a town
through the gazetteer, a category through the tracker's words, a unit through its canonical form
and its kind. Text the tables do not know is hashed folded (two spellings of an unknown town
differ; the same spelling agrees)."""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

from dedupe.name_cells import wrapped
from dedupe.region_cells import resolve_region
from lexicon.ranks import leading_rank, normalize_rank, rank_info
from lexicon.text import fold


@lru_cache(maxsize=1 << 21)
def stable_hash(text: str) -> int:
    """A 63-bit hash of a string that is the same in every process (0 is kept for unknown)."""
    if not text:
        return 0
    value = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")
    return (value >> 1) or 1


def region_code(text: str, cell: bool = False) -> int:
    """The hash of the region a place value names, 0 if none; a region `cell` may also be
    written as lists write it (`dedupe.region_cells`: «RU-SVE», «Свердл. обл.»)."""
    if not text:
        return 0
    from lexicon.places import resolve_place

    code = resolve_region(text) if cell else resolve_place(text)
    return stable_hash(code) if code else 0


def settlement_code(text: str) -> int:
    """The hash of the settlement a value names: its gazetteer name when the gazetteer knows it
    («Magnitogorsk», «г. Магнитогорск», «Магнитогорска» alike), else the folded text."""
    if not text:
        return 0
    from lexicon.places import find_settlements

    found = find_settlements(text)
    return stable_hash("settlement:" + (found[0].name if found else fold(text)))


def category_code(text: str) -> int:
    """The hash of the category a value names: the tracker's code as written («mobilized»), or
    read from words («мобилизованный», «по мобилизации», «ЧВК Вагнер»), else the folded text."""
    if not text:
        return 0
    from lexicon.categories import CATEGORIES, classify

    folded = fold(text)
    code = folded if folded in CATEGORIES else classify(text)[0]
    return stable_hash(code or folded)


# What a unit's value names: a number («в/ч 11660»), the man's brigade, regiment or battalion,
# his division, his corps or army, anything else («Шторм Z»). One report gives the number and
# another the brigade, or the brigade and the army: only two of one kind can contradict.
UNIT_KINDS = {"в/ч": 1, "brigade": 2, "regiment": 2, "battalion": 2, "division": 3, "corps": 4,
              "army": 4}  # fmt: skip
OTHER_UNIT = 5


def unit_code(text: str) -> tuple[int, int]:
    """The hash of the unit a value names (its canonical form; a number the gazetteer knows is
    its brigade's) and its kind (`UNIT_KINDS`)."""
    if not text:
        return 0, 0
    from lexicon.units import normalize_unit, unit_by_vch, unit_types

    canonical = normalize_unit(text)
    if canonical and canonical.startswith("в/ч "):
        canonical = unit_by_vch(canonical) or canonical
    if not canonical:
        return stable_hash(fold(text)), OTHER_UNIT
    kind = unit_types().get(canonical.split()[-1])
    key = "в/ч" if canonical.startswith("в/ч ") else kind.kind if kind else ""
    return stable_hash(canonical), UNIT_KINDS.get(key, OTHER_UNIT)


@lru_cache(maxsize=4096)
def rank_code(text: str) -> int:
    """A rank's seniority (`lexicon.ranks`: рядовой and матрос 1, … майор 13), 0 for none."""
    found = normalize_rank(text) if text else None
    return rank_info(found)[0] if found else 0


def cell_ranks(texts: list[str], carried: np.ndarray | None = None) -> np.ndarray:
    """The seniority of the rank each name's cell opens with («гвардии рядовой Иванов»,
    «Captain Ivanov»), 0 where none; only `wrapped` texts can open with one (`carried`, if the
    caller has it already)."""
    out = np.zeros(len(texts), dtype=np.int8)
    for i in np.flatnonzero(wrapped(texts) if carried is None else carried).tolist():
        end = leading_rank(texts[i])
        if end:
            out[i] = rank_code(texts[i][:end])
    return out
