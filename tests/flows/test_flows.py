"""The Prefect flows: `tally serve` serves a deployment per source and the nightly flow, a crawl
deployment run against the stand-in site leaves its figures in the warehouse; the nightly flow
on a local Dask cluster of two workers counts what it counts without one; a failed flow posts
to the alert webhook; a 4xx is not retried."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import duckdb
import pytest

from flows import crawl
from flows.pipeline import _retry_unless_refused
from tests.conftest import write_run

ROOT = Path(__file__).resolve().parents[2]


class _State:
    def __init__(self, exc):
        self.exc = exc

    def result(self):
        raise self.exc


def test_a_4xx_is_refused_and_not_retried(tmp_path):
    run = write_run(
        tmp_path / "run",
        pages=[{"url": "http://x/", "status": "failed", "reason": "HTTP 404", "http_status": 404}],
    )
    result = crawl.CrawlResult("src", "r1", run, 0, {"finish_reason": "finished"})
    with pytest.raises(crawl.CrawlRefused, match="404") as refused:
        crawl.check_crawl(result)
    assert _retry_unless_refused(None, None, _State(refused.value)) is False
    assert _retry_unless_refused(None, None, _State(crawl.CrawlFailed("down"))) is True


def test_a_5xx_is_a_failure_worth_retrying(tmp_path):
    run = write_run(
        tmp_path / "run",
        pages=[{"url": "http://x/", "status": "failed", "reason": "HTTP 503", "http_status": 503}],
    )
    with pytest.raises(crawl.CrawlFailed):
        crawl.check_crawl(crawl.CrawlResult("src", "r1", run, 0, {}))


class _Hook(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Hook.received.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.e2e
def test_a_failed_flow_posts_to_the_webhook(prefect_harness, tmp_path, monkeypatch):
    from flows.pipeline import crawl_flow

    server = HTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("TALLY_WEBHOOK_URL", f"http://127.0.0.1:{server.server_port}/hook")
    try:
        with pytest.raises(Exception, match="no source named"):
            crawl_flow("no-such-source", str(tmp_path / "var"), str(tmp_path / "published"))
    finally:
        server.shutdown()
    assert _Hook.received, "the webhook got nothing"
    alert = _Hook.received[-1]
    assert alert["flow"] == "crawl" and "no source named 'no-such-source'" in alert["text"]
    con = duckdb.connect(str(tmp_path / "var" / "warehouse.duckdb"), read_only=True)
    failed = con.execute("SELECT source, status, message FROM runs WHERE kind = 'crawl'").fetchall()
    con.close()
    assert failed[0][:2] == ("no-such-source", "failed") and "no source named" in failed[0][2]


def _warehouse_runs(root: Path) -> list[tuple]:
    con = duckdb.connect(str(root / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(
            "SELECT source, kind, status, pages_parsed, records, records_new FROM runs "
            "WHERE kind = 'crawl'"
        ).fetchall()
    finally:
        con.close()


@pytest.mark.e2e
def test_serve_and_run_a_crawl_deployment(prefect_harness, sandbox_site, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL

    server, truth = sandbox_site
    root = tmp_path / "var"
    env = {
        **os.environ,
        "PREFECT_API_URL": PREFECT_API_URL.value(),
        "PREFECT_RUNNER_POLL_FREQUENCY": "1",
        "TALLY_HOME": str(root),
        "TALLY_PUBLISHED": str(tmp_path / "published"),
    }
    serving = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--base-url", server.url],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        names, wanted = set(), {"crawl-sandbox-news", "crawl-sandbox-memorial", "nightly"}
        with get_client(sync_client=True) as client:
            while time.monotonic() < deadline and not wanted <= names:
                assert serving.poll() is None, serving.stderr.read()
                names = {d.name for d in client.read_deployments()}
                time.sleep(1)
        assert wanted <= names, names
        run = run_deployment("crawl/crawl-sandbox-news", timeout=300)
        assert run.state.is_completed(), run.state
    finally:
        serving.terminate()
        try:
            serving.wait(20)
        except subprocess.TimeoutExpired:
            serving.kill()
    runs = _warehouse_runs(root)
    assert len(runs) == 1
    source, kind, status, parsed, records, new = runs[0]
    assert (source, kind, status) == ("sandbox-news", "crawl", "ok")
    assert records == truth["records_by_site"]["news"] and new == records and parsed > 0


@pytest.mark.e2e
def test_nightly_on_a_local_dask_cluster_counts_the_same(prefect_harness, sandbox_site, tmp_path):
    from flows.pipeline import dask_runner, nightly

    server, _ = sandbox_site
    # two sources of different kinds (a news site, a memorial wall) are enough to compare the
    # runners; a third made the test 10 s longer (the suite has a 10-minute budget)
    sources = ["sandbox-news", "sandbox-memorial"]
    plain = nightly(
        sources, str(tmp_path / "a" / "var"), str(tmp_path / "a" / "pub"), server.url,
        "2026-01-30",
    )  # fmt: skip
    on_dask = nightly.with_options(task_runner=dask_runner(workers=2))(
        sources, str(tmp_path / "b" / "var"), str(tmp_path / "b" / "pub"), server.url,
        "2026-01-30",
    )  # fmt: skip
    assert not plain["failed"] and not on_dask["failed"]
    assert on_dask["dedupe"]["persons"] == plain["dedupe"]["persons"] > 0
    assert on_dask["report"]["persons"] == plain["report"]["persons"]
    assert sorted(x["records"] for x in on_dask["loads"]) == sorted(
        x["records"] for x in plain["loads"]
    )
