"""Killing the scrapy process alone, at any point, loses nothing: the crawl resumed (or the
flow's retry) ends with the same records as a crawl never interrupted — never a smaller `ok`."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from flows.crawl import crawl_command, crawl_env, crawl_source, load_crawl
from flows.paths import Home
from schema.runfolder import RunFolder
from warehouse.db import connect

pytestmark = pytest.mark.e2e

TODAY = "2026-01-30"
SLOW = {"CONCURRENT_REQUESTS": 2, "DOWNLOAD_DELAY": 0.02}


@pytest.fixture(scope="module")
def site():
    from sandbox.server import Sandbox, SandboxServer

    sandbox = Sandbox(people=60, seed=5, only=("news", "memorial"))
    server = SandboxServer(sandbox).start()
    yield server
    server.stop()


def _ids(home: Home) -> set[str]:
    with connect(home.warehouse) as con:
        return {r[0] for r in con.execute("SELECT record_id FROM records").fetchall()}


@pytest.fixture(scope="module")
def clean(site, tmp_path_factory):
    """Each source crawled once, never interrupted: the records a crawl must end with."""
    out = {}
    for source in ("sandbox-news", "sandbox-memorial"):
        home = Home.from_env(tmp_path_factory.mktemp("clean") / "var")
        load_crawl(crawl_source(source, home, base_url=site.url, today=TODAY), home)
        out[source] = _ids(home)
    return out


@pytest.mark.parametrize("source", ["sandbox-news", "sandbox-memorial"])
@pytest.mark.parametrize("after_pages", [0, 8, 30])
def test_killing_scrapy_alone_then_resuming_gives_the_clean_records(
    site, clean, tmp_path, source, after_pages
):
    home = Home.from_env(tmp_path / "var")
    _, run_id, run_dir, cmd = crawl_command(
        source, home, base_url=site.url, settings=SLOW, today=TODAY
    )
    proc = subprocess.Popen(
        cmd, env=crawl_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while (
        RunFolder(run_dir).count("page") < after_pages
        and proc.poll() is None
        and time.monotonic() < deadline
    ):
        time.sleep(0.02)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    resumed = crawl_source(source, home, base_url=site.url, run_id=run_id, today=TODAY)
    load = load_crawl(resumed, home)
    assert (resumed.complete, load.status, _ids(home)) == (True, "ok", clean[source])


def _kill_first_scrapy_after(run_root: Path, pages: int, killed: list[int]) -> None:
    """Kill -9 the first `scrapy crawl` child of this process once its run folder holds
    `pages` page rows: the flow's process lives on, only the crawl dies."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for folder in run_root.glob("*/"):
            if RunFolder(folder).count("page") >= pages:
                for pid in _scrapy_children():
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                if killed:
                    return
        time.sleep(0.02)


def _scrapy_children() -> list[int]:
    me, found = os.getpid(), []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if int(stat[1]) == me and b"scrapy" in cmdline and b"crawl" in cmdline:
            found.append(int(proc.name))
    return found


def test_the_flow_retries_a_killed_crawl_to_the_clean_records(
    prefect_harness, site, clean, tmp_path
):
    from flows.pipeline import crawl_flow

    home = Home.from_env(tmp_path / "var", tmp_path / "published")
    killed: list[int] = []
    watcher = threading.Thread(
        target=_kill_first_scrapy_after, args=(home.runs, 10, killed), daemon=True
    )
    watcher.start()
    load = crawl_flow.fn("sandbox-news", str(home.root), str(home.published), site.url, TODAY)
    assert killed, "the crawl was never killed: the test proves nothing"
    with connect(home.warehouse) as con:
        status = con.execute(
            "SELECT status FROM runs WHERE run_id = ?", [load["run_id"]]
        ).fetchone()[0]
    assert (load["status"], status, _ids(home)) == ("ok", "ok", clean["sandbox-news"])
