"""`tally review`: the web page where maintainers decide what dedupe is unsure of.

Local and offline: Starlette/FastAPI with Jinja2 templates, one stylesheet and one script
served by the app itself (no CDN, no remote fonts). Every page reads and writes the review
database (`review.store`), never the DuckDB warehouse, so a flow writing the warehouse
and a maintainer reviewing never wait for each other. The routes of deciding are in
`review.decide`; what every route shares in `review.webpage`.

Security: binds 127.0.0.1 unless told otherwise, and anywhere else only with a token of at least
16 characters that maintainers log in with (`review.auth`: signed session cookies renewed at
login, sessions that expire, wrong tokens slowed down); every form is parsed by FastAPI with a
length limit on each field and carries a CSRF token tied to the session; all scraped text goes
through Jinja2's autoescaping and only http(s) URLs become links; every response, error pages
included, carries the security headers (`review.guard`); SQL is parameterised throughout.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, HTTPException, Query, Request
from fastapi import Path as InPath
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from review import decide, guard
from review.auth import check_token, same_text
from review.guard import ID_MAX, NAME_MAX, NOTE_MAX, TOKEN_MAX
from review.persons import date_conflicts
from review.queue import Queue
from review.store import Store
from review.webpage import (
    COOKIE,
    Csrf,
    LoginFirst,
    Review,
    checked,
    go,
    login_first,
    page,
    review_of,
    reviewer_of,
    with_cookie,
)
from schema.archive import read_capture
from spiders.extract.html import decode_html, fragment_text

HERE = Path(__file__).resolve().parent
Note = Annotated[str, Form(max_length=NOTE_MAX)]
Id = Annotated[str, Form(max_length=ID_MAX)]
PathId = Annotated[str, InPath(max_length=ID_MAX)]
MANY = 500  # records one split form may carry


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


routes = APIRouter()


@routes.get("/static/{name}")
def static(name: str) -> Response:
    kinds = {"review.js": "text/javascript", "review.css": "text/css"}
    if name not in kinds:
        raise HTTPException(404, "no such file")
    body = (HERE / "static" / name).read_text(encoding="utf-8")
    return Response(body, media_type=kinds[name])


@routes.get("/login")
def login_page(request: Request) -> HTMLResponse:
    return page(request, "login.html", error=None)


@routes.post("/login")
def login(
    request: Request,
    csrf: Csrf = "",
    reviewer: Annotated[str, Form(max_length=NAME_MAX)] = "",
    token: Annotated[str, Form(max_length=TOKEN_MAX)] = "",
) -> Response:
    sid, _ = checked(request, csrf)
    review = review_of(request)
    address = request.client.host if request.client else "unknown"
    wait = review.brake.wait(address)
    if wait:
        refused = page(
            request, "login.html", status=429, error=f"too many wrong tokens: wait {wait} s"
        )
        refused.headers["Retry-After"] = str(wait)
        return refused
    if review.token and not same_text(token, review.token):
        review.brake.failed(address)
        return page(request, "login.html", status=403, error="wrong token")
    name = " ".join(reviewer.split())
    if not name:
        return page(request, "login.html", status=400, error="say who you are")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        return page(request, "login.html", status=400, error="a name without control characters")
    review.brake.succeeded(address)
    # a new session id: one planted in this browser before the login is worth nothing now
    new_sid, _ = review.sessions.log_in(sid, name)
    return with_cookie(request, go("/"), new_sid)


@routes.post("/logout")
def logout(request: Request, csrf: Csrf = "") -> Response:
    sid, _ = checked(request, csrf)
    review_of(request).sessions.log_out(sid)
    response = go("/login")
    response.delete_cookie(COOKIE)
    return response


@routes.get("/search")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=ID_MAX)] = "",
    merge_into: Annotated[str, Query(max_length=ID_MAX)] = "",
) -> Response:
    reviewer_of(request)
    persons = review_of(request).queue.search(q) if q else []
    return page(request, "search.html", q=q, persons=persons, merge_into=merge_into)


@routes.get("/person/{person_id}")
def person(request: Request, person_id: PathId) -> Response:
    reviewer_of(request)
    records = review_of(request).queue.person_records(person_id)
    if not records:
        raise HTTPException(404, "no such person")
    return page(request, "person.html", person_id=person_id, records=records, note_max=NOTE_MAX)


@routes.post("/split")
def split(
    request: Request,
    csrf: Csrf = "",
    record_id: Annotated[list[str] | None, Form()] = None,
    note: Note = "",
) -> Response:
    _, session = checked(request, csrf)
    who = reviewer_of(request)
    queue = review_of(request).queue
    chosen = [r for r in (record_id or [])[:MANY] if len(r) <= ID_MAX]
    first = queue.record(chosen[0]) if chosen else None
    if first is None:
        raise HTTPException(404, "no such record")
    try:
        made = queue.split(chosen, who, note.strip())
    except (KeyError, ValueError) as exc:
        raise HTTPException(400, str(exc)) from exc
    session.flash = (
        f"Split {len(chosen)} record(s) out of {first['person_id']} together: one decision "
        f"of {len(made)} record pairs. Undo with z."
    )
    return go(f"/person/{quote(first['person_id'])}")


@routes.post("/merge")
def merge(
    request: Request,
    csrf: Csrf = "",
    person_a: Id = "",
    person_b: Id = "",
    note: Note = "",
    confirm: Id = "",
) -> Response:
    _, session = checked(request, csrf)
    who = reviewer_of(request)
    queue = review_of(request).queue
    warning = date_conflicts(queue.person_records(person_a), queue.person_records(person_b))
    if warning and confirm != "1":  # the reviewer sees the conflict before the merge is made
        return page(request, "confirm.html", person_a=person_a, person_b=person_b, note=note,
                    warning=warning, note_max=NOTE_MAX)  # fmt: skip
    try:
        made = queue.merge(person_a, person_b, who, note.strip())
    except (KeyError, ValueError) as exc:
        raise HTTPException(400, str(exc)) from exc
    session.flash = f"Merged {person_b} into {person_a}: one decision of {len(made)} record pairs."
    if warning:
        session.flash += f" Warning kept with it: {warning}."
    return go(f"/person/{quote(person_a)}")


@routes.get("/archive/{record_id}")
def archive(request: Request, record_id: PathId) -> Response:
    reviewer_of(request)
    review = review_of(request)
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


def create_app(
    store: Store,
    *,
    token: str | None = None,
    runs_dir: Path | None = None,
    behind_tls: bool = False,
) -> FastAPI:
    """The review app over one review database. With `token` (at least 16 characters),
    maintainers log in with it; `behind_tls`: served through HTTPS (cookies are Secure)."""
    app = FastAPI(title="tally review", docs_url=None, redoc_url=None, openapi_url=None)
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.tests["web_url"] = guard.is_web_url
    app.state.review = Review(store, Queue(store), check_token(token), runs_dir, env)
    app.state.review.tls = behind_tls
    app.include_router(routes)
    app.include_router(decide.routes)
    guard.install(app, tls=behind_tls)
    app.add_exception_handler(LoginFirst, login_first)
    return app


def _archive_ref(ref: str, runs_dir: Path | None) -> str:
    """Archive references are paths (absolute, or relative to the run folders)."""
    path_part = ref.split("#", 1)[0]
    if runs_dir is not None and not Path(path_part).is_absolute():
        candidate = runs_dir / path_part
        if candidate.exists():
            return str(candidate) + ref[len(path_part) :]
    return ref
