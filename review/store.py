"""Maintainers' decisions, in a SQLite file beside the warehouse that also holds the queue they
decide from (`review.queue`).

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
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from review.judgement_file import read_judgements
from schema.records import RECORD_COLUMNS

VERDICTS = ("same", "different", "unsure")

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

# the copy of the records a reviewer compares: every field of the contract, the person each is
# in now, and whether its page was taken down; rebuilt by every dedupe run, so new fields appear
RECORD_FIELDS = (
    *(c.name for c in RECORD_COLUMNS if c.name != "distinct_person"),
    "person_id",
    "removed_at",
)
_SQL_TYPE = {c.name: "INTEGER" if c.type == "INTEGER" else "TEXT" for c in RECORD_COLUMNS}
RECORDS_TABLE = (
    "CREATE TABLE records ("
    + ", ".join(
        f"{f} {_SQL_TYPE.get(f, 'TEXT')}{' PRIMARY KEY' if f == 'record_id' else ''}"
        for f in RECORD_FIELDS
    )
    + ", name_folded TEXT)"
)


def ordered(a: str, b: str) -> tuple[str, str]:
    """A pair's two record ids in the order they are stored: the smaller first."""
    return (a, b) if a <= b else (b, a)


def now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


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


class Store:
    """The review database and the decisions in it. Every method opens its own short
    connection: safe from any thread or process, and never holding the file between calls."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as con:
            con.executescript(SCHEMA)
            known = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if "records" not in known:
                create_records(con)

    @contextmanager
    def connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
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
        with self.connect(write=True) as con:
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
        with self.connect(write=True) as con:
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
        with self.connect() as con:
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
        with self.connect() as con:
            return [_judgement(r) for r in con.execute(sql, (*args, limit)).fetchall()]

    def reviewers(self) -> list[str]:
        with self.connect() as con:
            rows = con.execute("SELECT DISTINCT reviewer FROM judgements ORDER BY 1").fetchall()
        return [r[0] for r in rows]

    def verdict(self, record_a: str, record_b: str) -> Judgement | None:
        a, b = ordered(record_a, record_b)
        with self.connect() as con:
            row = con.execute(
                "SELECT * FROM judgements WHERE record_a = ? AND record_b = ? "
                "AND deleted_at IS NULL ORDER BY id DESC LIMIT 1",
                (a, b),
            ).fetchone()
        return _judgement(row) if row else None

    def rekey(self, moves: dict[str, str]) -> int:
        """Record ids that changed (old → new, a warehouse migration) in every decision and in
        the queue, so the decisions keep meaning the same records. Returns the rows changed."""
        changed = 0
        with self.connect(write=True) as con:
            for table in ("judgements", "queue"):
                rows = con.execute(f"SELECT rowid, record_a, record_b FROM {table}").fetchall()
                for rowid, a, b in rows:
                    if a not in moves and b not in moves:
                        continue
                    na, nb = ordered(moves.get(a, a), moves.get(b, b))
                    con.execute(
                        f"UPDATE OR IGNORE {table} SET record_a = ?, record_b = ? WHERE rowid = ?",
                        (na, nb, rowid),
                    )
                    changed += 1
        return changed

    # export and import -------------------------------------------------------------------

    def export_jsonl(self, path: Path | str) -> int:
        """Every judgement, deleted ones too, one JSON object per line, oldest first: a file
        to keep in git."""
        with self.connect() as con:
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
        and the earlier soft-deleted. Returns (added, skipped); a bad line is a BadJudgement
        (a ValueError naming it) and nothing is added."""
        incoming = []
        for fields in read_judgements(path, VERDICTS):  # every line checked before any is added
            j = Judgement(**fields)
            j.record_a, j.record_b = ordered(j.record_a, j.record_b)
            incoming.append(j)
        added = skipped = 0
        with self.connect(write=True) as con:
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


def _judgement(row: sqlite3.Row) -> Judgement:
    data = dict(row)
    return Judgement(**{k: data.get(k) for k in Judgement.__dataclass_fields__})


def create_records(con: sqlite3.Connection) -> None:
    con.execute(RECORDS_TABLE)
    con.execute("CREATE INDEX records_person ON records (person_id)")
