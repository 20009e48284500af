"""`tally review`: the web page where maintainers decide what dedupe is unsure of.

Local and offline: Starlette/FastAPI with Jinja2 templates, one stylesheet and one script
served by the app itself (no CDN, no remote fonts). Every page reads and writes the review
database (`review.store`), never the DuckDB warehouse, so a flow writing the warehouse
and a maintainer reviewing never wait for each other.

Security: binds 127.0.0.1 unless told otherwise, and anywhere else only with a token that
maintainers log in with; every form carries a CSRF token tied to the session; all scraped
text goes through Jinja2's autoescaping (a `<script>` in a name is shown as text); the
Content-Security-Policy allows scripts from this app only; SQL is parameterised throughout.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from review.compare import compare, marked_context
from review.queue import Queue
from review.store import VERDICTS, Store
from schema.archive import read_capture
from spiders.extract.html import decode_html, fragment_text

HERE = Path(__file__).resolve().parent
COOKIE = "tally_review"
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


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _LoginFirst(Exception):
    """Raised by a page that needs a reviewer's name before it can be shown."""


@dataclass
class Session:
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    reviewer: str | None = None
    skipped: list[int] = field(default_factory=list)


@dataclass
class Review:
    """What every page of one app reads: the review database, the login token, the templates
    and the sessions of the reviewers logged in."""

    store: Store
    queue: Queue
    token: str | None
    runs_dir: Path | None
    env: Environment
    sessions: dict[str, Session] = field(default_factory=dict)


def _review(request: Request) -> Review:
    return request.app.state.review


def session_of(request: Request) -> tuple[str, Session]:
    sessions = _review(request).sessions
    sid = request.cookies.get(COOKIE)
    if sid and sid in sessions:
        return sid, sessions[sid]
    sid = secrets.token_urlsafe(32)
    sessions[sid] = Session()
    return sid, sessions[sid]


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    review = _review(request)
    sid, session = session_of(request)
    html = review.env.get_template(name).render(
        session=session,
        counts=review.queue.counts(),
        token_required=bool(review.token),
        **context,
    )
    response = HTMLResponse(html, status_code=status, headers=HEADERS)
    response.set_cookie(COOKIE, sid, httponly=True, samesite="strict")
    return response


def go(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303, headers=HEADERS)


async def form_of(request: Request) -> dict[str, str]:
    """The posted form, after the CSRF check: the token must match the session's."""
    body = (await request.body()).decode("utf-8", errors="replace")
    data = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
    session = _review(request).sessions.get(request.cookies.get(COOKIE) or "")
    sent = data.get("csrf", "")
    if session is None or not sent or not hmac.compare_digest(sent, session.csrf):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")
    return data


def reviewer_of(request: Request) -> str:
    """Who is reviewing; a visitor who has not said goes to the login page."""
    session = _review(request).sessions.get(request.cookies.get(COOKIE) or "")
    if session is None or not session.reviewer:
        raise _LoginFirst
    return session.reviewer


async def _login_first(request: Request, exc: Exception) -> Response:
    return go("/login")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return PlainTextResponse(str(exc.detail), status_code=exc.status_code, headers=HEADERS)


routes = APIRouter()


@routes.get("/static/{name}")
def static(name: str) -> Response:
    kinds = {"review.js": "text/javascript", "review.css": "text/css"}
    if name not in kinds:
        raise HTTPException(404, "no such file")
    body = (HERE / "static" / name).read_text(encoding="utf-8")
    return Response(body, media_type=kinds[name], headers=HEADERS)


@routes.get("/login")
def login_page(request: Request) -> HTMLResponse:
    return page(request, "login.html", error=None)


@routes.post("/login")
async def login(request: Request) -> Response:
    data = await form_of(request)
    name = (data.get("reviewer") or "").strip()
    token = _review(request).token
    if token and not hmac.compare_digest(data.get("token", ""), token):
        return page(request, "login.html", status=403, error="wrong token")
    if not name:
        return page(request, "login.html", status=400, error="say who you are")
    _, session = session_of(request)
    session.reviewer = name[:80]
    return go("/")


@routes.post("/logout")
async def logout(request: Request) -> Response:
    await form_of(request)
    _review(request).sessions.pop(request.cookies.get(COOKIE) or "", None)
    return go("/login")


@routes.get("/")
def next_pair(request: Request) -> Response:
    who = reviewer_of(request)
    _, session = session_of(request)
    found = _review(request).queue.next_pair(who, skip=session.skipped)
    if found is None:
        session.skipped.clear()
        return page(request, "empty.html")
    return go(f"/pair/{found.pair_id}")


@routes.get("/pair/{pair_id}")
def pair(request: Request, pair_id: int) -> Response:
    who = reviewer_of(request)
    review = _review(request)
    found = review.queue.pair(pair_id)
    if found is None:
        raise HTTPException(404, "no such pair in the queue (a newer dedupe run replaced it)")
    a = review.queue.record(found.record_a) or {"record_id": found.record_a}
    b = review.queue.record(found.record_b) or {"record_id": found.record_b}
    holder = review.queue.claimed_by(pair_id)
    return page(
        request,
        "pair.html",
        pair=found,
        a=a,
        b=b,
        rows=compare(a, b),
        context_a=marked_context(a),
        context_b=marked_context(b),
        decided=review.store.verdict(found.record_a, found.record_b),
        holder=holder if holder and holder != who else None,
        verdicts=VERDICTS,
    )


