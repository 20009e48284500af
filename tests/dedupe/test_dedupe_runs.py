"""Two runs with new records in between: person ids stay, people's decisions are obeyed, and
an incremental run compares only the new records."""

import numpy as np
import pyarrow as pa
import pytest

from dedupe import dedupe_records


@pytest.fixture(scope="module")
def records():
    from sandbox.server import Sandbox

    sandbox = Sandbox(400, seed=31, only=("news", "memorial", "social", "kniga"))
    rows, truth = [], {}
    for n, shown in enumerate(s for site in sandbox.sites for s in site.truth()):
        if shown.expect_reject:
            continue
        rid = f"r{n:05d}"
        rows.append(
            {
                "record_id": rid,
                "source": shown.site,
                "full_name": shown.full_name,
                "birth_date": shown.birth_date,
                "death_date": shown.death_date,
                "age": None if shown.age is None else str(shown.age),
                "region": shown.region,
                "settlement": shown.settlement,
                "unit": shown.unit,
                "category": shown.category,
            }
        )
        truth[rid] = shown.pid
    return pa.Table.from_pylist(rows), truth


@pytest.fixture(scope="module")
def two_runs(records):
    table, _ = records
    first_rows = table.slice(0, int(table.num_rows * 0.8))
    first = dedupe_records(first_rows, summarise_persons=False)
    second = dedupe_records(table, previous=first.assignment, summarise_persons=False)
    return first, second


def test_every_earlier_person_keeps_his_id(two_runs):
    first, second = two_runs
    moved = [rid for rid, pid in first.assignment.items() if second.assignment[rid] != pid]
    assert len(moved) <= 0.01 * len(first.assignment)


def test_new_records_join_earlier_persons(two_runs):
    first, second = two_runs
    earlier = set(first.assignment.values())
    new = [rid for rid in second.assignment if rid not in first.assignment]
    assert sum(second.assignment[rid] in earlier for rid in new) > 0.3 * len(new)


def test_an_incremental_run_keeps_every_earlier_id(records, two_runs):
    table, _ = records
    first, _ = two_runs
    incremental = dedupe_records(
        table,
        previous=first.assignment,
        incremental=True,
        features=first.features,
        summarise_persons=False,
    )
    assert all(incremental.assignment[rid] == pid for rid, pid in first.assignment.items())


def test_an_incremental_run_compares_only_new_records(records, two_runs):
    table, _ = records
    first, second = two_runs
    incremental = dedupe_records(
        table,
        previous=first.assignment,
        incremental=True,
        features=first.features,
        summarise_persons=False,
    )
    assert incremental.pairs_compared < 0.5 * second.pairs_compared


def test_an_incremental_run_counts_like_a_full_one(records, two_runs):
    table, _ = records
    first, second = two_runs
    incremental = dedupe_records(
        table,
        previous=first.assignment,
        incremental=True,
        features=first.features,
        summarise_persons=False,
    )
    assert abs(incremental.people - second.people) <= 0.01 * second.people


def _merged_pair(result, truth):
    by_person = {}
    for rid, pid in result.assignment.items():
        by_person.setdefault(pid, []).append(rid)
    return next(rids[:2] for rids in by_person.values() if len(rids) >= 2)


def test_a_different_decision_splits_a_person(records, two_runs):
    table, truth = records
    _, second = two_runs
    a, b = _merged_pair(second, truth)
    again = dedupe_records(
        table, previous=second.assignment, judgements=[(a, b, "different")], summarise_persons=False
    )
    assert again.assignment[a] != again.assignment[b]


def test_a_same_decision_joins_two_persons(records, two_runs):
    table, _ = records
    _, second = two_runs
    ids = np.array(list(second.assignment))
    a = ids[0]
    b = next(rid for rid in ids if second.assignment[rid] != second.assignment[a])
    again = dedupe_records(
        table, previous=second.assignment, judgements=[(a, b, "same")], summarise_persons=False
    )
    assert again.assignment[a] == again.assignment[b]


def test_a_decided_pair_is_never_asked_again(records, two_runs):
    table, _ = records
    _, second = two_runs
    assert second.review, "the stand-in data leaves some pairs for people"
    asked = second.review[0]
    again = dedupe_records(
        table,
        previous=second.assignment,
        judgements=[(asked.record_a, asked.record_b, "different")],
        summarise_persons=False,
    )
    assert (asked.record_a, asked.record_b) not in {(p.record_a, p.record_b) for p in again.review}


def test_a_contradiction_is_flagged_for_review(records, two_runs):
    table, _ = records
    _, second = two_runs
    by_person = {}
    for rid, pid in second.assignment.items():
        by_person.setdefault(pid, []).append(rid)
    a, b, c = next(rids[:3] for rids in by_person.values() if len(rids) >= 3)
    again = dedupe_records(
        table,
        judgements=[(a, b, "same"), (a, c, "same"), (b, c, "different")],
        summarise_persons=False,
    )
    flagged = {frozenset(pair) for pair in again.contradictions}
    assert flagged & {frozenset((a, c)), frozenset((b, c))}


def test_contradicting_decisions_go_to_review(records, two_runs):
    table, _ = records
    _, second = two_runs
    by_person = {}
    for rid, pid in second.assignment.items():
        by_person.setdefault(pid, []).append(rid)
    a, b, c = next(rids[:3] for rids in by_person.values() if len(rids) >= 3)
    again = dedupe_records(
        table,
        judgements=[(a, b, "same"), (a, c, "same"), (b, c, "different")],
        summarise_persons=False,
    )
    assert "contradiction" in {p.kind for p in again.review}
