"""The review queue: the pairs the last dedupe run left for people, the most consequential first,
claimed one reviewer at a time, and a copy of the records a reviewer compares, with search,
split and merge. It lives in the review database (`review.store.Store`), beside the decisions."""

from __future__ import annotations

import sqlite3
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dedupe.uncertainty import count_weights
from review.persons import decide_persons, split_records
from review.store import RECORD_FIELDS, Judgement, Store, create_records, ordered

CLAIM_SECONDS = 600  # a pair shown to a reviewer is his for ten minutes


def fold(text: str | None) -> str:
    """Case- and ё-blind form for search."""
    text = unicodedata.normalize("NFC", text or "").casefold().replace("ё", "е")
    return " ".join(text.split())


@dataclass
class Pair:
    pair_id: int
    record_a: str
    record_b: str
    score: float
    kind: str
    reasons: str
    priority: float


class Queue:
    """The queue, claims and records copy of a review database."""

    def __init__(self, store: Store):
        self.store = store

    def replace(
        self, pairs: Iterable[dict[str, Any]], records: Iterable[dict[str, Any]], run_id: str
    ) -> int:
        """What a dedupe run leaves for people, and the records to show: replaces the last
        run's in one transaction (claims on pairs that are still asked about are kept). One
        question per two persons (`one_per_persons`); returns how many are asked."""
        records = list(records)
        person_of = {str(r["record_id"]): r.get("person_id") for r in records}
        with self.store.connect(write=True) as con:
            pairs = one_per_persons(pairs, person_of, settled_persons(con, person_of))
            con.execute("DROP TABLE IF EXISTS records")
            create_records(con)
            con.executemany(
                f"INSERT INTO records ({', '.join(RECORD_FIELDS)}, name_folded, name_keys) "
                f"VALUES ({', '.join('?' * (len(RECORD_FIELDS) + 2))})",
                (
                    (
                        *(_plain(r.get(k)) for k in RECORD_FIELDS),
                        fold(r.get("full_name")),
                        r.get("name_keys") or "",
                    )
                    for r in records
                ),  # fmt: skip
            )
            old = {
                (r["record_a"], r["record_b"]): r["pair_id"]
                for r in con.execute("SELECT pair_id, record_a, record_b FROM queue")
            }
            con.execute("DELETE FROM queue")
            kept = []
            # pairs asked about before keep their ids (and claims); new ones get new ids
            pairs.sort(key=lambda p: ordered(str(p["record_a"]), str(p["record_b"])) not in old)
            for p in pairs:
                a, b = ordered(str(p["record_a"]), str(p["record_b"]))
                pair_id = old.get((a, b))
                cur = con.execute(
                    "INSERT INTO queue (pair_id, record_a, record_b, score, kind, reasons, "
                    "priority, run_id) VALUES (?,?,?,?,?,?,?,?) "
                    "ON CONFLICT (record_a, record_b) DO NOTHING",
                    (
                        pair_id,
                        a,
                        b,
                        float(p["score"]),
                        p.get("kind", "uncertain"),
                        p.get("reasons", ""),
                        float(p.get("priority", 0.0)),
                        run_id,
                    ),
                )
                if pair_id is not None and cur.rowcount:
                    kept.append(pair_id)
            con.execute(
                f"DELETE FROM claims WHERE pair_id NOT IN ({', '.join('?' * len(kept))})",
                kept,
            )
        return len(pairs)

    def next_pair(self, reviewer: str, skip: Iterable[int] = ()) -> Pair | None:
        """The most consequential pair nobody has decided and no other reviewer is looking at;
        it is claimed for this reviewer (until he decides or the claim runs out). Pairs marked
        «unsure» come after every undecided one."""
        skip = list(skip)
        with self.store.connect(write=True) as con:
            con.execute("DELETE FROM claims WHERE until < ?", (time.time(),))
            row = con.execute(
                f"""
                SELECT q.*, j.verdict AS decided FROM queue q
                LEFT JOIN judgements j ON j.record_a = q.record_a AND j.record_b = q.record_b
                    AND j.deleted_at IS NULL
                LEFT JOIN claims c ON c.pair_id = q.pair_id
                WHERE (j.verdict IS NULL OR j.verdict = 'unsure')
                  AND (c.reviewer IS NULL OR c.reviewer = ?)
                  AND q.pair_id NOT IN ({", ".join("?" * len(skip))})
                ORDER BY (j.verdict IS NOT NULL), (c.reviewer IS NULL), q.priority DESC,
                         q.pair_id
                LIMIT 1
                """,
                (reviewer, *skip),
            ).fetchone()
            if row is None:
                return None
            con.execute(
                "INSERT INTO claims (pair_id, reviewer, until) VALUES (?, ?, ?) "
                "ON CONFLICT (pair_id) DO UPDATE SET reviewer = excluded.reviewer, "
                "until = excluded.until",
                (row["pair_id"], reviewer, time.time() + CLAIM_SECONDS),
            )
            return _pair(row)

    def pair(self, pair_id: int) -> Pair | None:
        with self.store.connect() as con:
            row = con.execute("SELECT * FROM queue WHERE pair_id = ?", (pair_id,)).fetchone()
        return _pair(row) if row else None

    def pair_of(self, record_a: str, record_b: str) -> Pair | None:
        a, b = ordered(record_a, record_b)
        with self.store.connect() as con:
            row = con.execute(
                "SELECT * FROM queue WHERE record_a = ? AND record_b = ?", (a, b)
            ).fetchone()
        return _pair(row) if row else None

    def claimed_by(self, pair_id: int) -> str | None:
        with self.store.connect() as con:
            row = con.execute(
                "SELECT reviewer FROM claims WHERE pair_id = ? AND until >= ?",
                (pair_id, time.time()),
            ).fetchone()
        return row[0] if row else None

    def counts(self) -> dict[str, int]:
        with self.store.connect() as con:
            total = con.execute("SELECT count(*) FROM queue").fetchone()[0]
            open_ = con.execute(
                """SELECT count(*) FROM queue q WHERE NOT EXISTS (
                       SELECT 1 FROM judgements j WHERE j.record_a = q.record_a
                       AND j.record_b = q.record_b AND j.deleted_at IS NULL
                       AND j.verdict IN ('same', 'different'))"""
            ).fetchone()[0]
            decided = con.execute(
                "SELECT count(DISTINCT coalesce(decision, uid)) FROM judgements "
                "WHERE deleted_at IS NULL"
            ).fetchone()[0]
        return {"queue": total, "open": open_, "decisions": decided}

    # records and persons -----------------------------------------------------------------

    def record(self, record_id: str) -> dict[str, Any] | None:
        with self.store.connect() as con:
            row = con.execute("SELECT * FROM records WHERE record_id = ?", (record_id,)).fetchone()
        return dict(row) if row else None

    def person_records(self, person_id: str) -> list[dict[str, Any]]:
        with self.store.connect() as con:
            rows = con.execute(
                "SELECT * FROM records WHERE person_id = ? ORDER BY record_id", (person_id,)
            ).fetchall()
        return [dict(r) for r in rows]

    def search(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Persons whose records' names contain every word of `text` (case and ё blind), or
        whose name keys are the keys of `text` as dedupe reads names: any case form, either
        script, a woman's form («Морозова», «Morozov», «Морозову Сергею» all find «Морозов
        Сергей»)."""
        words = fold(text).split()
        if not words:
            return []
        where = " AND ".join("name_folded LIKE ? ESCAPE '\\'" for _ in words)
        args = [f"%{_like(w)}%" for w in words]
        keys = search_keys(text)
        if keys:
            match = " AND ".join("name_keys LIKE ? ESCAPE '\\'" for _ in keys)
            where = f"({where}) OR ({match})"
            args += [f"% {_like(k)} %" for k in keys]
        with self.store.connect() as con:
            rows = con.execute(
                f"""SELECT person_id, min(full_name) AS full_name, count(*) AS n_records,
                           min(death_date) AS death_date, min(region) AS region
                    FROM records WHERE person_id IN
                        (SELECT person_id FROM records WHERE {where})
                    GROUP BY person_id ORDER BY full_name LIMIT ?""",
                (*args, limit),
            ).fetchall()
        return [dict(r) for r in rows]

    def split(self, record_ids: list[str] | str, reviewer: str, note: str = "") -> list[Judgement]:
        """Take records out of their person together: one decision (`review.persons`)."""
        return split_records(self, record_ids, reviewer, note)

    def merge(self, person_a: str, person_b: str, reviewer: str, note: str = "") -> list:
        """Two persons are one man: one decision binding all their records."""
        return decide_persons(self, person_a, person_b, "same", reviewer, note)


def settled_persons(con: sqlite3.Connection, person_of: dict[str, Any]) -> set[frozenset]:
    """The two persons each active «same» or «different» decision joins or keeps apart."""
    rows = con.execute(
        "SELECT record_a, record_b FROM judgements "
        "WHERE deleted_at IS NULL AND verdict IN ('same', 'different')"
    )
    return {frozenset((person_of.get(a), person_of.get(b))) for a, b in rows}


def one_per_persons(
    pairs: Iterable[dict[str, Any]], person_of: dict[str, Any], settled: set[frozenset]
) -> list[dict[str, Any]]:
    """One question per two persons («are P and Q one man?»): of the record pairs between them,
    the strongest is the evidence shown, at the highest priority any of them had; pairs between
    persons a decision already joins or keeps apart are dropped. A pair inside one person (a
    contradiction) stays a question of its own."""
    best: dict[Any, dict[str, Any]] = {}
    for p in pairs:
        a, b = str(p["record_a"]), str(p["record_b"])
        pa, pb = person_of.get(a), person_of.get(b)
        apart = pa is not None and pb is not None and pa != pb
        if apart and frozenset((pa, pb)) in settled:
            continue
        key = frozenset((pa, pb)) if apart else ordered(a, b)
        held = best.get(key)
        if held is None:
            best[key] = dict(p)
        else:
            priority = max(held.get("priority", 0.0), p.get("priority", 0.0))
            if float(p["score"]) > float(held["score"]):
                best[key] = dict(p)
            best[key]["priority"] = priority
    return list(best.values())


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def _like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _pair(row: sqlite3.Row) -> Pair:
    return Pair(
        row["pair_id"],
        row["record_a"],
        row["record_b"],
        row["score"],
        row["kind"],
        row["reasons"],
        row["priority"],
    )


_KIND_RANK = {"contradiction": 3, "blocked": 2, "uncertain": 1}


def prioritise(result: Any) -> list[dict]:
    """The pairs a dedupe result leaves for people, the most consequential first:
    contradictions between decisions, then merges a decision blocked, then uncertain pairs —
    among those, the pairs whose answer moves the count most: a pair that may join two persons
    by the uncertainty p(1 − p) of its match probability (a pair inside one person, or a second
    pair between the same two persons, moves nothing: `dedupe.uncertainty.count_weights`), and
    of equal weight, the one that moves more records (two big persons)."""
    size = Counter(result.assignment.values())
    person_a = [result.assignment.get(p.record_a) for p in result.review]
    person_b = [result.assignment.get(p.record_b) for p in result.review]
    weights = count_weights(person_a, person_b, [p.score for p in result.review])
    out = []
    for p, a, b, weight in zip(result.review, person_a, person_b, weights, strict=True):
        moved = min(size[a] + size[b], 100)
        out.append(
            {
                "record_a": p.record_a,
                "record_b": p.record_b,
                "score": p.score,
                "kind": p.kind,
                "reasons": p.reasons,
                # weight ≤ 0.25: ×400 keeps it under the 1000 between kinds
                "priority": _KIND_RANK.get(p.kind, 0) * 1000 + 400 * float(weight) + moved / 1000,
            }
        )
    return out


def with_persons(
    records: Iterable[dict], assignment: dict[str, str], keys: dict[str, str] | None = None
) -> Iterable[dict]:
    """The records as the review shows them: each with the person it is in now, and the
    name keys dedupe read its name into (`name_keys_of`), for search."""
    keys = keys or {}
    for r in records:
        yield {
            **r,
            "person_id": assignment.get(r["record_id"]),
            "name_keys": keys.get(r["record_id"]),
        }


def name_keys_of(features) -> dict[str, str]:
    """record id → « surname given patronymic » as dedupe's `Features` hold them (spaces
    around, so a search matches whole keys)."""
    if features is None:
        return {}
    parts = zip(features.surname_text, features.given_text, features.patronymic_text, strict=True)
    return {
        str(rid): " " + " ".join(p for p in names if p) + " "
        for rid, names in zip(features.record_id, parts, strict=True)
    }


def search_keys(text: str) -> list[str]:
    """The keys dedupe reads `text` into: surname, given name, patronymic, whichever it has."""
    from dedupe.names import name_key

    key = name_key(text)
    return [k for k in (key.surname, key.given, key.patronymic) if k]
