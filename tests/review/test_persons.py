"""Decisions about persons: a merge, a split, an answer about two persons is ONE decision of
edges, kept, undone, exported and imported whole; the queue asks once per two persons."""

from __future__ import annotations

import json
import sqlite3

import pytest
from fastapi.testclient import TestClient

from review.judgement_io import export_jsonl, import_jsonl
from review.persons import date_conflicts, split_edges
from review.queue import Queue, one_per_persons
from review.store import Store
from review.web import create_app
from tests.review.test_review import csrf_of, login

RECORDS = [
    {"record_id": "a1", "person_id": "P", "full_name": "Петров Иван", "birth_date": "1920"},
    {"record_id": "a2", "person_id": "P", "full_name": "Петров И.", "birth_date": "1920-03-01"},
    {"record_id": "b1", "person_id": "Q", "full_name": "Петров Иван", "birth_date": "1921"},
    {"record_id": "b2", "person_id": "Q", "full_name": "Петров Иван"},
    {"record_id": "c1", "person_id": "R", "full_name": "Сидоров Пётр"},
]
PAIRS = [
    {"record_a": "a1", "record_b": "b1", "score": -0.5, "priority": 1100.0,
     "reasons": "surname exact; given exact; birth conflict"},
    {"record_a": "a2", "record_b": "b2", "score": 0.4, "priority": 1000.0,
     "reasons": "surname exact; given initial"},
    {"record_a": "a1", "record_b": "b2", "score": -1.0, "priority": 1000.0, "reasons": ""},
    {"record_a": "b1", "record_b": "c1", "score": -1.5, "priority": 1050.0, "reasons": ""},
]  # fmt: skip


@pytest.fixture
def queue(tmp_path) -> Queue:
    queue = Queue(Store(tmp_path / "review.sqlite"))
    queue.replace(PAIRS, RECORDS, "run-1")
    return queue


def _active(store: Store) -> set[tuple[str, str, str]]:
    return set(store.active())


def test_a_merge_binds_every_record_of_both_in_one_decision(queue):
    made = queue.merge("P", "Q", "anna")
    assert _active(queue.store) == {
        ("a1", "b1", "same"), ("a1", "b2", "same"), ("a2", "b1", "same"), ("a2", "b2", "same")
    }  # fmt: skip
    assert len({j.decision for j in made}) == 1
    assert {j.warning for j in made} == {"born 1920 vs 1921"}
    assert queue.counts()["decisions"] == 1


def test_undo_takes_a_whole_decision_back_and_gives_back_what_it_replaced(queue):
    store = queue.store
    store.decide("a1", "b1", "different", "anna", "first look")
    queue.merge("P", "Q", "bob")
    assert ("a1", "b1", "same") in _active(store)
    taken = store.undo("bob")
    assert taken is not None and len(store.edges_of(taken.decision)) == 4
    assert _active(store) == {("a1", "b1", "different")}


def test_a_split_keeps_the_chosen_together_and_apart_from_the_rest(queue):
    queue.store.decide_edges(
        [("a1", "a2", "same"), ("a1", "b1", "same"), ("b1", "b2", "same")], "anna"
    )
    queue.replace([], [{**r, "person_id": "M"} for r in RECORDS[:4]] + RECORDS[4:], "run-2")
    made = queue.split(["a1", "b1"], "anna", "two men")
    assert len({j.decision for j in made}) == 1
    assert _active(queue.store) == {
        ("a1", "b1", "same"), ("a1", "a2", "different"), ("a1", "b2", "different"),
        ("a2", "b1", "different"), ("b1", "b2", "different"),
    }  # fmt: skip
    queue.store.undo("anna")  # the split, whole: the merge's edges are back
    assert _active(queue.store) == {
        ("a1", "a2", "same"),
        ("a1", "b1", "same"),
        ("b1", "b2", "same"),
    }


def test_an_undone_decision_is_not_brought_back_by_undoing_a_later_one(queue):
    store = queue.store
    queue.merge("P", "Q", "anna")
    store.decide("a1", "b1", "different", "bob")  # replaces one edge of anna's merge
    store.undo("anna")  # anna's merge, whole (three edges still active)
    store.undo("bob")  # must not revive the fourth edge of a merge that was taken back
    assert _active(store) == set()


def test_split_edges_and_refusals(queue):
    assert split_edges(["x", "y"], ["x", "y", "z"]) == [
        ("x", "y", "same"), ("x", "z", "different"), ("y", "z", "different")
    ]  # fmt: skip
    with pytest.raises(ValueError, match="not all of them"):
        queue.split(["a1", "a2"], "anna")
    with pytest.raises(ValueError, match="one person"):
        queue.split(["a1", "b1"], "anna")
    with pytest.raises(KeyError):
        queue.split(["nobody"], "anna")


