"""Two flows that write the warehouse at once: the second waits its turn, or — when it would
wait too long — is refused with a message naming who holds it; the warehouse is never touched
by two writers."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.paths import Home
from flows.stages import dedupe_stage, publish_stage
from warehouse.lock import Busy, holder, warehouse_lock

ROOT = Path(__file__).resolve().parents[2]

HOLD = """
import sys, time
from warehouse.lock import warehouse_lock
with warehouse_lock(sys.argv[1], "nightly (test)", wait=5):
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _hold(root: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root), str(seconds)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "holding"
    return proc


def test_the_second_writer_is_refused_with_a_clear_message(tmp_path):
    first = _hold(tmp_path, 5)
    try:
        assert holder(tmp_path / "warehouse.lock")["what"] == "nightly (test)"
        started = time.monotonic()
        with pytest.raises(Busy) as refused, warehouse_lock(tmp_path, "dedupe", wait=0.5):
            pass
        assert time.monotonic() - started < 3
        message = str(refused.value)
        assert "dedupe: the warehouse is being written by nightly (test)" in message
        assert f"pid {first.pid}" in message and "TALLY_WRITER_WAIT" in message
    finally:
        first.kill()
        first.wait()


def test_the_second_writer_waits_its_turn(tmp_path):
    first = _hold(tmp_path, 1.5)
    try:
        with warehouse_lock(tmp_path, "publish", wait=30) as waited:
            assert holder(tmp_path / "warehouse.lock")["what"] == "publish"
        assert waited >= 1.0  # it waited for the first one's 1.5 s
    finally:
        first.wait()


def test_a_killed_writer_releases_the_warehouse(tmp_path):
    first = _hold(tmp_path, 60)
    first.kill()
    first.wait()
    with warehouse_lock(tmp_path, "dedupe", wait=2) as waited:
        assert waited < 2


def test_the_stages_take_the_lock(tmp_path, monkeypatch):
    from tests.conftest import build_review_home

    home = build_review_home(tmp_path, men=30, seed=2)
    first = _hold(home.root, 5)
    monkeypatch.setenv("TALLY_WRITER_WAIT", "0.3")
    try:
        with pytest.raises(Busy, match="dedupe: the warehouse is being written by"):
            dedupe_stage(home)
        with pytest.raises(Busy, match="publish: the warehouse is being written by"):
            publish_stage(home)
    finally:
        first.kill()
        first.wait()
    monkeypatch.setenv("TALLY_WRITER_WAIT", "10")
    assert dedupe_stage(Home.from_env(home.root, home.published))["persons"] > 0
