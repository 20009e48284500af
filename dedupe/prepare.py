"""Records to comparable features, column by column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from dedupe.dates import ordinal, precision, split_date
from dedupe.names import NameKey, name_key
from lexicon.text import fold


@dataclass
class Features:
    record_id: list[str]
    source: list[str]
    names: list[NameKey]
    birth: np.ndarray  # (n, 3) year, month, day; 0 unknown
    birth_ord: np.ndarray
    death: np.ndarray
    death_ord: np.ndarray
    death_prec: np.ndarray
    funeral_ord: np.ndarray
    age: np.ndarray  # -1 unknown
    region: list[str]
    unit: list[str]
    category: list[str]

    def __len__(self) -> int:
        return len(self.record_id)


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text.lower() in {"nan", "none", "null"} else fold(text)


def _region(value: Any) -> str:
    """A region code, from a region in any form or a settlement that names one; "" unknown."""
    if not _text(value):
        return ""
    from lexicon.places import resolve_place

    return resolve_place(str(value)) or ""


def prepare(records: list[dict[str, Any]]) -> Features:
    n = len(records)
    birth = np.zeros((n, 3), dtype=np.int32)
    death = np.zeros((n, 3), dtype=np.int32)
    birth_ord = np.zeros(n, dtype=np.int64)
    death_ord = np.zeros(n, dtype=np.int64)
    death_prec = np.zeros(n, dtype=np.int8)
    funeral_ord = np.zeros(n, dtype=np.int64)
    age = np.full(n, -1, dtype=np.int32)
    names, regions, units, categories = [], [], [], []
    region_cache: dict[str, str] = {}
    for i, r in enumerate(records):
        names.append(name_key(str(r.get("full_name") or "")))
        b = split_date(r.get("birth_date"))
        d = split_date(r.get("death_date"))
        f = split_date(r.get("funeral_date"))
        birth[i], death[i] = b, d
        birth_ord[i], death_ord[i], funeral_ord[i] = ordinal(*b), ordinal(*d), ordinal(*f)
        death_prec[i] = precision(*d)
        raw_age = r.get("age")
        try:
            age[i] = int(float(raw_age)) if raw_age not in (None, "") else -1
        except (TypeError, ValueError):
            age[i] = -1
        key = f"{r.get('region') or ''}|{r.get('settlement') or ''}"
        if key not in region_cache:
            region_cache[key] = _region(r.get("region")) or _region(r.get("settlement"))
        regions.append(region_cache[key])
        units.append(_text(r.get("unit")))
        categories.append(_text(r.get("category")))
    return Features(
        record_id=[str(r["record_id"]) for r in records],
        source=[str(r.get("source") or "") for r in records],
        names=names,
        birth=birth,
        birth_ord=birth_ord,
        death=death,
        death_ord=death_ord,
        death_prec=death_prec,
        funeral_ord=funeral_ord,
        age=age,
        region=regions,
        unit=units,
        category=categories,
    )