def test_dates_conflict_only_when_neither_is_a_prefix_of_the_other():
    assert date_conflicts([{"birth_date": "1941"}], [{"birth_date": "1941-07-03"}]) == ""
    assert date_conflicts([{"death_date": "1943"}], [{"death_date": "1944"}]) == "died 1943 vs 1944"
    assert date_conflicts([{"birth_date": None}], [{"birth_date": "1900"}]) == ""


def test_the_queue_asks_once_per_two_persons_with_the_strongest_pair(queue):
    asked = [(p.record_a, p.record_b, p.priority) for p in _all(queue)]
    assert asked == [("a2", "b2", 1100.0), ("b1", "c1", 1050.0)]


def test_pairs_a_decision_settles_are_dropped_by_the_next_run(queue):
    queue.store.decide("a1", "b2", "different", "anna")  # P and Q told apart (one edge)
    queue.replace(PAIRS, RECORDS, "run-2")
    assert [(p.record_a, p.record_b) for p in _all(queue)] == [("b1", "c1")]


def test_a_contradiction_inside_one_person_stays_its_own_question():
    person_of = {"a": "P", "b": "P", "c": "P"}
    pairs = [{"record_a": "a", "record_b": "b", "score": 0.0, "kind": "contradiction"},
             {"record_a": "a", "record_b": "c", "score": 0.0, "kind": "contradiction"}]  # fmt: skip
    assert len(one_per_persons(pairs, person_of, set())) == 2


def _all(queue: Queue):
    out = []
    while (p := queue.next_pair("zed", skip=[q.pair_id for q in out])) is not None:
        out.append(p)
    return out


def test_export_and_import_carry_decisions_whole(queue, tmp_path):
    queue.merge("P", "Q", "anna")
    out = tmp_path / "j.jsonl"
    assert export_jsonl(queue.store, out) == 4
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len({x["decision"] for x in lines}) == 1 and all(x["warning"] for x in lines)
    other = Store(tmp_path / "other.sqlite")
    assert import_jsonl(other, out) == (4, 0)
    assert other.undo("anna") is not None and other.active() == []


def test_a_database_from_before_decisions_gets_its_columns(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as con:
        con.execute(
            "CREATE TABLE judgements (id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL "
            "UNIQUE, record_a TEXT NOT NULL, record_b TEXT NOT NULL, verdict TEXT NOT NULL, "
            "reviewer TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', origin TEXT NOT NULL "
            "DEFAULT 'review', created_at TEXT NOT NULL, deleted_at TEXT, deleted_by TEXT, "
            "replaced_by TEXT)"
        )
        con.execute(
            "INSERT INTO judgements (uid, record_a, record_b, verdict, reviewer, created_at) "
            "VALUES ('u1', 'a', 'b', 'same', 'anna', '2026-01-01T00:00:00')"
        )
    store = Store(path)
    assert store.history()[0].decision == "u1"
    assert store.undo("anna").uid == "u1" and store.active() == []


def test_the_pair_page_asks_about_persons_explains_and_decides_for_both(queue):
    client = TestClient(create_app(queue.store), raise_server_exceptions=False)
    answer, csrf = login(client)
    first = queue.next_pair("anna")
    page = client.get(f"/pair/{first.pair_id}").text
    assert "Are <bdi>P</bdi> (2 records) and <bdi>Q</bdi> (2 records) one man?" in page
    assert 'id="date-warning"' in page and "born 1920 vs 1921" in page
    from dedupe.config import load_config

    cfg = load_config()
    exact = cfg.weights["surname"]["exact"]  # surname exact's weight, the merge threshold
    assert f"+{exact:.2f}" in page and f"merge ≥ {cfg.merge:g}" in page
    done = client.post(f"/pair/{first.pair_id}/decide", data={"csrf": csrf, "verdict": "different"})
    assert "persons P and Q whole (4 record pairs)" in done.text
    assert {v for _, _, v in queue.store.active()} == {"different"}
    assert len(queue.store.active()) == 4 and csrf_of(done.text)


def test_undo_of_an_answer_about_persons_goes_back_to_its_question(queue):
    client = TestClient(create_app(queue.store), raise_server_exceptions=False)
    _, csrf = login(client)
    first = queue.next_pair("anna")
    client.post(f"/pair/{first.pair_id}/decide", data={"csrf": csrf, "verdict": "same"})
    undone = client.post("/undo", data={"csrf": csrf}, follow_redirects=False)
    assert undone.headers["location"] == f"/pair/{first.pair_id}"
    assert queue.store.active() == []


def test_the_terminal_answers_for_both_persons_and_warns_first(queue):
    from rich.console import Console

    from review.terminal import review_loop

    console = Console(record=True, width=200)
    answers = iter(["s", "", "q"])
    assert review_loop(queue, "anna", console, ask=lambda _: next(answers)) == 1
    shown = console.export_text()
    assert "conflicting dates: born 1920 vs 1921" in shown and "4 record pairs" in shown
    assert len(queue.store.active()) == 4