@routes.post("/pair/{pair_id}/decide")
async def decide(request: Request, pair_id: int) -> Response:
    data = await form_of(request)
    who = reviewer_of(request)
    review = _review(request)
    found = review.queue.pair(pair_id)
    if found is None:
        raise HTTPException(404, "no such pair in the queue")
    verdict = data.get("verdict", "")
    if verdict == "skip":
        session_of(request)[1].skipped.append(pair_id)
        return go("/")
    if verdict not in VERDICTS:
        raise HTTPException(400, f"verdict must be one of {', '.join(VERDICTS)}")
    review.store.decide(found.record_a, found.record_b, verdict, who, data.get("note", ""))
    return go("/")


@routes.post("/undo")
async def undo(request: Request) -> Response:
    await form_of(request)
    who = reviewer_of(request)
    review = _review(request)
    taken = review.store.undo(who)
    if taken is None:
        return go("/history")
    again = review.queue.pair_of(taken.record_a, taken.record_b)
    if again is not None:
        _, session = session_of(request)
        session.skipped = [p for p in session.skipped if p != again.pair_id]
        return go(f"/pair/{again.pair_id}")
    return go(f"/history?record={quote(taken.record_a)}")


@routes.get("/history")
def history(
    request: Request,
    reviewer: str = "",
    verdict: str = "",
    record: str = "",
    deleted: str = "1",
) -> Response:
    reviewer_of(request)
    store = _review(request).store
    rows = store.history(
        reviewer or None, verdict or None, record or None, include_deleted=deleted == "1"
    )
    return page(
        request,
        "history.html",
        rows=rows,
        reviewers=store.reviewers(),
        verdicts=VERDICTS,
        filters={"reviewer": reviewer, "verdict": verdict, "record": record, "deleted": deleted},
    )


@routes.get("/search")
def search(request: Request, q: str = "", merge_into: str = "") -> Response:
    reviewer_of(request)
    persons = _review(request).queue.search(q) if q else []
    return page(request, "search.html", q=q, persons=persons, merge_into=merge_into)


@routes.get("/person/{person_id}")
def person(request: Request, person_id: str) -> Response:
    reviewer_of(request)
    records = _review(request).queue.person_records(person_id)
    if not records:
        raise HTTPException(404, "no such person")
    return page(request, "person.html", person_id=person_id, records=records)


@routes.post("/split")
async def split(request: Request) -> Response:
    data = await form_of(request)
    who = reviewer_of(request)
    queue = _review(request).queue
    record = queue.record(data.get("record_id", ""))
    if record is None:
        raise HTTPException(404, "no such record")
    queue.split(record["record_id"], who, data.get("note", ""))
    return go(f"/person/{quote(record['person_id'])}")


@routes.post("/merge")
async def merge(request: Request) -> Response:
    data = await form_of(request)
    who = reviewer_of(request)
    a, b = data.get("person_a", ""), data.get("person_b", "")
    try:
        _review(request).queue.merge(a, b, who, data.get("note", ""))
    except (KeyError, ValueError) as exc:
        raise HTTPException(400, str(exc)) from exc
    return go(f"/person/{quote(a)}")


@routes.get("/archive/{record_id}")
def archive(request: Request, record_id: str) -> Response:
    reviewer_of(request)
    review = _review(request)
    record = review.queue.record(record_id)
    if record is None or not record.get("archive_ref"):
        raise HTTPException(404, "this record has no archived page")
    try:
        capture = read_capture(_archive_ref(record["archive_ref"], review.runs_dir))
    except (OSError, KeyError, ValueError) as exc:
        raise HTTPException(404, f"the archived page cannot be read: {exc}") from exc
    content_type = dict((k.lower(), v) for k, v in capture.headers).get("content-type")
    text, _ = decode_html(capture.body, content_type)
    return page(request, "archive.html", record=record, capture=capture, text=fragment_text(text))


def create_app(store: Store, *, token: str | None = None, runs_dir: Path | None = None) -> FastAPI:
    """The review app over one review database. With `token`, maintainers log in with it."""
    app = FastAPI(title="tally review", docs_url=None, redoc_url=None, openapi_url=None)
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    app.state.review = Review(store, Queue(store), token, runs_dir, env)
    app.include_router(routes)
    app.add_exception_handler(_LoginFirst, _login_first)
    app.add_exception_handler(HTTPException, _http_error)
    return app


def _archive_ref(ref: str, runs_dir: Path | None) -> str:
    """Archive references are paths (absolute, or relative to the run folders)."""
    path_part = ref.split("#", 1)[0]
    if runs_dir is not None and not Path(path_part).is_absolute():
        candidate = runs_dir / path_part
        if candidate.exists():
            return str(candidate) + ref[len(path_part) :]
    return ref
