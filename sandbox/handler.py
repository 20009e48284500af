"""The HTTP side of the stand-in server: one GET, logged, refused or broken as the faults plan
(see sandbox/faults.py), else answered with the page, or 304 when the client's copy is current.
Every answer's status is logged with its URL (`Sandbox.answered`), so a test can see what each
URL a crawler asked finally got."""

from __future__ import annotations

import socket
import struct
import time
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler
from typing import Protocol
from urllib.parse import parse_qsl, urlsplit

from sandbox.faults import Fault, target_of
from sandbox.sites.base import Response


class Answering(Protocol):
    """What the handler asks of the sandbox (`sandbox.server.Sandbox`)."""

    def log(self, path: str, query: dict[str, str], user_agent: str = "") -> int: ...
    def retry_after(self, path: str, query: dict[str, str]) -> str | None: ...
    def fault(self, path: str, query: dict[str, str], attempt: int) -> Fault | None: ...
    def handle(self, path: str, query: dict[str, str]) -> Response: ...
    def answered(self, target: str, attempt: int, status: int | str) -> None: ...


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


def handler_for(sandbox: Answering) -> type[BaseHTTPRequestHandler]:
    """A request handler class that answers from this sandbox."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "tally-sandbox/1"
        disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms stalls

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query))
            target = target_of(parts.path, query)
            attempt = sandbox.log(parts.path, query, self.headers.get("User-Agent", ""))
            retry_after = sandbox.retry_after(parts.path, query)
            if retry_after is not None:
                refusal = Response(429, b"<h1>429 Too Many Requests</h1>")
                self._send(target, attempt, refusal, ("Retry-After", retry_after))
                return
            fault = sandbox.fault(parts.path, query, attempt)
            if fault and fault.kind == "reset":
                sandbox.answered(target, attempt, "reset")
                self._reset()
                return
            if fault and fault.kind == "503":
                unavailable = Response(503, b"<h1>503 Service Unavailable</h1>")
                self._send(target, attempt, unavailable, ("Retry-After", "1"))
                return
            if fault and fault.kind in ("slow", "timeout"):
                time.sleep(fault.delay)
            response = sandbox.handle(parts.path, query)
            if response.status == 200 and _not_modified(self, response):
                sandbox.answered(target, attempt, 304)
                self.send_response(304)
                for key, value in response.headers:
                    self.send_header(key, value)
                self.end_headers()
                return
            truncate = bool(fault and fault.kind == "truncated")
            self._send(target, attempt, response, truncate=truncate)

        def _send(
            self,
            target: str,
            attempt: int,
            response: Response,
            *extra: tuple[str, str],
            truncate: bool = False,
        ) -> None:
            sandbox.answered(target, attempt, "truncated" if truncate else response.status)
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
