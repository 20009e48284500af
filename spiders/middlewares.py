"""Downloader middlewares that make every request end somewhere a crawl can count.

- `PoliteRetryMiddleware`: Scrapy's retries, but a 429 or 503 that says `Retry-After` is
  waited out (capped by RETRY_AFTER_MAX seconds) before the request is tried again; asking
  again at once only earns another refusal.
- `AccountedRedirectMiddleware`: Scrapy's redirects, but a redirect loop, a chain longer than
  REDIRECT_MAX_TIMES and a redirect off the source's domains end in the request's errback with
  that reason (so the page is counted as failed), and a redirect is never dropped silently as
  a duplicate of a URL already asked.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.response import response_status_message

RETRY_AFTER_STATUSES = (429, 503)


def retry_after(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a `Retry-After` header asks to wait (delta-seconds or an HTTP date); None when
    absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class PoliteRetryMiddleware(RetryMiddleware):
    """Retry as Scrapy does, waiting first when the server says how long (capped)."""

    def __init__(self, settings):
        super().__init__(settings)
        self.max_wait = settings.getfloat("RETRY_AFTER_MAX", 120.0)

    async def process_response(self, request: Request, response: Response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = (
            retry_after(response.headers.get("Retry-After"))
            if response.status in RETRY_AFTER_STATUSES
            else None
        )
        again = self._retry(request, response_status_message(response.status))
        if again is None:
            return response
        if wait:
            stats = self.crawler.stats
            stats.inc_value("retry/retry_after")
            stats.inc_value("retry/retry_after_seconds", min(wait, self.max_wait))
            await asyncio.sleep(min(wait, self.max_wait))
        return again


def _host_allowed(host: str, domains: list[str]) -> bool:
    return not domains or any(host == d or host.endswith("." + d) for d in domains)


class AccountedRedirectMiddleware(RedirectMiddleware):
    """Follow redirects; refuse loops, long chains and other hosts with a reason."""

    def _redirect(self, redirected: Request, request: Request, reason) -> Request:
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in chain:
            raise IgnoreRequest(f"redirect loop: {' → '.join([*chain, redirected.url])}")
        if len(chain) > self.max_redirect_times:
            raise IgnoreRequest(f"too many redirects ({len(chain)}) from {chain[0]}")
        domains = list(getattr(self.crawler.spider, "allowed_domains", None) or [])
        host = urlsplit(redirected.url).hostname or ""
        if not _host_allowed(host, domains):
            raise IgnoreRequest(f"redirect off the site: {chain[0]} → {redirected.url}")
        out = super()._redirect(redirected, request, reason)
        # every redirect is followed once and accounted; loops are caught above, so the
        # duplicate filter must not drop it silently
        out.dont_filter = True
        return out
