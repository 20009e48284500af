"""The 429 Too Many Requests of a hostile stand-in server, and how it holds a crawler to its
Retry-After.

A URL planned a 429 (`sandbox.faults.fault_for`, kind "429") is refused `attempts` times, each
refusal naming a wait: ``Retry-After: N`` seconds, or the HTTP date when the wait is up. A
request that comes before the wait is up is refused again, with the time that is left, and is
counted as too early: a crawler that ignores Retry-After and retries at once keeps failing until
it gives up, and one that waits gets the page. `refused` and `too_early` are the log a test
reads.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from email.utils import formatdate

from sandbox.faults import Fault


class Throttle:
    """Who was told to wait, and who did not."""

    def __init__(self) -> None:
        self.refused: Counter[str] = Counter()  # 429s answered, by URL (path and query)
        self.too_early: Counter[str] = Counter()  # requests that came before their wait was up
        self._waits: dict[str, tuple[int, float]] = {}  # URL -> (waits asked, when the last is up)
        self._lock = threading.Lock()

    def retry_after(self, target: str, fault: Fault, now: float | None = None) -> str | None:
        """The Retry-After of the 429 this request gets, or None when it may have the page."""
        now = time.time() if now is None else now
        with self._lock:
            asked, until = self._waits.get(target, (0, 0.0))
            if now < until:
                self.too_early[target] += 1
            elif asked >= fault.attempts:
                return None
            else:
                # an HTTP date names a whole second: the wait ends on one, so a client that
                # waits until the date it was given is never early
                until = (math.ceil(now) if fault.dated else now) + fault.delay
                self._waits[target] = (asked + 1, until)
            self.refused[target] += 1
            if fault.dated:
                return formatdate(until, usegmt=True)
            return str(max(1, math.ceil(until - now)))

    def waiting(self, target: str, now: float | None = None) -> float:
        """Seconds until a request for the URL stops being too early (0 when it may come)."""
        now = time.time() if now is None else now
        with self._lock:
            return max(0.0, self._waits.get(target, (0, 0.0))[1] - now)
