"""Decisions to and from a JSONL file (`tally judgements export | import`): every edge one line,
with the decision it is part of (`decision`), so a merge or split of persons travels whole and
an undo on the far side takes all of it back. Lines are checked by `review.judgement_file`."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from review.judgement_file import read_judgements
from review.store import VERDICTS, Judgement, Store, judgement_of, ordered


def export_jsonl(store: Store, path: Path | str) -> int:
    """Every judgement, deleted ones too, one JSON object per line, oldest first: a file
    to keep in git."""
    with store.connect() as con:
        rows = con.execute("SELECT * FROM judgements ORDER BY created_at, id").fetchall()
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for row in rows:
            data = asdict(judgement_of(row))
            data.pop("id")
            fh.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
    tmp.replace(path)
    return len(rows)


def import_jsonl(store: Store, path: Path | str) -> tuple[int, int]:
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
    with store.connect(write=True) as con:
        known = {r[0] for r in con.execute("SELECT uid FROM judgements")}
        touched = set()
        for j in incoming:
            if j.uid in known:
                skipped += 1
                continue
            store._insert(con, j)
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
