"""What every route of the review app shares: the app's state, the session of the request, the
CSRF check, the login check, and a page rendered with the session's cookie set."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment

from review.auth import LoginBrake, Session, Sessions, same_text
from review.guard import ID_MAX
from review.queue import Queue
from review.store import Store

COOKIE = "tally_review"
Csrf = Annotated[str, Form(max_length=ID_MAX)]


class LoginFirst(Exception):
    """Raised by a page that needs a reviewer's name before it can be shown."""


@dataclass
class Review:
    """What every page of one app reads: the review database, the login token, the templates,
    the sessions of the reviewers and the brake on wrong tokens."""

    store: Store
    queue: Queue
    token: str | None
    runs_dir: Path | None
    env: Environment
    tls: bool = False  # behind HTTPS: cookies are Secure
    sessions: Sessions = field(default_factory=Sessions)
    brake: LoginBrake = field(default_factory=LoginBrake)


def review_of(request: Request) -> Review:
    return request.app.state.review


def current(request: Request) -> tuple[str, Session]:
    """The request's live session; a visitor without one gets a new one (for the login
    form's CSRF token). Looked up once per request."""
    cached = getattr(request.state, "session", None)
    if cached is not None:
        return cached
    sessions = review_of(request).sessions
    found = sessions.find(request.cookies.get(COOKIE)) or sessions.visitor()
    request.state.session = found
    return found


def checked(request: Request, csrf: str) -> tuple[str, Session]:
    """The session of a posted form, after the CSRF check: the token must match the one the
    live session was given (an expired or forged cookie has none)."""
    found = review_of(request).sessions.find(request.cookies.get(COOKIE))
    if found is None or not same_text(csrf, found[1].csrf):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")
    request.state.session = found
    return found


def reviewer_of(request: Request) -> str:
    """Who is reviewing; a visitor who has not logged in goes to the login page."""
    found = review_of(request).sessions.find(request.cookies.get(COOKIE))
    if found is None or not found[1].reviewer:
        raise LoginFirst
    request.state.session = found
    return found[1].reviewer


def with_cookie(request: Request, response: Any, sid: str) -> Any:
    review = review_of(request)
    response.set_cookie(
        COOKIE,
        review.sessions.cookie(sid),
        max_age=int(review.sessions.absolute),
        httponly=True,
        samesite="strict",
        secure=review.tls or request.url.scheme == "https",
    )
    return response


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    review = review_of(request)
    sid, session = current(request)
    flash, session.flash = session.flash, None
    html = review.env.get_template(name).render(
        session=session,
        flash=flash,
        counts=review.queue.counts(),
        token_required=bool(review.token),
        **context,
    )
    return with_cookie(request, HTMLResponse(html, status_code=status), sid)


def go(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


async def login_first(request: Request, exc: Exception) -> RedirectResponse:
    return go("/login")
