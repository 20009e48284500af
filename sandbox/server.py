"""Serving the stand-in sites on 127.0.0.1, and writing the truth they were made from.

Pages are rendered on first request and cached (a crawler can fetch hundreds a second); every
200 carries an ETag and a Last-Modified and a matching conditional request gets 304. With
``faults=True`` the server misbehaves the way real sites do (see sandbox/faults.py); with
``hostile=True`` it also throttles (429 with an enforced Retry-After, sandbox/throttle.py) and
redirects, some pages for good (sandbox/redirects.py; the truth marks those failed). Every
request is logged (``Sandbox.requests`` by path, ``Sandbox.attempts`` by path and query,
``Sandbox.asked()`` with the status each URL last got) so a test can see what a crawler asked
for. ``remove`` and ``edit`` change the site between crawls. The HTTP side is sandbox/handler.py.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from sandbox import faults as fl
from sandbox.faults import target_of
from sandbox.handler import handler_for
from sandbox.redirects import RedirectPlan
from sandbox.sites.base import Response, not_found
from sandbox.sites.cemetery import CemeterySite
from sandbox.sites.condolence import CondolenceSite
from sandbox.sites.memorial import MemorialSite
from sandbox.sites.memorial_table import MemorialTableSite
from sandbox.sites.news import NewsSite
from sandbox.sites.oldnews import OldNewsSite
from sandbox.sites.press_en import PressEnSite
from sandbox.sites.social import SocialSite
from sandbox.throttle import Throttle
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


class Sandbox:
    """The world and every site that reports on it. `only` keeps some sites (by name).
    `faults` turns on the faults a retrying crawler survives (and wrong charsets); `hostile`
    turns those on and adds 429s and redirects, some of which leave a page unreachable."""

    def __init__(
        self,
        people: int,
        seed: int = 1,
        faults: bool = False,
        slow_timeout: float = 12.0,
        only: Iterable[str] | None = None,
        hostile: bool = False,
    ):
        self.world: World = make_world(people, seed)
        keep = set(only) if only is not None else None
        self.sites = [cls(self.world) for cls in SITES if keep is None or cls.name in keep]
        self.faults = faults or hostile
        self.hostile = hostile
        self.slow_timeout = slow_timeout
        self.requests: Counter[str] = Counter()  # by path
        self.attempts: Counter[str] = Counter()  # by path and query
        self.user_agents: Counter[str] = Counter()  # who asked: a polite crawler says who it is
        self.throttle = Throttle()  # the 429s answered and the retries that came too early
        # where the hostile site redirects: planned once, on the site as it is made
        self.redirects = RedirectPlan(seed, self.sites) if hostile else None
        # URL -> (the latest attempt answered, its status): a late answer to an attempt the
        # client gave up on (a time-out) does not overwrite what a later attempt got
        self._answered: dict[str, tuple[int, int | str | None]] = {}
        self._lock = threading.Lock()
        self._cache: dict[str, Response] = {}
        self._version = 0  # bumped by every change, so a page rendered before it is not cached

    # -- answering ------------------------------------------------------------------------
    def handle(self, path: str, query: dict[str, str]) -> Response:
        """The page at a path (no transient faults here: the HTTP server adds those), or the
        redirect a hostile site answers there."""
        key = target_of(path, query)
        if self.redirects is not None:
            redirect = self.redirects.answer(key)
            if redirect is not None:
                return redirect
            if key in self.redirects.aliases:  # a moved page's new address serves the page
                key = self.redirects.aliases[key]
                path, _, rest = key.partition("?")
                query = dict(parse_qsl(rest))
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

    def log(self, path: str, query: dict[str, str], user_agent: str = "") -> int:
        """Count a request (and who made it); the attempt number (1-based) for its URL."""
        key = target_of(path, query)
        with self._lock:
            self.user_agents[user_agent] += 1
            self.requests[path] += 1
            self.attempts[key] += 1
            self._answered.setdefault(key, (0, None))
            return self.attempts[key]

    def answered(self, target: str, attempt: int, status: int | str) -> None:
        """Log what an attempt at a URL was answered: an HTTP status, or "reset" / "truncated"."""
        with self._lock:
            if attempt >= self._answered.get(target, (0, None))[0]:
                self._answered[target] = (attempt, status)

    def asked(self) -> dict[str, int | str | None]:
        """Every distinct URL (path and query, as `target_of` spells it) the server was ever
        asked, in the order first asked, with the status of the answer to its latest attempt:
        an HTTP status, "reset" or "truncated" when the answer was broken off, None while none
        has gone out."""
        with self._lock:
            return {target: status for target, (_, status) in self._answered.items()}

    def _planned(self, path: str, query: dict[str, str]) -> fl.Fault | None:
        if not self.faults:
            return None
        target = target_of(path, query)
        return fl.fault_for(self.world.seed, target, self.slow_timeout, hostile=self.hostile)

    def fault(self, path: str, query: dict[str, str], attempt: int) -> fl.Fault | None:
        """The transient fault this attempt at a URL meets, if any (a 429 is `retry_after`'s)."""
        planned = self._planned(path, query)
        if planned is None or planned.kind == "429":
            return None
        return planned if planned.active(attempt) else None

    def retry_after(self, path: str, query: dict[str, str]) -> str | None:
        """The Retry-After of the 429 this request gets, or None when it is not refused."""
        planned = self._planned(path, query)
        if planned is None or planned.kind != "429":
            return None
        return self.throttle.retry_after(target_of(path, query), planned)

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
        pages = [entry for site in self.sites for entry in site.pages()]
        if self.redirects is not None:  # a page behind a permanent redirect is never read
            pages = [self.redirects.page_truth(entry, records) for entry in pages]
            records = [r for r in records if r["url"] not in self.redirects.failing]
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
            "pages": pages,
        }

    def write_truth(self, path: Path) -> dict:
        truth = self.truth()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
        return truth


class SandboxServer:
    """The sandbox on a port of 127.0.0.1, in a background thread (tests) or in the foreground."""

    def __init__(self, sandbox: Sandbox, port: int = 0, host: str = "127.0.0.1"):
        self.sandbox = sandbox
        self.httpd = ThreadingHTTPServer((host, port), handler_for(sandbox))
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
