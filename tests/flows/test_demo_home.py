"""The demo keeps its stand-in world in a home of its own, and a second demo keeps the first's
records and decisions: after `tally demo` twice, `tally run` against another stand-in world
publishes only that world, and the demo's file is untouched."""

from __future__ import annotations

import duckdb
import pytest

from cli import main
from flows.paths import Home

pytestmark = pytest.mark.e2e


def _urls(path) -> set[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT DISTINCT url FROM records").fetchall()}
    finally:
        con.close()


def _live_and_persons(path) -> tuple[int, dict[str, str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        live = con.execute("SELECT count(*) FROM records WHERE removed_at IS NULL").fetchone()[0]
        person = dict(con.execute("SELECT record_id, person_id FROM records").fetchall())
        return live, person
    finally:
        con.close()


def test_the_demo_twice_then_a_run_of_another_world(prefect_harness, tmp_path, monkeypatch):
    """A second `make demo` (here on another port, as when the default one is taken) finds the
    same records — none doubled — and obeys the decision a maintainer made after the first;
    then `tally run` against another stand-in world publishes only that world, and the demo's
    file is untouched. (One test: each demo costs a crawl of every stand-in site.)"""
    from review.queue import Queue
    from review.store import Store
    from sandbox.server import Sandbox, SandboxServer

    monkeypatch.setenv("TALLY_HOME", str(tmp_path / "var"))
    monkeypatch.setenv("TALLY_PUBLISHED", str(tmp_path / "published"))
    assert main(["demo", "--people", "30", "--seed", "5", "--port", "0"]) == 0
    home = Home.from_env()
    demo = home.demo()
    live, person = _live_and_persons(demo.snapshot)
    persons = sorted(set(person.values()))
    assert Queue(Store(demo.review_db)).merge(persons[0], persons[1], "anna", "one photograph")

    assert main(["demo", "--people", "30", "--seed", "5", "--port", "0"]) == 0
    live_again, person_again = _live_and_persons(demo.snapshot)
    assert live_again == live
    merged = {r for r, p in person.items() if p in persons[:2]}
    assert len({person_again[r] for r in merged}) == 1  # the merge obeyed, whole
    assert Store(demo.review_db).active()  # and kept

    demo_bytes = demo.snapshot.read_bytes()
    other = Sandbox(30, seed=4, only=("news", "memorial"))
    server = SandboxServer(other).start()
    try:
        code = main(["run", "--base-url", server.url, "--source", "sandbox-news",
                     "--source", "sandbox-memorial", "--today", other.world.today.isoformat()])  # fmt: skip
    finally:
        server.stop()
    published = _urls(home.snapshot)
    assert (code, demo.snapshot.read_bytes() == demo_bytes, bool(published)) == (0, True, True)
    assert all(u.startswith(server.url.rstrip("/")) for u in published)
    assert not _urls(demo.snapshot) & published
