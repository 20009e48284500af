"""Record ids in words: the name and the person of each record, and the queue's page of each
pair, read in one query each (the history shows hundreds of decisions at once)."""

from __future__ import annotations

from collections.abc import Iterable

from review.store import Store, ordered


def records_named(store: Store, record_ids: Iterable[str]) -> dict[str, dict[str, str | None]]:
    """record id → {"full_name", "person_id"} of the records the queue knows."""
    ids = sorted(set(record_ids))
    out: dict[str, dict[str, str | None]] = {}
    with store.connect() as con:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = con.execute(
                "SELECT record_id, full_name, person_id FROM records "
                f"WHERE record_id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            out.update({r["record_id"]: dict(r) for r in rows})
    return out


def pages_of(store: Store, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """(record_a, record_b) → pair id, for the pairs still in the queue."""
    wanted = {ordered(a, b) for a, b in pairs}
    with store.connect() as con:
        rows = con.execute("SELECT pair_id, record_a, record_b FROM queue").fetchall()
    return {(r[1], r[2]): r[0] for r in rows if (r[1], r[2]) in wanted}


def pair_label(store: Store, record_a: str, record_b: str) -> str:
    """«Иванов Иван / Иванов И.», or the ids of records the queue no longer has."""
    named = records_named(store, (record_a, record_b))
    names = [(named.get(r) or {}).get("full_name") or r for r in (record_a, record_b)]
    return " / ".join(n if len(n) <= 60 else n[:59] + "…" for n in names)
