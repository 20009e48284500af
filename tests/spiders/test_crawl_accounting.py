"""Every request a crawl makes ends somewhere it can be counted: redirect loops, chains that run
too long and redirects off the site are failed pages with the reason, a 429 that says
Retry-After is waited out, a moved page is read where it moved to; the crawl's summary says
how many URLs it asked for and that none is outstanding."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from flows.crawl import crawl_source, load_crawl
from flows.paths import Home
from schema.runfolder import RunFolder
from warehouse.db import connect

pytestmark = pytest.mark.e2e

LINKS = ("ok", "loop", "ab-a", "chain-0", "off", "moved", "busy", "odd")
INDEX = (
    "<html><body>" + "".join(f'<a href="/p/{n}.html">{n}</a> ' for n in LINKS) + "</body></html>"
)


def _article(name: str, place: str) -> str:
    return (
        f"<html><body><h1>Погиб участник СВО {name}</h1><div class='body'><p>Житель {place} "
        f"{name} погиб 20 февраля 2024 года в зоне специальной военной операции. "
        "Ему было 34 года.</p></div></body></html>"
    )


PAGES = {
    "/": INDEX,
    "/robots.txt": "User-agent: *\nAllow: /\n",
    "/p/ok.html": _article("Иван Сергеевич Петров", "Уфы"),
    "/p/ok2.html": _article("Олег Павлович Сидоренко", "Стерлитамака"),
    "/p/busy.html": _article("Баир Цыренович Очиров", "Улан-Удэ"),
    # a page whose layout the config does not know: rejected, and it answers 304 next time
    "/p/odd.html": "<html><body><h1>Новости</h1><section>Текст</section></body></html>",
}
REDIRECTS = {"/p/loop.html": "/p/loop.html", "/p/ab-a.html": "/p/ab-b.html",
             "/p/ab-b.html": "/p/ab-a.html", "/p/off.html": "http://elsewhere.invalid/x",
             "/p/moved.html": "/p/ok2.html"}  # fmt: skip
RETRY_AFTER = 2


class _Site(BaseHTTPRequestHandler):
    asked: list[tuple[str, float]] = []
    refused_until: dict[str, float] = {}

    def do_GET(self):
        self.asked.append((self.path, time.monotonic()))
        target = REDIRECTS.get(self.path)
        if self.path.startswith("/p/chain-"):
            n = int(self.path.split("-")[1].split(".")[0])
            target = f"/p/chain-{n + 1}.html"
        if target:
            self.send_response(301 if self.path == "/p/moved.html" else 302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/p/busy.html":
            until = self.refused_until.setdefault(self.path, time.monotonic() + RETRY_AFTER)
            if time.monotonic() < until:  # asked too early: refused again
                self.send_response(429)
                self.send_header("Retry-After", str(RETRY_AFTER))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        if self.path == "/p/odd.html" and self.headers.get("If-None-Match") == '"odd1"':
            self.send_response(304)
            self.end_headers()
            return
        body = PAGES.get(self.path)
        payload = (body or "").encode("utf-8")
        self.send_response(200 if body else 404)
        if self.path == "/p/odd.html":
            self.send_header("ETag", '"odd1"')
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


CONFIG = """
name = "accounting-test"
kind = "news"
start_urls = ["{base}"]
allowed_domains = ["{host}"]

[[follow]]
css = "a"

[[page]]
url = '/p/[a-z0-9-]+\\.html$'
mode = "text"
title = "h1"
body = "div.body"
"""


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    home = Home.from_env(tmp_path_factory.mktemp("acct") / "var")
    home.sources.mkdir(parents=True)
    (home.sources / "accounting-test.toml").write_text(CONFIG, encoding="utf-8")
    try:
        result = crawl_source("accounting-test", home, base_url=base, today="2026-01-30")
        load = load_crawl(result, home)
        again = crawl_source("accounting-test", home, base_url=base, today="2026-01-30")
    finally:
        server.shutdown()
    pages = {r["url"].replace(base, "/"): r for r in RunFolder(result.run_dir).rows("page")}
    later = {r["url"].replace(base, "/"): r for r in RunFolder(again.run_dir).rows("page")}
    return result, load, pages, home, later


def test_the_crawl_accounts_for_every_url_it_asked(crawled):
    result = crawled[0]
    accounting = result.summary["accounting"]
    assert (result.complete, accounting["outstanding"], accounting["asked"]) == (True, 0, 9)


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("/p/loop.html", "redirect loop"),
        ("/p/ab-a.html", "redirect loop"),
        ("/p/chain-0.html", "too many redirects"),
        ("/p/off.html", "redirect off the site"),
    ],
)
def test_a_redirect_that_leads_nowhere_is_a_failed_page_with_its_reason(crawled, page, reason):
    row = crawled[2][page]
    assert (row["status"], reason in row["reason"]) == ("failed", True)


def test_a_moved_page_is_read_where_it_moved_to(crawled):
    row = crawled[2]["/p/moved.html"]
    assert (row["status"], row["redirected_to"].endswith("/p/ok2.html")) == ("parsed", True)


def test_retry_after_is_waited_out(crawled):
    first, second = [t for path, t in _Site.asked if path == "/p/busy.html"][:2]
    assert second - first >= RETRY_AFTER - 0.1  # asked again only once the wait was over


def test_every_man_is_loaded(crawled):
    load, home = crawled[1], crawled[3]
    with connect(home.warehouse) as con:
        names = sorted(r[0] for r in con.execute("SELECT full_name FROM records").fetchall())
    assert (load.status, names) == (
        "ok",
        ["Очиров Баир Цыренович", "Петров Иван Сергеевич", "Сидоренко Олег Павлович"],
    )


def test_the_summary_keeps_scrapys_figures_beside_its_own(crawled):
    scrapy = crawled[0].summary["scrapy"]
    assert (scrapy["dupefilter/filtered"], scrapy["retry/retry_after"]) == (0, 1)


def test_a_page_rejected_for_its_layout_stays_rejected_when_it_answers_304(crawled):
    first, later = crawled[2]["/p/odd.html"], crawled[4]["/p/odd.html"]
    assert (first["status"], later["status"], later["http_status"]) == ("rejected", "rejected", 304)
