"""`tally review`: the web page where maintainers decide what dedupe is unsure of.

Local and offline: Starlette/FastAPI with Jinja2 templates, one stylesheet and one script
served by the app itself (no CDN, no remote fonts). Every page reads and writes the review
database (`warehouse.judgements`), never the DuckDB warehouse, so a flow writing the warehouse
and a maintainer reviewing never wait for each other.

Security: binds 127.0.0.1 unless told otherwise, and anywhere else only with a token that
maintainers log in with; every form carries a CSRF token tied to the session; all scraped
text goes through Jinja2's autoescaping (a `<script>` in a name is shown as text); the
Content-Security-Policy allows scripts from this app only; SQL is parameterised throughout.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from warehouse.judgements import VERDICTS, Store

HERE = Path(__file__).resolve().parent
COOKIE = "tally_review"
FIELDS = (
    ("full_name", "Name"),
    ("name_raw", "As written"),
    ("surname", "Surname"),
    ("given_name", "Given name"),
    ("patronymic", "Patronymic"),
    ("birth_date", "Born"),
    ("birth_date_raw", "Born, as written"),
    ("death_date", "Died"),
    ("death_date_raw", "Died, as written"),
    ("funeral_date", "Funeral"),
    ("age", "Age"),
    ("region", "Region"),
    ("region_raw", "Region, as written"),
    ("settlement", "Settlement"),
    ("unit", "Unit"),
    ("unit_raw", "Unit, as written"),
    ("rank", "Rank"),
    ("category", "Category"),
    ("category_raw", "Category, from"),
    ("source", "Source"),
    ("published_date", "Published"),
    ("fetched_at", "Fetched"),
    ("removed_at", "Removed from its page"),
    ("person_id", "Person now"),
)
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


def spans_of(raw: Any) -> dict[str, tuple[int, int]]:
    """The record's field → (start, end) in its context (stored as JSON, sometimes twice)."""
    value = raw
    for _ in range(3):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                return {}
    if not isinstance(value, dict):
        return {}
    out = {}
    for name, span in value.items():
        if (
            isinstance(span, list | tuple)
            and len(span) == 2
            and all(isinstance(x, int) for x in span)
        ):
            out[name] = (span[0], span[1])
    return out


