"""One row per person from his records: the fullest name, the best-attested dates and places."""

from __future__ import annotations

from collections import Counter
from typing import Any

from dedupe.dates import iso, read_age


def _text(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s if s and s.lower() not in {"nan", "none", "null"} else None


def _best(values: list[Any], prefer_long: bool = False) -> Any:
    present = [v for v in (_text(x) for x in values) if v]
    if not present:
        return None
    counts = Counter(present)
    if prefer_long:
        return max(counts, key=lambda v: (len(v.split("-")), counts[v], v))
    return max(counts, key=lambda v: (counts[v], v))


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    """A person from the records of one cluster."""

    def name_rank(r: dict) -> tuple:
        name = _text(r.get("full_name")) or ""
        parts = name.split()
        initials = sum(p.endswith(".") for p in parts)
        return (
            len(parts) - initials,
            -initials,
            not any(c.isascii() and c.isalpha() for c in name),
            name,
        )

    best = max(records, key=name_rank)
    # ages and dates as the records write them («33 года», «07.04.2024»), read the one way
    ages = [a for a in (read_age(r.get("age")) for r in records) if a > 0]
    death = _best([iso(r.get("death_date")) for r in records], prefer_long=True)
    reported = [
        d
        for d in ((_text(r.get("published_date")) or _text(r.get("first_seen"))) for r in records)
        if d
    ]
    return {
        "full_name": _text(best.get("full_name")) or "",  # a merged list's row may have none
        "surname": _text(best.get("surname")),
        "given_name": _text(best.get("given_name")),
        "patronymic": _text(best.get("patronymic")),
        "birth_date": _best([iso(r.get("birth_date")) for r in records], prefer_long=True),
        "death_date": death,
        "age": Counter(ages).most_common(1)[0][0] if ages else None,
        "region": _best([r.get("region") for r in records]),
        "settlement": _best([r.get("settlement") for r in records]),
        "unit": _best([r.get("unit") for r in records]),
        "rank": _best([r.get("rank") for r in records]),
        "category": _best([r.get("category") for r in records]),
        "n_records": len(records),
        "n_sources": len({r.get("source") for r in records}),
        "first_reported": min(reported)[:10] if reported else None,
    }
