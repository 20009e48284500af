"""The demo keeps its stand-in world in a home of its own: after `tally demo`, `tally run`
against another stand-in world publishes only that world, and the demo's file is untouched."""

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


def test_a_run_after_the_demo_publishes_only_its_own_world(prefect_harness, tmp_path, monkeypatch):
    from sandbox.server import Sandbox, SandboxServer

    monkeypatch.setenv("TALLY_HOME", str(tmp_path / "var"))
    monkeypatch.setenv("TALLY_PUBLISHED", str(tmp_path / "published"))
    assert main(["demo", "--people", "30", "--seed", "3", "--port", "0"]) == 0
    home = Home.from_env()
    demo_snapshot = home.demo().snapshot
    demo_bytes = demo_snapshot.read_bytes()

    other = Sandbox(30, seed=4, only=("news", "memorial"))
    server = SandboxServer(other).start()
    try:
        code = main(["run", "--base-url", server.url, "--source", "sandbox-news",
                     "--source", "sandbox-memorial", "--today", other.world.today.isoformat()])  # fmt: skip
    finally:
        server.stop()
    published = _urls(home.snapshot)
    assert (code, demo_snapshot.read_bytes() == demo_bytes, bool(published)) == (0, True, True)
    assert all(u.startswith(server.url.rstrip("/")) for u in published)
    assert not _urls(demo_snapshot) & published
