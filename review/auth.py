"""Who may use the review app: the team token, the sessions of the reviewers logged in, and the
brake on guessing the token. Pure Python, no web framework: `review.web` wires it in.

- The token is at least `MIN_TOKEN` characters (`tally review --token generate` makes one).
- A session id lives in a cookie signed with `itsdangerous` by a key made at start (a restart
  logs everybody out). The id is renewed at login, so an id planted in a browser before it logs
  in is worthless after.
- A session ends after `IDLE_SECONDS` without a request and `ABSOLUTE_SECONDS` after login
  whatever happens. Visitors not logged in and reviewers logged in are kept in two bounded
  tables, so a flood of visitors never pushes a reviewer out.
- After `FREE_FAILURES` wrong logins from one address, each further try waits twice as long as
  the one before (2 s, 4 s … up to `MAX_LOCK_SECONDS`).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from itsdangerous import BadData, TimestampSigner

MIN_TOKEN = 16
IDLE_SECONDS = 60 * 60  # an hour without a request
ABSOLUTE_SECONDS = 12 * 60 * 60  # a working day, then log in again
MAX_VISITORS = 2000  # sessions not logged in (a login form shown)
MAX_REVIEWERS = 500  # sessions logged in
FREE_FAILURES = 5
MAX_LOCK_SECONDS = 15 * 60
MAX_ADDRESSES = 10_000


def same_text(sent: str | None, expected: str) -> bool:
    """A constant-time comparison that cannot fail: `hmac.compare_digest` on str refuses
    anything but ASCII (a TypeError, a 500), so both sides are compared as UTF-8 bytes."""
    if not sent:
        return False
    return hmac.compare_digest(sent.encode("utf-8", "replace"), expected.encode("utf-8"))


def check_token(token: str | None) -> str | None:
    """The team token, or ValueError saying why it is too weak to guard a server."""
    if token is None:
        return None
    if len(token) < MIN_TOKEN:
        raise ValueError(
            f"the token is {len(token)} characters; use at least {MIN_TOKEN} "
            "(or --token generate for a random one)"
        )
    return token


def new_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass
class Session:
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    reviewer: str | None = None
    started: float = 0.0
    seen: float = 0.0
    skipped: list[int] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)  # pair → a note typed, not yet used
    flash: str | None = None  # one line saying what was just done, shown once


class Sessions:
    """Server-side sessions behind signed cookie values. `clock` is for tests."""

    def __init__(
        self,
        idle: float = IDLE_SECONDS,
        absolute: float = ABSOLUTE_SECONDS,
        clock: Callable[[], float] = time.time,
    ):
        self.idle, self.absolute, self.clock = idle, absolute, clock
        self._signer = TimestampSigner(secrets.token_bytes(32), salt="tally-review-session")
        self._visitors: OrderedDict[str, Session] = OrderedDict()
        self._reviewers: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()  # the app's sync routes run in a thread pool

    def __len__(self) -> int:
        return len(self._visitors) + len(self._reviewers)

    def cookie(self, sid: str) -> str:
        return self._signer.sign(sid).decode("ascii")

    def find(self, cookie: str | None) -> tuple[str, Session] | None:
        """The live session a cookie names, or None (unsigned, forged, expired, unknown)."""
        if not cookie:
            return None
        try:
            sid = self._signer.unsign(cookie, max_age=self.absolute).decode("ascii")
        except (BadData, UnicodeError):
            return None
        with self._lock:
            return self._live(sid)

    def _live(self, sid: str) -> tuple[str, Session] | None:
        now = self.clock()
        for table in (self._reviewers, self._visitors):
            session = table.get(sid)
            if session is None:
                continue
            if now - session.seen > self.idle or now - session.started > self.absolute:
                del table[sid]
                return None
            session.seen = now
            table.move_to_end(sid)
            return sid, session
        return None

    def visitor(self) -> tuple[str, Session]:
        """A new session for someone not logged in (to carry the login form's CSRF token)."""
        now = self.clock()
        sid, session = secrets.token_urlsafe(32), Session(started=now, seen=now)
        with self._lock:
            self._visitors[sid] = session
            while len(self._visitors) > MAX_VISITORS:
                self._visitors.popitem(last=False)
        return sid, session

    def log_in(self, old_sid: str | None, reviewer: str) -> tuple[str, Session]:
        """A fresh session id and CSRF token for a reviewer; the old id is forgotten."""
        now = self.clock()
        sid, session = secrets.token_urlsafe(32), Session(reviewer=reviewer, started=now, seen=now)
        with self._lock:
            if old_sid:
                self._forget(old_sid)
            self._reviewers[sid] = session
            while len(self._reviewers) > MAX_REVIEWERS:
                self._reviewers.popitem(last=False)  # the one idle longest
        return sid, session

    def log_out(self, sid: str) -> None:
        with self._lock:
            self._forget(sid)

    def _forget(self, sid: str) -> None:
        self._visitors.pop(sid, None)
        self._reviewers.pop(sid, None)


class LoginBrake:
    """Failed logins per client address; `wait(address)` is how many seconds it must wait
    before its next try counts (0: go ahead)."""

    def __init__(self, clock: Callable[[], float] = time.time):
        self.clock = clock
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, address: str) -> int:
        failures, last = self._failures.get(address, (0, 0.0))
        if failures < FREE_FAILURES:
            return 0
        lock = min(2 ** (failures - FREE_FAILURES + 1), MAX_LOCK_SECONDS)
        return max(0, int(last + lock - self.clock() + 0.999))

    def failed(self, address: str) -> None:
        with self._lock:
            failures, _ = self._failures.pop(address, (0, 0.0))
            self._failures[address] = (failures + 1, self.clock())
            while len(self._failures) > MAX_ADDRESSES:
                self._failures.popitem(last=False)

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._failures.pop(address, None)
