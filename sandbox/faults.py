"""How the stand-in server misbehaves when asked to: the faults a crawler meets on real sites.

Which URL misbehaves, and how, is a pure function of (seed, URL), so two runs see the same
faults. Every transient fault hits only the first attempt(s) at a URL and a later attempt gets
the page, so a crawler that retries loses nothing:

* ``503``: Service Unavailable on the first one or two attempts (about 4 % of URLs);
* ``slow``: the first answer takes 2-5 s (about 3 %);
* ``reset``: the connection is reset without an answer on the first attempt (about 2 %);
* ``truncated``: the first answer promises more bytes than it sends, then closes (about 2 %);
* ``timeout``: the first answer comes only after ``slow_timeout`` seconds (about 1 %).

One fault is permanent: about 3 % of pages declare the wrong charset (utf-8 declared, windows-1251
sent; windows-1251 declared, koi8-r sent; koi8-r declared, windows-1251 sent). The page truth is
the same with and without faults: a crawler that detects charsets reads those pages too.

A hostile server (``Sandbox(..., hostile=True)``) adds the faults of a site that defends itself
or was moved about, and only it (the old tests and demos do not meet them):

* ``429``: Too Many Requests on the first one or two attempts (about 2 % of URLs) with
  ``Retry-After: N`` (1-3 s; about a third in the HTTP-date form), enforced: a request that
  comes before the time is up gets another 429 (see sandbox/throttle.py), so a crawler that
  waits gets the page and one that retries at once keeps failing;
* ``moved``: about 1 % of article pages (at least one) answer 301 or 302 to an alias
  (``?from=old``) that serves the same page: a crawler that follows redirects loses nothing;
* permanent redirects (sandbox/redirects.py): a few pages answer a redirect loop (302 to
  themselves, or A→B→A; about 0.5 % of pages and at least one per site), one page a chain of
  ever new URLs longer than any crawler follows, one page a redirect to another host. Those
  pages are unreachable, and the page truth says so: failed, with the reason.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from sandbox.sites.base import Response

SHARES = (("503", 0.04), ("slow", 0.03), ("reset", 0.02), ("truncated", 0.02), ("timeout", 0.01))
# Rolled on the same draw after SHARES, so a URL meets at most one transient fault.
HOSTILE_SHARES = (("429", 0.02),)
DATED_SHARE = 0.3  # of 429s whose Retry-After is an HTTP date, not seconds
MOVED_SHARE = 0.01  # of article pages that redirect to an alias of themselves
LOOP_SHARE = 0.005  # of the pages a loop can stand on (see sandbox/redirects.py)
WRONG_CHARSET_SHARE = 0.03
# What a page that declares the left charset is really sent in when its declaration is wrong.
WRONG_CHARSET = {"utf-8": "windows-1251", "windows-1251": "koi8-r", "koi8-r": "windows-1251"}
EXEMPT = ("/robots.txt", "/")


def target_of(path: str, query: dict[str, str] | None = None) -> str:
    """One spelling of a URL's path and query (query keys sorted), for caching, logging and the
    fault rolls."""
    return path + ("?" + urlencode(sorted(query.items())) if query else "")


@dataclass(frozen=True)
class Fault:
    kind: str  # 503 | slow | reset | truncated | timeout | 429
    attempts: int = 1  # how many first attempts misbehave (429: how many waits it asks for)
    delay: float = 0.0  # seconds, for slow and timeout; 429: the Retry-After
    dated: bool = False  # 429: Retry-After as an HTTP date

    def active(self, attempt: int) -> bool:
        """Whether the `attempt`-th request (1-based) for the URL misbehaves."""
        return attempt <= self.attempts


def _unit(seed: int, salt: str, target: str) -> float:
    digest = hashlib.sha256(f"{seed}|{salt}|{target}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def draw(seed: int, salt: str, target: str) -> float:
    """A draw in [0, 1) for one question (`salt`) about one URL: the same in every run."""
    return _unit(seed, salt, target)


def fault_for(
    seed: int, target: str, slow_timeout: float = 12.0, hostile: bool = False
) -> Fault | None:
    """The transient fault planned for a URL (path and query), or None; `hostile` adds 429s."""
    if target in EXEMPT:
        return None
    roll, low = _unit(seed, "fault", target), 0.0
    for kind, share in SHARES + (HOSTILE_SHARES if hostile else ()):
        if low <= roll < low + share:
            extra = _unit(seed, "extra", target)
            if kind == "503":
                return Fault(kind, attempts=1 + (extra < 0.4))
            if kind == "429":
                wait = 1 + int(_unit(seed, "wait", target) * 3)
                dated = _unit(seed, "dated", target) < DATED_SHARE
                return Fault(kind, attempts=1 + (extra < 0.25), delay=float(wait), dated=dated)
            if kind == "slow":
                return Fault(kind, delay=2.0 + 3.0 * extra)
            if kind == "timeout":
                return Fault(kind, delay=slow_timeout + 1.0)
            return Fault(kind)
        low += share
    return None


def wrong_charset(seed: int, target: str) -> bool:
    return target not in EXEMPT and _unit(seed, "charset", target) < WRONG_CHARSET_SHARE


def miscode(response: Response) -> Response:
    """The same page sent in another charset than it declares (in the header, in a meta tag, or
    nowhere: then the header declares the charset the page was meant to be in)."""
    if response.status != 200 or not response.charset or "html" not in response.content_type:
        return response
    declared = response.charset.lower()
    sent = WRONG_CHARSET.get(declared)
    if sent is None:
        return response
    text = response.body.decode(declared)
    content_type = response.content_type
    if not re.search(r"charset=", content_type, re.IGNORECASE) and not re.search(
        r"<meta[^>]+charset", text[:2048], re.IGNORECASE
    ):
        content_type = f"text/html; charset={declared}"
    return replace(
        response,
        body=text.encode(sent, errors="xmlcharrefreplace"),
        content_type=content_type,
        charset=sent,
    )
