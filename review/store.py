"""Maintainers' decisions, in a SQLite file beside the warehouse that also holds the queue they
decide from (`review.queue`).

Why not DuckDB: DuckDB allows one writing process and refuses even readers while it writes, and
a scheduled flow may hold the warehouse for minutes. Reviewing must never wait for it, nor make
it fail. SQLite in WAL mode lets several reviewers and the dedupe stage read and write at once
(each write a short transaction; a busy file is waited for, not failed on).

- `judgements`: the edges of every decision ever made, with reviewer, time and note. One
  decision (`decision`: its uid) is one row for a pair, or many for persons: a merge of P and Q
  binds every record of P with every record of Q, a split of S out of P keeps S together and
  apart from the rest (`review.persons`); undo takes back all its rows at once. A change never
  updates or deletes a row: the old row is soft-deleted (`deleted_at`, `replaced_by`), so the
  history stays. The dedupe stage obeys the active «same» and «different» rows.
- `queue`: the pairs the last dedupe run left for people, most consequential first, and
  `records`: a copy of the fields a reviewer compares (replaced by each dedupe run).
- `claims`: which reviewer is looking at which pair, so two are not shown the same one.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

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
    replaced_by TEXT,                          -- uid of the row that took its place
    decision    TEXT,                          -- the decision this edge is part of
    warning     TEXT NOT NULL DEFAULT ''       -- shown before it was confirmed (dates)
);
CREATE INDEX IF NOT EXISTS judgements_pair ON judgements (record_a, record_b);
CREATE INDEX IF NOT EXISTS judgements_reviewer ON judgements (reviewer, created_at);
CREATE INDEX IF NOT EXISTS judgements_decision ON judgements (decision);
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
    + ", name_folded TEXT, name_keys TEXT)"
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
    decision: str | None = None
    warning: str = ""
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
            columns = {r[1] for r in con.execute("PRAGMA table_info(judgements)")}
            if columns and "decision" not in columns:  # a database from before decisions
                con.execute("ALTER TABLE judgements ADD COLUMN decision TEXT")
                con.execute("ALTER TABLE judgements ADD COLUMN warning TEXT NOT NULL DEFAULT ''")
                con.execute("UPDATE judgements SET decision = uid")
            con.executescript(SCHEMA)
            known = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if "records" not in known:
                create_records(con)
            elif "name_keys" not in {r[1] for r in con.execute("PRAGMA table_info(records)")}:
                con.execute("ALTER TABLE records ADD COLUMN name_keys TEXT")  # until the next run

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
        return self.decide_edges([(record_a, record_b, verdict)], reviewer, note, origin)[0]

    def decide_edges(
        self,
        edges: list[tuple[str, str, str]],
        reviewer: str,
        note: str = "",
        origin: str = "review",
        warning: str = "",
    ) -> list[Judgement]:
        """One decision made of edges (record_a, record_b, verdict), kept and taken back
        whole; each replaces its pair's earlier active row (soft-deleted, never lost)."""
        if not reviewer or not reviewer.strip():
            raise ValueError("a decision needs the reviewer's name")
        pairs: dict[tuple[str, str], str] = {}
        for a, b, verdict in edges:
            if verdict not in VERDICTS:
                raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
            if a == b:
                raise ValueError("a record is always the same man as itself")
            pairs[ordered(str(a), str(b))] = verdict
        if not pairs:
            raise ValueError("a decision needs at least one pair of records")
        decision, when, who = uuid.uuid4().hex, now(), reviewer.strip()
        made = [
            Judgement(
                decision if k == 0 else uuid.uuid4().hex,
                a,
                b,
                v,
                who,
                note.strip(),
                origin,
                when,
                decision=decision,
                warning=warning,
            )  # fmt: skip
            for k, ((a, b), v) in enumerate(pairs.items())
        ]
        with self.connect(write=True) as con:
            for j in made:
                self._supersede(con, j.record_a, j.record_b, j.uid, who, when)
                j.id = self._insert(con, j)
                con.execute(
                    "DELETE FROM claims WHERE pair_id IN "
                    "(SELECT pair_id FROM queue WHERE record_a = ? AND record_b = ?)",
                    (j.record_a, j.record_b),
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
            "created_at, deleted_at, deleted_by, replaced_by, decision, warning) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                j.decision or j.uid,
                j.warning or "",
            ),
        )
        return int(cur.lastrowid)

    def undo(self, reviewer: str) -> Judgement | None:
        """Take back the reviewer's latest active decision, every edge of it; the rows it
        replaced become active again (unless their own decision was taken back meanwhile).
        Returns the decision's first edge (`edges_of` lists the rest)."""
        with self.connect(write=True) as con:
            row = con.execute(
                "SELECT * FROM judgements WHERE reviewer = ? AND deleted_at IS NULL "
                "ORDER BY created_at DESC, id DESC LIMIT 1",
                (reviewer,),
            ).fetchone()
            if row is None:
                return None
            when, decision = now(), row["decision"] or row["uid"]
            uids = [
                r[0]
                for r in con.execute(
                    "SELECT uid FROM judgements WHERE decision = ? AND deleted_at IS NULL",
                    (decision,),
                )
            ]
            con.execute(
                "UPDATE judgements SET deleted_at = ?, deleted_by = ? "
                "WHERE decision = ? AND deleted_at IS NULL",
                (when, reviewer, decision),
            )
            con.execute(
                f"""UPDATE judgements SET deleted_at = NULL, deleted_by = NULL, replaced_by = NULL
                WHERE replaced_by IN ({", ".join("?" * len(uids))}) AND NOT EXISTS (
                    SELECT 1 FROM judgements u WHERE u.decision = judgements.decision
                    AND u.deleted_at IS NOT NULL AND u.replaced_by IS NULL)""",
                uids,
            )
            first = con.execute(
                "SELECT * FROM judgements WHERE decision = ? ORDER BY id LIMIT 1", (decision,)
            ).fetchone()
            taken = judgement_of(first)
            taken.deleted_at, taken.deleted_by = when, reviewer
            return taken

    def edges_of(self, decision: str) -> list[Judgement]:
        """Every edge of one decision, active or not."""
        with self.connect() as con:
            rows = con.execute(
                "SELECT * FROM judgements WHERE decision = ? ORDER BY id", (decision,)
            ).fetchall()
        return [judgement_of(r) for r in rows]

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
            return [judgement_of(r) for r in con.execute(sql, (*args, limit)).fetchall()]

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
        return judgement_of(row) if row else None

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


def judgement_of(row: sqlite3.Row) -> Judgement:
    data = dict(row)
    return Judgement(**{k: data.get(k) for k in Judgement.__dataclass_fields__})


def create_records(con: sqlite3.Connection) -> None:
    con.execute(RECORDS_TABLE)
    con.execute("CREATE INDEX records_person ON records (person_id)")
