"""Maintainers' decisions and the queue they decide from, in a SQLite file beside the warehouse.

Why not DuckDB: DuckDB allows one writing process and refuses even readers while it writes, and
a scheduled flow may hold the warehouse for minutes. Reviewing must never wait for it, nor make
it fail. SQLite in WAL mode lets several reviewers and the dedupe stage read and write at once
(each write a short transaction; a busy file is waited for, not failed on).

- `judgements`: every decision ever made, with reviewer, time and note. A change never updates
  or deletes a row: the old row is soft-deleted (`deleted_at`, `replaced_by`), so the history
  stays. The dedupe stage obeys the active «same» and «different» rows.
- `queue`: the pairs the last dedupe run left for people, most consequential first, and
  `records`: a copy of the fields a reviewer compares (replaced by each dedupe run).
- `claims`: which reviewer is looking at which pair, so two are not shown the same one.
"""

from __future__ import annotations

import json
import sqlite3
import time
import unicodedata
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

VERDICTS = ("same", "different", "unsure")
CLAIM_SECONDS = 600  # a pair shown to a reviewer is his for ten minutes

SCHEMA = """
CREATE TABLE IF NOT EXISTS judgements (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uid         TEXT NOT NULL UNIQUE,          -- stable across export and import
    record_a    TEXT NOT NULL,                 -- record_a < record_b
    record_b    TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('same', 'different', 'unsure')),
    reviewer    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    origin      TEXT NOT NULL DEFAULT 'review', -- review | split | merge | import
    created_at  TEXT NOT NULL,
    deleted_at  TEXT,                          -- soft delete: a later decision or an undo
    deleted_by  TEXT,
    replaced_by TEXT                           -- uid of the decision that took its place
);
CREATE INDEX IF NOT EXISTS judgements_pair ON judgements (record_a, record_b);
CREATE INDEX IF NOT EXISTS judgements_reviewer ON judgements (reviewer, created_at);
CREATE TABLE IF NOT EXISTS queue (
    pair_id   INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a pair's page stays its own
    record_a  TEXT NOT NULL,
    record_b  TEXT NOT NULL,
    score     REAL NOT NULL,
    kind      TEXT NOT NULL,
    reasons   TEXT NOT NULL DEFAULT '',
    priority  REAL NOT NULL,
    run_id    TEXT NOT NULL,
    UNIQUE (record_a, record_b)
);
CREATE TABLE IF NOT EXISTS claims (
    pair_id   INTEGER PRIMARY KEY,
    reviewer  TEXT NOT NULL,
    until     REAL NOT NULL
);
"""

# the fields a reviewer compares: every value with the text it was read from
RECORD_FIELDS = (
    "record_id",
    "person_id",
    "source",
    "url",
    "archive_ref",
    "name_raw",
    "full_name",
    "surname",
    "given_name",
    "patronymic",
    "gender",
    "birth_date",
    "birth_date_raw",
    "death_date",
    "death_date_raw",
    "funeral_date",
    "funeral_date_raw",
    "published_date",
    "age",
    "age_raw",
    "region",
    "region_raw",
    "settlement",
    "settlement_raw",
    "unit",
    "unit_raw",
    "rank",
    "rank_raw",
    "category",
    "category_raw",
    "fetched_at",
    "removed_at",
    "context",
    "spans",
)
# a copy, rebuilt by every dedupe run (so a new tally's fields simply appear)
RECORDS_TABLE = (
    "CREATE TABLE records ("
    + ", ".join(
        f"{f} {'INTEGER' if f == 'age' else 'TEXT'}{' PRIMARY KEY' if f == 'record_id' else ''}"
        for f in RECORD_FIELDS
    )
    + ", name_folded TEXT)"
)


def fold(text: str | None) -> str:
    """Case- and ё-blind form for search."""
    text = unicodedata.normalize("NFC", text or "").casefold().replace("ё", "е")
    return " ".join(text.split())


def now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


@dataclass
class Judgement:
    uid: str
    record_a: str
    record_b: str
    verdict: str
    reviewer: str
    note: str
    origin: str
    created_at: str
    deleted_at: str | None = None
    deleted_by: str | None = None
    replaced_by: str | None = None
    id: int | None = None

    @property
    def active(self) -> bool:
        return self.deleted_at is None


