"""Maintainers' decisions: kept forever (a change soft-deletes), obeyed by the next dedupe run,
shared through JSONL, safe with several reviewers at once; the web app escapes scraped text,
refuses forms without the CSRF token and asks for a token beyond 127.0.0.1."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys

import duckdb
import pytest
from fastapi.testclient import TestClient

from flows.stages import dedupe_stage
from review.judgement_io import export_jsonl, import_jsonl
from review.queue import Queue
from review.store import Store
from review.terminal import review_loop
from review.web import create_app, is_loopback

HOSTILE = '<script>alert("x")</script> Петров'


def pairs_with_records(store: Store, n: int = 3):
    records = [
        {"record_id": f"r{k}", "person_id": f"P{k}", "full_name": f"Иванов Иван {k}"}
        for k in range(2 * n)
    ]
    pairs = [
        {"record_a": f"r{2 * k}", "record_b": f"r{2 * k + 1}", "score": 0.5 - k, "priority": 10 - k}
        for k in range(n)
    ]
    Queue(store).replace(pairs, records, "run-1")


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "review.sqlite")
    pairs_with_records(s)
    return s


def test_a_change_soft_deletes_and_undo_restores(store):
    first = store.decide("r0", "r1", "same", "anna", "one man")
    second = store.decide("r1", "r0", "different", "boris", "dates differ")
    history = {j.uid: j for j in store.history()}
    assert history[first.uid].deleted_at and history[first.uid].replaced_by == second.uid
    assert store.active() == [("r0", "r1", "different")]
    store.undo("boris")
    assert store.active() == [("r0", "r1", "same")]  # anna's decision is back
    assert len(store.history()) == 2  # nothing was ever deleted


def test_unsure_is_kept_but_not_obeyed_and_comes_last(store):
    store.decide("r0", "r1", "unsure", "anna")
    assert store.active() == []
    order = []
    while (p := Queue(store).next_pair("anna", skip=[q.pair_id for q in order])) is not None:
        order.append(p)
    assert [(p.record_a, p.record_b) for p in order][-1] == ("r0", "r1")


def test_two_reviewers_are_not_shown_the_same_pair(store):
    a, b = Queue(store).next_pair("anna"), Queue(store).next_pair("boris")
    assert a.pair_id != b.pair_id
    assert Queue(store).next_pair("anna").pair_id == a.pair_id  # her claim holds
    store.decide(a.record_a, a.record_b, "same", "anna")
    assert Queue(store).next_pair("anna").pair_id not in (a.pair_id, b.pair_id)


def _decide_many(path: str, reviewer: str, count: int) -> None:
    s = Store(path)
    for k in range(count):
        s.decide(f"x{k}", f"y{k}", "same" if reviewer == "anna" else "different", reviewer)


def test_decisions_of_two_processes_at_once_are_all_kept(tmp_path):
    path = str(tmp_path / "review.sqlite")
    Store(path)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_decide_many, args=(path, who, 60)) for who in ("anna", "boris")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    store = Store(path)
    assert len(store.history(limit=1000)) == 120
    assert len(store.active()) == 60  # one active decision per pair, the later one


def test_export_and_import_round_trip(store, tmp_path):
    store.decide("r0", "r1", "same", "anna", "note «с кавычками»")
    store.decide("r0", "r1", "different", "boris")
    store.decide("r2", "r3", "different", "anna")
    out = tmp_path / "judgements.jsonl"
    assert export_jsonl(store, out) == 3
    other = Store(tmp_path / "other.sqlite")
    assert import_jsonl(other, out) == (3, 0)
    assert import_jsonl(other, out) == (0, 3)  # idempotent
    assert sorted(other.active()) == sorted(store.active())
    assert len(other.history()) == 3


def test_import_of_a_broken_line_names_it(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"uid": "1", "record_a": "a", "record_b": "b", "verdict": "same"}\nnot json\n')
    with pytest.raises(ValueError, match="line 1|line 2"):
        import_jsonl(Store(tmp_path / "s.sqlite"), bad)


def test_terminal_review_decides_and_undoes(store):
    answers = iter(["s", "", "z", "d", "dates differ", "q"])
    made = review_loop(Queue(store), "anna", ask=lambda _: next(answers))
    assert made == 1
    assert [j.verdict for j in store.history(reviewer="anna", include_deleted=False)] == [
        "different"
    ]


# the dedupe stage obeys -------------------------------------------------------------------


def _persons(home) -> dict[str, str]:
    with duckdb.connect(str(home.warehouse), read_only=True) as con:
        return dict(con.execute("SELECT record_id, person_id FROM record_person").fetchall())


def test_the_next_dedupe_run_obeys_and_never_asks_again(review_home):
    store = Store(review_home.review_db)
    pairs = []
    while (p := Queue(store).next_pair("anna", skip=[q.pair_id for q in pairs])) is not None:
        pairs.append(p)
        if len(pairs) == 2:
            break
    assert len(pairs) == 2, "the generated records leave pairs for review"
    same, different = pairs
    store.decide(same.record_a, same.record_b, "same", "anna")
    store.decide(different.record_a, different.record_b, "different", "anna")
    figures = dedupe_stage(review_home)
    assert figures["judgements_obeyed"] == 2
    persons = _persons(review_home)
    assert persons[same.record_a] == persons[same.record_b]
    assert persons[different.record_a] != persons[different.record_b]
    asked = {(p.record_a, p.record_b) for p in _queue(store)}
    assert (same.record_a, same.record_b) not in asked
    assert (different.record_a, different.record_b) not in asked


def test_split_and_merge_are_obeyed(review_home):
    store = Store(review_home.review_db)
    persons = _persons(review_home)
    sizes = {}
    for rid, pid in persons.items():
        sizes.setdefault(pid, []).append(rid)
    big = next(pid for pid, rids in sizes.items() if len(rids) >= 3)
    out = sizes[big][0]
    Queue(store).split(out, "anna", "not him")
    a, b = sorted(pid for pid, rids in sizes.items() if len(rids) == 1)[:2]
    Queue(store).merge(a, b, "anna", "one man")
    dedupe_stage(review_home)
    after = _persons(review_home)
    assert all(after[out] != after[r] for r in sizes[big][1:])
    assert after[sizes[a][0]] == after[sizes[b][0]]


def _queue(store: Store):
    out = []
    while (p := Queue(store).next_pair("zed", skip=[q.pair_id for q in out])) is not None:
        out.append(p)
    return out


# the web app ------------------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path):
    store = Store(tmp_path / "review.sqlite")
    Queue(store).replace(
        [{"record_a": "h1", "record_b": "h2", "score": 0.1, "reasons": "<b>bold</b>"}],
        [
            {
                "record_id": "h1",
                "person_id": "P1",
                "full_name": HOSTILE,
                "url": "javascript:alert(1)",
                "context": f"{HOSTILE} погиб",
                "spans": '{"full_name": [0, 10]}',
            },
            {"record_id": "h2", "person_id": "P2", "full_name": "Петров Иван"},
        ],
        "run-1",
    )
    return store


def csrf_of(html: str) -> str:
    return html.split('name="csrf" value="')[1].split('"')[0]


def login(client: TestClient, name: str = "anna", token: str | None = None):
    """Log in; returns the answer and the CSRF token of the session after it (renewed)."""
    csrf = csrf_of(client.get("/login").text)
    data = {"csrf": csrf, "reviewer": name}
    if token is not None:
        data["token"] = token
    answer = client.post("/login", data=data, follow_redirects=False)
    if answer.status_code == 303:
        csrf = csrf_of(client.get("/history").text)
    return answer, csrf


def test_hostile_text_is_rendered_inert(hostile):
    client = TestClient(create_app(hostile))
    login(client)
    page = client.get("/", follow_redirects=True)
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert "<b>bold</b>" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    search = client.get("/search", params={"q": "петров"})
    assert "<script>alert" not in search.text and "P1" in search.text


def test_a_post_without_the_csrf_token_is_refused(hostile):
    client = TestClient(create_app(hostile))
    _, csrf = login(client)
    pair = Queue(hostile).next_pair("anna")
    refused = client.post(f"/pair/{pair.pair_id}/decide", data={"verdict": "same"})
    assert refused.status_code == 403 and "CSRF" in refused.text
    wrong = client.post(f"/pair/{pair.pair_id}/decide", data={"verdict": "same", "csrf": "x"})
    assert wrong.status_code == 403
    assert hostile.active() == []
    ok = client.post(
        f"/pair/{pair.pair_id}/decide",
        data={"verdict": "same", "csrf": csrf},
        follow_redirects=False,
    )
    assert ok.status_code == 303 and hostile.active() == [("h1", "h2", "same")]


def test_a_token_is_needed_when_one_is_set(hostile):
    client = TestClient(create_app(hostile, token="s3cret-s3cret-s3cret"))
    refused, _ = login(client, token="wrong")
    assert refused.status_code == 403
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"
    accepted, _ = login(client, token="s3cret-s3cret-s3cret")
    assert accepted.status_code == 303


def test_listening_beyond_this_machine_needs_a_token(tmp_path):
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")
    out = subprocess.run(
        [sys.executable, "-m", "cli", "review", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        env={"TALLY_HOME": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert out.returncode == 2 and "token" in out.stderr


def test_reviewing_while_a_flow_holds_the_warehouse(review_home):
    """A writer (a scheduled flow) holds the DuckDB warehouse; the review app and the terminal
    flow work on, since they never open it."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
            "con.execute('BEGIN TRANSACTION'); print('holding', flush=True); time.sleep(30)",
            str(review_home.warehouse),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(duckdb.IOException):  # even a reader is refused by DuckDB now
            duckdb.connect(str(review_home.warehouse), read_only=True)
        store = Store(review_home.review_db)
        client = TestClient(create_app(store))
        _, csrf = login(client)
        page = client.get("/", follow_redirects=True)
        # a pair's question (records or persons, as the queue's first pair has it)
        assert page.status_code == 200 and '<h1 id="question">' in page.text
        pair_id = int(page.text.split('data-pair="')[1].split('"')[0])
        done = client.post(f"/pair/{pair_id}/decide", data={"verdict": "different", "csrf": csrf})
        assert done.status_code == 200
        # one decision, kept for every record pair it answers (two persons: all their pairs)
        assert Queue(store).counts()["decisions"] == 1
        assert store.active() and {v for *_, v in store.active()} == {"different"}
    finally:
        holder.kill()
        holder.wait()