def marked_context(record: dict[str, Any]) -> Markup:
    """The text the record was read from, each value's span marked, everything escaped."""
    text = record.get("context") or ""
    if not text:
        return Markup("")
    spans = sorted(
        ((s, e, name) for name, (s, e) in spans_of(record.get("spans")).items() if 0 <= s < e),
        key=lambda x: (x[0], -x[1]),
    )
    out, at = [], 0
    for start, end, name in spans:
        if start < at or end > len(text):
            continue  # overlapping a span already marked (region and settlement from one word)
        out.append(escape(text[at:start]))
        out.append(Markup('<mark title="{0}">{1}</mark>').format(name, escape(text[start:end])))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def compare(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of the side-by-side table, each marked same, differ or one-sided."""
    rows = []
    for key, label in FIELDS:
        x, y = a.get(key), b.get(key)
        if x in (None, "") and y in (None, ""):
            state = "empty"
        elif x in (None, "") or y in (None, ""):
            state = "one"
        elif str(x).casefold().replace("ё", "е") == str(y).casefold().replace("ё", "е"):
            state = "same"
        else:
            state = "differ"
        rows.append({"key": key, "label": label, "a": x, "b": y, "state": state})
    return rows


def create_app(store: Store, *, token: str | None = None, runs_dir: Path | None = None) -> FastAPI:
    """The review app over one review database. With `token`, maintainers log in with it."""
    app = FastAPI(title="tally review", docs_url=None, redoc_url=None, openapi_url=None)
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    sessions: dict[str, Session] = {}

    def session_of(request: Request) -> tuple[str, Session]:
        sid = request.cookies.get(COOKIE)
        if sid and sid in sessions:
            return sid, sessions[sid]
        sid = secrets.token_urlsafe(32)
        sessions[sid] = Session()
        return sid, sessions[sid]

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        sid, session = session_of(request)
        html = env.get_template(name).render(
            session=session, counts=store.counts(), token_required=bool(token), **context
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
        sid = request.cookies.get(COOKIE)
        session = sessions.get(sid or "")
        sent = data.get("csrf", "")
        if session is None or not sent or not hmac.compare_digest(sent, session.csrf):
            raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")
        return data

    def reviewer_of(request: Request) -> str:
        """Who is reviewing; a visitor who has not said goes to the login page."""
        session = sessions.get(request.cookies.get(COOKIE) or "")
        if session is None or not session.reviewer:
            raise _LoginFirst
        return session.reviewer

    @app.exception_handler(_LoginFirst)
    async def _login_first(request: Request, exc: _LoginFirst) -> Response:
        return go("/login")

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        return PlainTextResponse(str(exc.detail), status_code=exc.status_code, headers=HEADERS)

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        kinds = {"review.js": "text/javascript", "review.css": "text/css"}
        if name not in kinds:
            raise HTTPException(404, "no such file")
        body = (HERE / "static" / name).read_text(encoding="utf-8")
        return Response(body, media_type=kinds[name], headers=HEADERS)

    @app.get("/login")
    def login_page(request: Request) -> HTMLResponse:
        return page(request, "login.html", error=None)

    @app.post("/login")
    async def login(request: Request) -> Response:
        data = await form_of(request)
        name = (data.get("reviewer") or "").strip()
        if token and not hmac.compare_digest(data.get("token", ""), token):
            return page(request, "login.html", status=403, error="wrong token")
        if not name:
            return page(request, "login.html", status=400, error="say who you are")
        _, session = session_of(request)
        session.reviewer = name[:80]
        return go("/")

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        await form_of(request)
        sessions.pop(request.cookies.get(COOKIE) or "", None)
        return go("/login")

    @app.get("/")
    def queue(request: Request) -> Response:
        who = reviewer_of(request)
        _, session = session_of(request)
        nxt = store.next_pair(who, skip=session.skipped)
        if nxt is None:
            session.skipped.clear()
            return page(request, "empty.html")
        return go(f"/pair/{nxt.pair_id}")

    @app.get("/pair/{pair_id}")
    def pair(request: Request, pair_id: int) -> Response:
        who = reviewer_of(request)
        found = store.pair(pair_id)
        if found is None:
            raise HTTPException(404, "no such pair in the queue (a newer dedupe run replaced it)")
        a = store.record(found.record_a) or {"record_id": found.record_a}
        b = store.record(found.record_b) or {"record_id": found.record_b}
        holder = store.claimed_by(pair_id)
        return page(
            request,
            "pair.html",
            pair=found,
            a=a,
            b=b,
            rows=compare(a, b),
            context_a=marked_context(a),
            context_b=marked_context(b),
            decided=store.verdict(found.record_a, found.record_b),
            holder=holder if holder and holder != who else None,
            verdicts=VERDICTS,
        )

    @app.post("/pair/{pair_id}/decide")
    async def decide(request: Request, pair_id: int) -> Response:
        data = await form_of(request)
        who = reviewer_of(request)
        found = store.pair(pair_id)
        if found is None:
            raise HTTPException(404, "no such pair in the queue")
        verdict = data.get("verdict", "")
        if verdict == "skip":
            session_of(request)[1].skipped.append(pair_id)
            return go("/")
        if verdict not in VERDICTS:
            raise HTTPException(400, f"verdict must be one of {', '.join(VERDICTS)}")
        store.decide(found.record_a, found.record_b, verdict, who, data.get("note", ""))
        return go("/")

    @app.post("/undo")
    async def undo(request: Request) -> Response:
        await form_of(request)
        who = reviewer_of(request)
        taken = store.undo(who)
        if taken is None:
            return go("/history")
        again = store.pair_of(taken.record_a, taken.record_b)
        if again is not None:
            _, session = session_of(request)
            session.skipped = [p for p in session.skipped if p != again.pair_id]
            return go(f"/pair/{again.pair_id}")
        return go(f"/history?record={quote(taken.record_a)}")

    @app.get("/history")
    def history(
        request: Request,
        reviewer: str = "",
        verdict: str = "",
        record: str = "",
        deleted: str = "1",
    ) -> Response:
        reviewer_of(request)
        rows = store.history(
            reviewer or None, verdict or None, record or None, include_deleted=deleted == "1"
        )
        return page(
            request,
            "history.html",
            rows=rows,
            reviewers=store.reviewers(),
            verdicts=VERDICTS,
            filters={
                "reviewer": reviewer,
                "verdict": verdict,
                "record": record,
                "deleted": deleted,
            },
        )

    @app.get("/search")
    def search(request: Request, q: str = "", merge_into: str = "") -> Response:
        reviewer_of(request)
        return page(
            request, "search.html", q=q, persons=store.search(q) if q else [], merge_into=merge_into
        )

    @app.get("/person/{person_id}")
    def person(request: Request, person_id: str) -> Response:
        reviewer_of(request)
        records = store.person_records(person_id)
        if not records:
            raise HTTPException(404, "no such person")
        return page(request, "person.html", person_id=person_id, records=records)

    @app.post("/split")
    async def split(request: Request) -> Response:
        data = await form_of(request)
        who = reviewer_of(request)
        record = store.record(data.get("record_id", ""))
        if record is None:
            raise HTTPException(404, "no such record")
        store.split(record["record_id"], who, data.get("note", ""))
        return go(f"/person/{quote(record['person_id'])}")

    @app.post("/merge")
    async def merge(request: Request) -> Response:
        data = await form_of(request)
        who = reviewer_of(request)
        a, b = data.get("person_a", ""), data.get("person_b", "")
        try:
            store.merge(a, b, who, data.get("note", ""))
        except (KeyError, ValueError) as exc:
            raise HTTPException(400, str(exc)) from exc
        return go(f"/person/{quote(a)}")

    @app.get("/archive/{record_id}")
    def archive(request: Request, record_id: str) -> Response:
        reviewer_of(request)
        record = store.record(record_id)
        if record is None or not record.get("archive_ref"):
            raise HTTPException(404, "this record has no archived page")
        from spiders.archive import read_capture
        from spiders.extract.html import decode_html, fragment_text

        try:
            capture = read_capture(_archive_ref(record["archive_ref"], runs_dir))
        except (OSError, KeyError, ValueError) as exc:
            raise HTTPException(404, f"the archived page cannot be read: {exc}") from exc
        content_type = dict((k.lower(), v) for k, v in capture.headers).get("content-type")
        text, _ = decode_html(capture.body, content_type)
        return page(
            request, "archive.html", record=record, capture=capture, text=fragment_text(text)
        )

    return app


def _archive_ref(ref: str, runs_dir: Path | None) -> str:
    """Archive references are paths (absolute, or relative to the run folders)."""
    path_part = ref.split("#", 1)[0]
    if runs_dir is not None and not Path(path_part).is_absolute():
        candidate = runs_dir / path_part
        if candidate.exists():
            return str(candidate) + ref[len(path_part) :]
    return ref
