"""Serving the stand-in sites on 127.0.0.1, and writing the truth they were made from."""

from __future__ import annotations

import json
import threading
from collections import Counter
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from sandbox.sites.base import Response
from sandbox.sites.memorial import MemorialSite
from sandbox.sites.news import NewsSite
from sandbox.world import World, make_world

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


class Sandbox:
    """The world and every site that reports on it."""

    def __init__(self, people: int, seed: int = 1):
        self.world: World = make_world(people, seed)
        self.sites = [NewsSite(self.world), MemorialSite(self.world)]

    def handle(self, path: str, query: dict[str, str]) -> Response:
        if path == "/robots.txt":
            return Response(200, ROBOTS, content_type="text/plain")
        if path == "/":
            links = "".join(f'<li><a href="{s.prefix}">{s.kind}</a></li>' for s in self.sites)
            return Response(200, f"<html><body><ul>{links}</ul></body></html>".encode())
        for site in self.sites:
            if path.startswith(site.prefix):
                return site.handle(path, query)
        return Response(404, b"<h1>404</h1>")

    def truth(self) -> dict:
        records = [s.as_dict() for site in self.sites for s in site.truth()]
        reported = {r["pid"] for r in records}
        people = []
        for p in self.world.people:
            row = asdict(p)
            row.update(
                birth=p.birth.isoformat(),
                death=p.death.isoformat(),
                funeral=p.funeral.isoformat(),
                age=p.age,
                reported=p.pid in reported,
            )
            people.append(row)
        return {
            "seed": self.world.seed,
            "today": self.world.today.isoformat(),
            "people_total": len(people),
            "people_reported": len(reported),
            "records_by_site": dict(Counter(r["site"] for r in records)),
            "people": people,
            "records": records,
        }

    def write_truth(self, path: Path) -> dict:
        truth = self.truth()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
        return truth


def _handler(sandbox: Sandbox) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "tally-sandbox/1"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            response = sandbox.handle(parts.path, dict(parse_qsl(parts.query)))
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for key, value in response.headers:
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(response.body)

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

    def start(self) -> SandboxServer:
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
