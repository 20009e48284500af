"""What every response of the review app carries, whatever made it: the security headers (on
the app's pages, on the framework's own 404, 405, 422 and 500 too), a cap on the size of a
request body, and error pages that say what was wrong in one line and never show a traceback.
Also the one rule for links: only http(s) URLs are rendered as links."""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
HSTS = ("Strict-Transport-Security", "max-age=31536000")
MAX_BODY = 64 * 1024  # the longest form (a note of 2,000 characters) is far below

# the longest value of each kind a form or a query may carry; longer is refused (422)
NOTE_MAX = 2000
NAME_MAX = 80
TOKEN_MAX = 200
ID_MAX = 200  # a record id, a person id, the CSRF token, a verdict, a search

_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+\Z", re.IGNORECASE)
log = logging.getLogger("tally.review")


def is_web_url(value: Any) -> bool:
    """A link a reviewer may follow: http or https, nothing else (javascript:, data:,
    vbscript: and the like are shown as text)."""
    return isinstance(value, str) and bool(_WEB_URL.match(value))


class _TooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(413, f"the request is larger than {MAX_BODY // 1024} KiB")


class Guard:
    """ASGI middleware: the headers on every response, and the body cap."""

    def __init__(self, app: ASGIApp, tls: bool = False):
        self.app, self.tls = app, tls

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                add_headers(MutableHeaders(scope=message), self.tls)
            await send(message)

        length = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY:
            await _plain(413, str(_TooLarge().detail), self.tls)(scope, receive, send)
            return
        seen = 0

        async def receive_capped() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise _TooLarge()
            return message

        await self.app(scope, receive_capped, send_guarded)


def add_headers(headers: MutableHeaders, tls: bool) -> None:
    for name, value in HEADERS.items():
        headers[name] = value
    if tls:
        headers[HSTS[0]] = HSTS[1]


def _plain(status: int, text: str, tls: bool) -> Response:
    response = PlainTextResponse(text, status_code=status)
    add_headers(response.headers, tls)
    return response


def install(app: FastAPI, tls: bool) -> None:
    """The middleware and the error pages of one app."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        response = _plain(exc.status_code, str(exc.detail), tls)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        lines = []
        for error in exc.errors():
            where = ".".join(str(x) for x in error.get("loc", ())[1:]) or "request"
            lines.append(f"{where}: {error.get('msg', 'not valid')}")
        return _plain(422, "refused, nothing was saved: " + "; ".join(lines), tls)

    async def crashed(request: Request, exc: Exception) -> Response:
        # outside every middleware (Starlette's last resort), so the headers are set here
        log.exception("review: %s %s failed", request.method, request.url.path)
        return _plain(500, "internal error: nothing more is said here (see the server log)", tls)

    app.add_middleware(Guard, tls=tls)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, crashed)
