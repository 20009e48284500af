"""Serving the stand-in sites on 127.0.0.1, and writing the truth they were made from.

Pages are rendered on first request and cached (a crawler can fetch hundreds a second); every
200 carries an ETag and a Last-Modified and a matching conditional request gets 304. With
``faults=True`` the server misbehaves the way real sites do (see sandbox/faults.py). Every
request is logged (``Sandbox.requests`` by path, ``Sandbox.attempts`` by path and query) so a
test can see what a crawler asked for. ``remove`` and ``edit`` change the site between crawls.
"""

from __future__ import annotations

import hashlib
import json
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, replace
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from sandbox import faults as fl
from sandbox.sites.base import Response, not_found
from sandbox.sites.cemetery import CemeterySite
from sandbox.sites.condolence import CondolenceSite
from sandbox.sites.memorial import MemorialSite
from sandbox.sites.memorial_table import MemorialTableSite
from sandbox.sites.news import NewsSite
from sandbox.sites.oldnews import OldNewsSite
from sandbox.sites.press_en import PressEnSite
from sandbox.sites.social import SocialSite
from sandbox.world import World, make_world

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
SITES = (
    NewsSite,
    MemorialSite,
    CondolenceSite,
    SocialSite,
    MemorialTableSite,
    CemeterySite,
    PressEnSite,
    OldNewsSite,
)
PRIVATE = (
    "<html><head><meta charset='utf-8'><title>Вход</title></head><body><h1>Закрытый раздел</h1>"
    "<form method='post'><input name='login'><input name='password' type='password'></form>"
    "<p>Иванов Иван Иванович, 12.03.1990 — 20.02.2024 (черновик)</p></body></html>"
).encode()


def target_of(path: str, query: dict[str, str] | None = None) -> str:
    """One spelling of a URL's path and query (query keys sorted), for caching and logging."""
    return path + ("?" + urlencode(sorted(query.items())) if query else "")


class Sandbox:
    """The world and every site that reports on it. `only` keeps some sites (by name)."""

    def __init__(
        self,
        people: int,
        seed: int = 1,
        faults: bool = False,
        slow_timeout: float = 12.0,
        only: Iterable[str] | None = None,
    ):
        self.world: World = make_world(people, seed)
        keep = set(only) if only is not None else None
        self.sites = [cls(self.world) for cls in SITES if keep is None or cls.name in keep]
        self.faults = faults
        self.slow_timeout = slow_timeout
        self.requests: Counter[str] = Counter()  # by path
        self.attempts: Counter[str] = Counter()  # by path and query
        self.user_agents: Counter[str] = Counter()  # who asked: a polite crawler says who it is
        self._lock = threading.Lock()
        self._cache: dict[str, Response] = {}
        self._version = 0  # bumped by every change, so a page rendered before it is not cached

    # -- answering ------------------------------------------------------------------------
    def handle(self, path: str, query: dict[str, str]) -> Response:
        """The page at a path (no transient faults here: the HTTP server adds those)."""
        key = target_of(path, query)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        version = self._version
        response = self._render(path, query)
        if self.faults and fl.wrong_charset(self.world.seed, key):
            response = fl.miscode(response)
        if response.status == 200:
            modified = response.last_modified or self.world.today
            stamp = datetime(modified.year, modified.month, modified.day, 6, tzinfo=UTC)
            etag = '"' + hashlib.sha1(response.body).hexdigest()[:20] + '"'
            headers = (("ETag", etag), ("Last-Modified", format_datetime(stamp, usegmt=True)))
            response = replace(response, headers=response.headers + headers)
        with self._lock:
            if version == self._version:
                self._cache[key] = response
        return response

    def _render(self, path: str, query: dict[str, str]) -> Response:
        if path == "/robots.txt":
            return Response(200, ROBOTS, content_type="text/plain", charset="ascii")
        if path == "/":
            links = "".join(f'<li><a href="{s.prefix}">{s.kind}</a></li>' for s in self.sites)
            body = f"<html><body><ul>{links}</ul></body></html>".encode()
            return Response(200, body, charset="utf-8")
        if path.startswith("/private/"):
            return Response(200, PRIVATE, charset="utf-8")
        site = self._site_of(path)
        return site.handle(path, query) if site else not_found()

    def _site_of(self, path: str):
        for site in self.sites:
            if path.startswith(site.prefix):
                return site
        return None

    def log(self, path: str, query: dict[str, str]) -> int:
        """Count a request; the attempt number (1-based) for its URL."""
        key = target_of(path, query)
        with self._lock:
            self.requests[path] += 1
            self.attempts[key] += 1
            return self.attempts[key]

    def fault(self, path: str, query: dict[str, str], attempt: int) -> fl.Fault | None:
        """The transient fault this attempt at a URL meets, if any."""
        if not self.faults:
            return None
        planned = fl.fault_for(self.world.seed, target_of(path, query), self.slow_timeout)
        return planned if planned and planned.active(attempt) else None

    # -- changes over time ----------------------------------------------------------------
    def _change(self, url: str, what: str) -> None:
        parts = urlsplit(url)
        path = target_of(parts.path, dict(parse_qsl(parts.query)))
        site = self._site_of(parts.path)
        action = getattr(site, what, None)
        if action is None:
            raise KeyError(f"{url}: no page that can be {what}d")
        with self._lock:
            action(path)
            self._version += 1
            self._cache.clear()

    def remove(self, url: str) -> None:
        """The page answers 404 from now on and leaves the list pages; the truth follows."""
        self._change(url, "remove")

    def edit(self, url: str) -> None:
        """The page's content changes (a corrected date, more detail); the truth follows."""
        self._change(url, "edit")

    # -- truth ----------------------------------------------------------------------------
    def truth(self) -> dict:
        records = [s.as_dict() for site in self.sites for s in site.truth()]
        valid = [r for r in records if not r["expect_reject"]]
        by_pid: dict[str, set[str]] = {}
        for r in valid:
            by_pid.setdefault(r["pid"], set()).add(r["site"])
        people = []
        for p in self.world.people:
            row = asdict(p)
            row.update(
                birth=p.birth.isoformat(),
                death=p.death.isoformat(),
                funeral=p.funeral.isoformat(),
                age=p.age,
                reported=p.pid in by_pid,
                reported_by=sorted(by_pid.get(p.pid, ())),
            )
            people.append(row)
        return {
            "seed": self.world.seed,
            "today": self.world.today.isoformat(),
            "people_total": len(people),
            "people_reported": len(by_pid),
            "records_by_site": dict(Counter(r["site"] for r in valid)),
            "rejects_by_site": dict(Counter(r["site"] for r in records if r["expect_reject"])),
            "kinds": {site.name: site.kind for site in self.sites},
            "people": people,
            "records": records,
            "pages": [entry for site in self.sites for entry in site.pages()],
        }

    def write_truth(self, path: Path) -> dict:
        truth = self.truth()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
        return truth