@dataclass
class Pair:
    pair_id: int
    record_a: str
    record_b: str
    score: float
    kind: str
    reasons: str
    priority: float


class Store:
    """The review database. Every method opens its own short connection: safe from any thread
    or process, and never holding the file between calls."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.executescript(SCHEMA)
            known = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if "records" not in known:
                con.execute(RECORDS_TABLE)
                con.execute("CREATE INDEX records_person ON records (person_id)")

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        con.row_factory = sqlite3.Row
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA busy_timeout=60000")
            if write:
                con.execute("BEGIN IMMEDIATE")  # one writer at a time, others wait
                try:
                    yield con
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
            else:
                yield con
        finally:
            con.close()

    # decisions ---------------------------------------------------------------------------

    def decide(
        self,
        record_a: str,
        record_b: str,
        verdict: str,
        reviewer: str,
        note: str = "",
        origin: str = "review",
    ) -> Judgement:
        """Record a decision on a pair; an earlier active one is soft-deleted, never lost."""
        if verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
        if not reviewer or not reviewer.strip():
            raise ValueError("a decision needs the reviewer's name")
        if record_a == record_b:
            raise ValueError("a record is always the same man as itself")
        a, b = ordered(str(record_a), str(record_b))
        made = Judgement(
            uuid.uuid4().hex, a, b, verdict, reviewer.strip(), note.strip(), origin, now()
        )
        with self._connect(write=True) as con:
            self._supersede(con, a, b, made.uid, made.reviewer, made.created_at)
            made.id = self._insert(con, made)
            con.execute(
                "DELETE FROM claims WHERE pair_id IN "
                "(SELECT pair_id FROM queue WHERE record_a = ? AND record_b = ?)",
                (a, b),
            )
        return made

    def _supersede(self, con, a: str, b: str, uid: str, who: str, when: str) -> None:
        con.execute(
            "UPDATE judgements SET deleted_at = ?, deleted_by = ?, replaced_by = ? "
            "WHERE record_a = ? AND record_b = ? AND deleted_at IS NULL",
            (when, who, uid, a, b),
        )

    @staticmethod
    def _insert(con, j: Judgement) -> int:
        cur = con.execute(
            "INSERT INTO judgements (uid, record_a, record_b, verdict, reviewer, note, origin, "
            "created_at, deleted_at, deleted_by, replaced_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                j.uid,
                j.record_a,
                j.record_b,
                j.verdict,
                j.reviewer,
                j.note,
                j.origin,
                j.created_at,
                j.deleted_at,
                j.deleted_by,
                j.replaced_by,
            ),
        )
        return int(cur.lastrowid)

    def undo(self, reviewer: str) -> Judgement | None:
        """Take back the reviewer's latest active decision; the one it replaced (if any)
        becomes active again. Returns the decision taken back."""
        with self._connect(write=True) as con:
            row = con.execute(
                "SELECT * FROM judgements WHERE reviewer = ? AND deleted_at IS NULL "
                "ORDER BY created_at DESC, id DESC LIMIT 1",
                (reviewer,),
            ).fetchone()
            if row is None:
                return None
            when = now()
            con.execute(
                "UPDATE judgements SET deleted_at = ?, deleted_by = ? WHERE uid = ?",
                (when, reviewer, row["uid"]),
            )
            con.execute(
                "UPDATE judgements SET deleted_at = NULL, deleted_by = NULL, replaced_by = NULL "
                "WHERE replaced_by = ? AND deleted_at IS NOT NULL",
                (row["uid"],),
            )
            taken = _judgement(row)
            taken.deleted_at, taken.deleted_by = when, reviewer
            return taken

    def active(self) -> list[tuple[str, str, str]]:
        """The decisions every dedupe run obeys: (record_a, record_b, "same"|"different")."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT record_a, record_b, verdict FROM judgements "
                "WHERE deleted_at IS NULL AND verdict IN ('same', 'different') ORDER BY id"
            ).fetchall()
        return [tuple(r) for r in rows]

    def history(
        self,
        reviewer: str | None = None,
        verdict: str | None = None,
        record: str | None = None,
        include_deleted: bool = True,
        limit: int = 500,
    ) -> list[Judgement]:
        where, args = [], []
        if reviewer:
            where.append("reviewer = ?")
            args.append(reviewer)
        if verdict:
            where.append("verdict = ?")
            args.append(verdict)
        if record:
            where.append("(record_a = ? OR record_b = ?)")
            args += [record, record]
        if not include_deleted:
            where.append("deleted_at IS NULL")
        sql = "SELECT * FROM judgements"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY created_at DESC, id DESC LIMIT ?"
        with self._connect() as con:
            return [_judgement(r) for r in con.execute(sql, (*args, limit)).fetchall()]

    def reviewers(self) -> list[str]:
        with self._connect() as con:
            rows = con.execute("SELECT DISTINCT reviewer FROM judgements ORDER BY 1").fetchall()
        return [r[0] for r in rows]

    # the queue ---------------------------------------------------------------------------

    def replace_queue(
        self, pairs: Iterable[dict[str, Any]], records: Iterable[dict[str, Any]], run_id: str
    ) -> int:
        """What a dedupe run leaves for people, and the records to show: replaces the last
        run's in one transaction (claims on pairs that are still asked about are kept)."""
        pairs = list(pairs)
        with self._connect(write=True) as con:
            con.execute("DROP TABLE IF EXISTS records")
            con.execute(RECORDS_TABLE)
            con.execute("CREATE INDEX records_person ON records (person_id)")
            con.executemany(
                f"INSERT INTO records ({', '.join(RECORD_FIELDS)}, name_folded) "
                f"VALUES ({', '.join('?' * (len(RECORD_FIELDS) + 1))})",
                (
                    (*(_plain(r.get(k)) for k in RECORD_FIELDS), fold(r.get("full_name")))
                    for r in records
                ),
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
        with self._connect(write=True) as con:
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
        with self._connect() as con:
            row = con.execute("SELECT * FROM queue WHERE pair_id = ?", (pair_id,)).fetchone()
        return _pair(row) if row else None

    def pair_of(self, record_a: str, record_b: str) -> Pair | None:
        a, b = ordered(record_a, record_b)
        with self._connect() as con:
            row = con.execute(
                "SELECT * FROM queue WHERE record_a = ? AND record_b = ?", (a, b)
            ).fetchone()
        return _pair(row) if row else None

    def claimed_by(self, pair_id: int) -> str | None:
        with self._connect() as con:
            row = con.execute(
                "SELECT reviewer FROM claims WHERE pair_id = ? AND until >= ?",
                (pair_id, time.time()),
            ).fetchone()
        return row[0] if row else None

    def counts(self) -> dict[str, int]:
        with self._connect() as con:
            total = con.execute("SELECT count(*) FROM queue").fetchone()[0]
            open_ = con.execute(
                """SELECT count(*) FROM queue q WHERE NOT EXISTS (
                       SELECT 1 FROM judgements j WHERE j.record_a = q.record_a
                       AND j.record_b = q.record_b AND j.deleted_at IS NULL
                       AND j.verdict IN ('same', 'different'))"""
            ).fetchone()[0]
            decided = con.execute(
                "SELECT count(*) FROM judgements WHERE deleted_at IS NULL"
            ).fetchone()[0]
        return {"queue": total, "open": open_, "decisions": decided}

    def verdict(self, record_a: str, record_b: str) -> Judgement | None:
        a, b = ordered(record_a, record_b)
        with self._connect() as con:
            row = con.execute(
                "SELECT * FROM judgements WHERE record_a = ? AND record_b = ? "
                "AND deleted_at IS NULL ORDER BY id DESC LIMIT 1",
                (a, b),
            ).fetchone()
        return _judgement(row) if row else None

    # records and persons -----------------------------------------------------------------

    def record(self, record_id: str) -> dict[str, Any] | None:
        with self._connect() as con:
            row = con.execute("SELECT * FROM records WHERE record_id = ?", (record_id,)).fetchone()
        return dict(row) if row else None

    def person_records(self, person_id: str) -> list[dict[str, Any]]:
        with self._connect() as con:
            rows = con.execute(
                "SELECT * FROM records WHERE person_id = ? ORDER BY record_id", (person_id,)
            ).fetchall()
        return [dict(r) for r in rows]

    def search(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Persons whose records' names contain every word of `text` (case and ё blind)."""
        words = fold(text).split()
        if not words:
            return []
        where = " AND ".join("name_folded LIKE ? ESCAPE '\\'" for _ in words)
        args = [f"%{_like(w)}%" for w in words]
        with self._connect() as con:
            rows = con.execute(
                f"""SELECT person_id, min(full_name) AS full_name, count(*) AS n_records,
                           min(death_date) AS death_date, min(region) AS region
                    FROM records WHERE person_id IN
                        (SELECT person_id FROM records WHERE {where})
                    GROUP BY person_id ORDER BY full_name LIMIT ?""",
                (*args, limit),
            ).fetchall()
        return [dict(r) for r in rows]

    def split(self, record_id: str, reviewer: str, note: str = "") -> list[Judgement]:
        """Take a record out of its person: «different» from each of his other records."""
        record = self.record(record_id)
        if record is None or not record["person_id"]:
            raise KeyError(f"no record {record_id!r}")
        others = [
            r["record_id"]
            for r in self.person_records(record["person_id"])
            if r["record_id"] != record_id
        ]
        note = note or f"split out of {record['person_id']}"
        return [self.decide(record_id, o, "different", reviewer, note, "split") for o in others]

    def merge(self, person_a: str, person_b: str, reviewer: str, note: str = "") -> Judgement:
        """Two persons are one man: «same» between a record of each."""
        first_a, first_b = self.person_records(person_a), self.person_records(person_b)
        if not first_a or not first_b:
            raise KeyError(f"no person {person_a if not first_a else person_b!r}")
        if person_a == person_b:
            raise ValueError("a person is already himself")
        note = note or f"merged {person_a} and {person_b}"
        return self.decide(
            first_a[0]["record_id"], first_b[0]["record_id"], "same", reviewer, note, "merge"
        )

    # export and import -------------------------------------------------------------------

    def export_jsonl(self, path: Path | str) -> int:
        """Every judgement, deleted ones too, one JSON object per line, oldest first: a file
        to keep in git."""
        with self._connect() as con:
            rows = con.execute("SELECT * FROM judgements ORDER BY created_at, id").fetchall()
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for row in rows:
                data = asdict(_judgement(row))
                data.pop("id")
                fh.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
        tmp.replace(path)
        return len(rows)

    def import_jsonl(self, path: Path | str) -> tuple[int, int]:
        """Judgements from an export (another maintainer's, a teammate's in git). Known ones
        (by uid) are skipped; where both sides decided a pair, the later decision is active
        and the earlier soft-deleted. Returns (added, skipped)."""
        incoming = []
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                j = Judgement(**{k: data.get(k) for k in Judgement.__dataclass_fields__})
            except (json.JSONDecodeError, TypeError) as exc:
                raise ValueError(f"{path}: line {n}: not a judgement ({exc})") from exc
            if j.verdict not in VERDICTS or not j.uid or not j.record_a or not j.record_b:
                raise ValueError(f"{path}: line {n}: not a judgement")
            j.record_a, j.record_b = ordered(j.record_a, j.record_b)
            j.note, j.origin, j.id = j.note or "", j.origin or "import", None
            incoming.append(j)
        added = skipped = 0
        with self._connect(write=True) as con:
            known = {r[0] for r in con.execute("SELECT uid FROM judgements")}
            touched = set()
            for j in incoming:
                if j.uid in known:
                    skipped += 1
                    continue
                self._insert(con, j)
                known.add(j.uid)
                touched.add((j.record_a, j.record_b))
                added += 1
            for a, b in touched:  # one active decision per pair: the latest
                live = con.execute(
                    "SELECT uid, reviewer, created_at FROM judgements WHERE record_a = ? AND "
                    "record_b = ? AND deleted_at IS NULL ORDER BY created_at DESC, id DESC",
                    (a, b),
                ).fetchall()
                for row in live[1:]:
                    con.execute(
                        "UPDATE judgements SET deleted_at = ?, deleted_by = ?, replaced_by = ? "
                        "WHERE uid = ?",
                        (live[0]["created_at"], live[0]["reviewer"], live[0]["uid"], row["uid"]),
                    )
        return added, skipped


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def _like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _judgement(row: sqlite3.Row) -> Judgement:
    data = dict(row)
    return Judgement(**{k: data.get(k) for k in Judgement.__dataclass_fields__})


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
