"""A site that goes down in the middle of a crawl: the flow ends Failed with an alert and the
published snapshot stays as it was; when the site comes back, the retry re-asks what failed and
completes with every page."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import duckdb
import pytest

from flows import pipeline as flows_pipeline
from flows.paths import Home
from sandbox.sites.base import Response
from schema.runfolder import RunFolder

pytestmark = pytest.mark.e2e
TODAY = "2026-01-30"


class _Hook(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        _Hook.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    from sandbox.server import Sandbox, SandboxServer

    sandbox = Sandbox(people=40, seed=13, only=("news",))
    server = SandboxServer(sandbox, 0).start()
    holder = {"server": server, "sandbox": sandbox, "port": server.httpd.server_address[1]}
    yield holder
    holder["server"].stop()


def _stop_after(holder: dict, requests: int, back_after: float | None) -> None:
    """From the site's `requests`-th request on, every answer is 503 (the site is down, open
    connections too), until `back_after` seconds later (never, with None). Counted in requests,
    not time, so a fast crawl meets the outage all the same."""
    sandbox = holder["sandbox"]
    real, seen, down_since = sandbox.handle, [0], []

    def handle(path, query):
        seen[0] += 1
        if seen[0] >= requests and not down_since:
            down_since.append(time.monotonic())
        if down_since and (back_after is None or time.monotonic() - down_since[0] < back_after):
            return Response(503, b"down for maintenance")
        return real(path, query)

    sandbox.handle = handle


def _hook(monkeypatch):
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("TALLY_WEBHOOK_URL", f"http://127.0.0.1:{server.server_port}/hook")
    return server


def _latest_crawl(home: Home) -> tuple:
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        return con.execute(
            "SELECT status, pages_parsed, pages_failed FROM runs WHERE kind = 'crawl' "
            "ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
    finally:
        con.close()


def test_an_outage_fails_the_flow_alerts_and_keeps_the_snapshot(
    prefect_harness, site, tmp_path, monkeypatch
):
    home = Home.from_env(tmp_path / "var", tmp_path / "published")
    url = f"http://127.0.0.1:{site['port']}/"
    flows_pipeline.pipeline.fn(["sandbox-news"], str(home.root), str(home.published), url, TODAY)
    before = hashlib.sha256(home.snapshot.read_bytes()).hexdigest()
    hook = _hook(monkeypatch)
    quick = flows_pipeline.crawl_task.with_options(retries=1, retry_delay_seconds=0.5)
    monkeypatch.setattr(flows_pipeline, "crawl_task", quick)
    _stop_after(site, 12, None)
    try:
        with pytest.raises(Exception, match="sandbox-news"):
            flows_pipeline.nightly(
                ["sandbox-news"], str(home.root), str(home.published), url, TODAY
            )
    finally:
        hook.shutdown()
    status, parsed, failed = _latest_crawl(home)
    after = hashlib.sha256(home.snapshot.read_bytes()).hexdigest()
    assert (status, parsed > 0, failed > 0, after == before, bool(_Hook.received)) == (
        "incomplete",
        True,
        True,
        True,
        True,
    )


def test_when_the_site_comes_back_the_retry_completes_with_every_page(
    prefect_harness, site, tmp_path, monkeypatch
):
    home = Home.from_env(tmp_path / "var", tmp_path / "published")
    url = f"http://127.0.0.1:{site['port']}/"
    quick = flows_pipeline.crawl_task.with_options(retries=2, retry_delay_seconds=4)
    monkeypatch.setattr(flows_pipeline, "crawl_task", quick)
    _stop_after(site, 12, 1.5)
    load = flows_pipeline.crawl_flow.fn(
        "sandbox-news", str(home.root), str(home.published), url, TODAY
    )
    truth = site["sandbox"].truth()
    expected = {p["url"] for p in truth["pages"] if p["site"] == "news"}
    pages = {}
    for row in RunFolder(home.runs / load["run_id"]).rows("page"):
        pages[row["url"].replace(url.rstrip("/"), "")] = row["status"]  # the retry's row wins
    assert (
        load["status"],
        load["records"],
        {u for u in expected if pages.get(u) in ("parsed", "rejected")}
        == {p["url"] for p in truth["pages"] if p["site"] == "news" and p["status"] != "failed"},
    ) == ("ok", truth["records_by_site"]["news"], True)
