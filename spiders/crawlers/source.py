"""The one spider: it reads a source config, makes the requests, and hands every response to
`parse_page`. Every request ends as a page row: parsed, rejected (why) or failed (why)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from spiders.config import SourceConfig, find_source
from spiders.pages import parse_page


def now_iso() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


class SourceSpider(scrapy.Spider):
    name = "source"

    def __init__(
        self,
        source: str,
        base_url: str | None = None,
        run_dir: str | None = None,
        today: str | None = None,
        sources_dir: str | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        from pathlib import Path

        config: SourceConfig = find_source(source, [Path(sources_dir)] if sources_dir else None)
        if base_url:
            config = config.with_base(base_url if base_url.endswith("/") else base_url + "/")
        self.config = config
        self.allowed_domains = list(config.allowed_domains)
        self.start_urls = list(config.start_urls)
        self.run_dir = run_dir
        self.today = today

    async def start(self):
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed)

    def start_requests(self) -> Iterator[scrapy.Request]:  # Scrapy < 2.13
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        fetched_at = now_iso()
        if not hasattr(response, "text") and not response.body.lstrip().startswith(b"<"):
            yield self._page(
                response.url,
                "failed",
                f"not an HTML page ({response.headers.get('Content-Type', b'').decode()})",
                response.status,
                fetched_at,
                response,
            )
            return
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        result = parse_page(
            self.config,
            response.body,
            response.url,
            fetched_at=fetched_at,
            content_type=content_type,
            spider=self.name,
        )
        archive_ref = response.meta.get("archive_ref")
        for record in result.records:
            record["archive_ref"] = archive_ref
            record["page_sha256"] = response.meta.get("sha256")
            yield {"_type": "record", **record}
        for reject in result.rejects:
            yield {"_type": "reject", **reject}
        yield self._page(
            response.url,
            result.status,
            result.reason,
            response.status,
            fetched_at,
            response,
            n_records=len(result.records),
        )
        for link in result.links:
            yield response.follow(link, callback=self.parse, errback=self.failed)

    def failed(self, failure: Failure) -> Iterator[dict]:
        request = failure.request
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = f"HTTP {status}"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"[:300]
        yield self._page(request.url, "failed", reason, status, now_iso(), None)

    def _page(
        self,
        url: str,
        status: str,
        reason: str | None,
        http_status: int | None,
        fetched_at: str,
        response: Response | None,
        n_records: int = 0,
    ) -> dict:
        meta = response.meta if response is not None else {}
        return {
            "_type": "page",
            "source": self.config.name,
            "url": url,
            "status": status,
            "reason": reason,
            "http_status": http_status,
            "n_records": n_records,
            "sha256": meta.get("sha256"),
            "archive_ref": meta.get("archive_ref"),
            "fetched_at": fetched_at,
        }
