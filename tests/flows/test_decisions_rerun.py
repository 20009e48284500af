"""Decisions about persons survive re-runs: two dedupe runs over the same warehouse with the
same decisions give the same persons with the same ids, and obey every edge of each."""

from __future__ import annotations

from collections import defaultdict

import duckdb

from flows.stages import dedupe_stage
from review.queue import Queue
from review.store import Store
from tests.conftest import build_review_home


def _persons(home) -> dict[str, str]:
    with duckdb.connect(str(home.warehouse), read_only=True) as con:
        return dict(con.execute("SELECT record_id, person_id FROM record_person").fetchall())


def test_two_runs_with_the_same_decisions_give_the_same_persons_and_ids(tmp_path):
    home = build_review_home(tmp_path, men=150, seed=5)
    queue = Queue(Store(home.review_db))
    groups = defaultdict(list)
    for rid, pid in sorted(_persons(home).items()):
        groups[pid].append(rid)
    pairs = [pid for pid, rids in sorted(groups.items()) if len(rids) == 2]
    big = next(pid for pid, rids in sorted(groups.items()) if len(rids) >= 3)
    queue.merge(pairs[0], pairs[1], "anna", "one man")
    queue.split(groups[big][:2], "anna", "two others")
    queue.store.decide_edges(
        [(a, b, "different") for a in groups[pairs[2]] for b in groups[pairs[3]]], "anna"
    )

    first = dedupe_stage(home)
    once = _persons(home)
    second = dedupe_stage(home)
    twice = _persons(home)
    assert twice == once  # the same persons, each with the same id
    assert first["persons"] == second["persons"] and first["records"] == second["records"]
    assert first["judgements_obeyed"] == second["judgements_obeyed"] == len(queue.store.active())
    assert len(queue.store.active()) == 4 + (1 + 2 * (len(groups[big]) - 2)) + 4

    merged = groups[pairs[0]] + groups[pairs[1]]
    assert len({once[r] for r in merged}) == 1
    out, rest = groups[big][:2], groups[big][2:]
    assert once[out[0]] == once[out[1]] and all(once[r] != once[out[0]] for r in rest)
    assert queue.counts()["decisions"] == 3