def _not_modified(handler: BaseHTTPRequestHandler, response: Response) -> bool:
    headers = dict(response.headers)
    tags = handler.headers.get("If-None-Match")
    if tags is not None:
        return headers.get("ETag") in {t.strip() for t in tags.split(",")} or tags.strip() == "*"
    since = handler.headers.get("If-Modified-Since")
    if since and "Last-Modified" in headers:
        try:
            return parsedate_to_datetime(headers["Last-Modified"]) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def _handler(sandbox: Sandbox) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "tally-sandbox/1"
        disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms stalls

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query))
            attempt = sandbox.log(parts.path, query)
            with sandbox._lock:
                sandbox.user_agents[self.headers.get("User-Agent", "")] += 1
            fault = sandbox.fault(parts.path, query, attempt)
            if fault and fault.kind == "reset":
                self._reset()
                return
            if fault and fault.kind == "503":
                self._send(Response(503, b"<h1>503 Service Unavailable</h1>"), ("Retry-After", "1"))
                return
            if fault and fault.kind in ("slow", "timeout"):
                time.sleep(fault.delay)
            response = sandbox.handle(parts.path, query)
            if response.status == 200 and _not_modified(self, response):
                self.send_response(304)
                for key, value in response.headers:
                    self.send_header(key, value)
                self.end_headers()
                return
            self._send(response, truncate=bool(fault and fault.kind == "truncated"))

        def _send(self, response: Response, *extra: tuple[str, str], truncate=False) -> None:
            try:
                self.send_response(response.status)
                self.send_header("Content-Type", response.content_type)
                self.send_header("Content-Length", str(len(response.body)))
                for key, value in (*response.headers, *extra):
                    self.send_header(key, value)
                self.end_headers()
                if truncate:
                    self.wfile.write(response.body[: len(response.body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                else:
                    self.wfile.write(response.body)
            except (BrokenPipeError, ConnectionResetError, OSError):
                self.close_connection = True  # the client gave up (a timeout fault)

        def _reset(self) -> None:
            self.close_connection = True
            try:
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
            except OSError:
                pass

        def log_message(self, format: str, *args) -> None:
            pass

    return Handler


class SandboxServer:
    """The sandbox on a port of 127.0.0.1, in a background thread (tests) or in the foreground."""

    def __init__(self, sandbox: Sandbox, port: int = 0, host: str = "127.0.0.1"):
        self.sandbox = sandbox
        self.httpd = ThreadingHTTPServer((host, port), _handler(sandbox))
        self.httpd.daemon_threads = True
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    @property
    def requests(self) -> Counter[str]:
        return self.sandbox.requests

    def start(self) -> SandboxServer:
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        self.thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
