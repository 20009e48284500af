"""The one spider: it reads a source config, makes the requests, and hands every response to
`parse_page`. Every request ends as a page row: parsed, rejected (why) or failed (why).

Accounted: the spider keeps every URL it asked for and every URL a page row accounts for; when
it closes, the run summary says how many were asked and which (if any) never ended anywhere,
and a crawl whose accounting does not close is not complete.

Incremental: given the previous crawl's page state it asks leaf pages "changed since?" and
recognises an unchanged page by its hash, re-reading neither. Resumable without trusting a
queue: a run folder that already holds pages (a crawl killed midway, or retried) is walked again
from the start URLs, and record pages it already read are not fetched again; pages that failed
are asked again.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit, urlunsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from schema.archive import read_capture
from schema.runfolder import PREVIOUS, RunFolder
from spiders.config import SourceConfig, find_source, project_window
from spiders.pages import PageResult, parse_page


def now_iso() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _same_site(old: SplitResult, new: SplitResult) -> bool:
    """One site at another address: a port or scheme changed (the stand-in site on another
    port, http→https), or a `www.` came or went."""
    a, b = (old.hostname or "").removeprefix("www."), (new.hostname or "").removeprefix("www.")
    return a == b or (a in _LOOPBACK and b in _LOOPBACK)


def rebased(previous: dict[str, dict], start_url: str) -> dict[str, dict]:
    """The last crawl's pages at the site's address today: a page remembered as
    `http://127.0.0.1:46815/news/1.html` is asked as `http://127.0.0.1:38917/news/1.html` when
    the site moved (records are known by path and query, never by host or port, so they
    stay the same records)."""
    site = urlsplit(start_url)
    out: dict[str, dict] = {}
    for url, state in previous.items():
        parts = urlsplit(url)
        if parts.netloc != site.netloc and _same_site(parts, site):
            url = urlunsplit((site.scheme, site.netloc, parts.path, parts.query, parts.fragment))
        out.setdefault(url, state)
    return out


def _items(
    result: PageResult, archive_ref: str | None, sha256: str | None, warc_record_id: str | None
) -> Iterator[dict]:
    """A page's records, each pointing at the archived copy it was read from, and its
    rejects."""
    for record in result.records:
        record["archive_ref"] = archive_ref
        record["page_sha256"] = sha256
        record["warc_record_id"] = warc_record_id
        yield {"_type": "record", **record}
    for reject in result.rejects:
        yield {"_type": "reject", **reject}


def _done_pages(run_dir: RunFolder) -> set[str]:
    """URLs this run already finished (parsed or rejected) before it was stopped."""
    return {
        row["url"] for row in run_dir.rows("page") if row.get("status") in ("parsed", "rejected")
    }


class SourceSpider(scrapy.Spider):
    name = "source"
    handle_httpstatus_list = [304]

    def __init__(
        self,
        source: str,
        base_url: str | None = None,
        run_dir: str | None = None,
        today: str | None = None,
        sources_dir: str | None = None,
        project_file: str | None = None,
        reparse: str | bool = False,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        config: SourceConfig = find_source(
            source, [Path(sources_dir)] if sources_dir else None, project_window(project_file)
        )
        if base_url:
            config = config.with_base(base_url if base_url.endswith("/") else base_url + "/")
        self.config = config
        self.allowed_domains = list(config.allowed_domains)
        self.start_urls = list(config.start_urls)
        self.run_dir = run_dir
        self.today = today
        # re-read every archived record page (`--reparse`); else only those an older version
        # of the config read
        self.reparse = str(reparse).lower() in ("1", "true", "yes")
        self.reparsed = 0
        folder = RunFolder(run_dir) if run_dir else None
        previous = folder.read_json(PREVIOUS, {}) if folder else {}
        self.previous: dict[str, dict] = rebased(previous, self.start_urls[0])
        self.done = _done_pages(folder) if folder else set()
        # the accounting: every URL asked (in order), the URLs a page row accounts for, the
        # ones never fetched and why, and the record pages an earlier attempt already read
        self.asked: dict[str, None] = {}
        self.accounted: set[str] = set()
        self.skipped: dict[str, str] = {}
        self.already_done = 0
        self.callbacks = self.errbacks = 0

    def accounting(self) -> dict[str, Any]:
        """How the URLs this crawl asked for ended: each with a page row, skipped with a
        reason, or outstanding (asked, never ended anywhere: the crawl is not complete)."""
        outstanding = [u for u in self.asked if u not in self.accounted and u not in self.skipped]
        return {
            "asked": len(self.asked),
            "accounted": len(self.accounted & self.asked.keys()),
            "skipped": len(self.skipped),
            "already_done": self.already_done,
            "reparsed": self.reparsed,
            "outstanding": len(outstanding),
            "outstanding_urls": outstanding[:20],
            "callbacks": self.callbacks,
            "errbacks": self.errbacks,
        }

    def _ask(self, url: str) -> Iterator[Any]:
        """A URL not asked before in this crawl: a request, or — for a record page an older
        config read (or any, with `reparse`) — its archived copy read again, not fetched."""
        before = self.previous.get(url)
        if url in self.asked or not self._stale(url, before):
            request = self._request(url)
            if request is not None:
                yield request
            return
        self.asked[url] = None
        yield from self._read_archived(url, before)

    def _stale(self, url: str, before: dict | None) -> bool:
        return bool(
            before
            and before.get("archive_ref")
            and not before.get("n_links")
            and self.config.rule_for(url)
            and (self.reparse or before.get("config_digest") != self.config.digest)
        )

    def _read_archived(self, url: str, before: dict) -> Iterator[Any]:
        """The page as archived, read with this config: records, rejects and a page row that
        says so. A copy that cannot be read (a moved or cut archive) is fetched instead."""
        try:
            capture = read_capture(before["archive_ref"], Path(self.run_dir).parent)
        except (OSError, ValueError):
            capture = None
        if capture is None or not capture.body or not capture.status.startswith("2"):
            del self.asked[url]
            request = self._request(url)
            if request is not None:
                yield request
            return
        self.accounted.add(url)
        self.reparsed += 1
        headers = dict((k.lower(), v) for k, v in capture.headers)
        result = parse_page(
            self.config,
            capture.body,
            url,
            fetched_at=now_iso(),
            content_type=headers.get("content-type"),
            spider=self.name,
            answered_at=capture.url,
        )
        yield from _items(result, before["archive_ref"], before.get("sha256"),
                          capture.warc_record_id)  # fmt: skip
        yield self._page_row(
            url,
            result.status,
            "re-read from the archive (config changed)"
            + (f"; {result.reason}" if result.reason else ""),
            http_status=int(capture.status.split()[0]),
            n_records=len(result.records),
            sha256=before.get("sha256"),
            archive_ref=before["archive_ref"],
            fetched_at=now_iso(),
            unchanged=False,
            etag=before.get("etag"),
            last_modified=before.get("last_modified"),
            n_links=len(result.links),
            charset=result.charset,
            redirected_to=None,
        )
        for link in result.links:
            yield from self._ask(link)

    def _request(self, url: str) -> scrapy.Request | None:
        """A request for a URL not asked before in this crawl; None for one already asked."""
        if url in self.asked:
            return None
        self.asked[url] = None
        headers = {}
        before = self.previous.get(url)
        # Only leaf pages are asked "changed?": a list page must be read for its links.
        if before and not before.get("n_links") and self.config.rule_for(url):
            if before.get("etag"):
                headers["If-None-Match"] = before["etag"]
            if before.get("last_modified"):
                headers["If-Modified-Since"] = before["last_modified"]
        return scrapy.Request(url, callback=self.parse, errback=self.failed, headers=headers)

    def _first_requests(self) -> Iterator[scrapy.Request]:
        # Pages that held records last time are asked again even if no list links to them any
        # more: an obituary taken down answers 404, and its records are marked removed.
        wanted = [
            *self.start_urls,
            *(u for u in self.previous if u not in self.start_urls and self.config.rule_for(u)),
        ]
        for url in wanted:
            if url in self.done and url not in self.start_urls:
                self.already_done += 1
                continue
            yield from self._ask(url)

    async def start(self):
        for request_or_item in self._first_requests():
            yield request_or_item

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """A page, and its records, are known by the URL the crawl asked for (a page that
        moved keeps its identity and its rule; its links are read from where it answered)."""
        self.callbacks += 1
        fetched_at = now_iso()
        asked = self._account(response.request, response.url)
        before = self.previous.get(asked, {})
        if response.status == 304:
            # the page as it was: a page rejected for its layout stays rejected
            was = before.get("status") or "parsed"
            yield self._page(
                response,
                was,
                "not modified (304)" + (f"; {before['reason']}" if was == "rejected" else ""),
                fetched_at,
                unchanged=True,
                sha256=before.get("sha256"),
                archive_ref=before.get("archive_ref"),
            )
            return
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        result = parse_page(
            self.config,
            response.body,
            asked,
            fetched_at=fetched_at,
            content_type=content_type,
            spider=self.name,
            answered_at=response.url,
        )
        # the same bytes read by the same config: its records stand; a page with links (always
        # fetched for them) whose config changed is read again
        unchanged = (
            bool(before)
            and before.get("sha256") == response.meta.get("sha256")
            and before.get("config_digest") == self.config.digest
            and not self.reparse
        )
        if not unchanged:
            meta = response.meta
            yield from _items(result, meta.get("archive_ref"), meta.get("sha256"),
                              meta.get("warc_record_id"))  # fmt: skip
        yield self._page(
            response,
            result.status,
            "unchanged" if unchanged else result.reason,
            fetched_at,
            n_records=0 if unchanged else len(result.records),
            unchanged=unchanged,
            n_links=len(result.links),
            charset=result.charset,
        )
        for link in result.links:
            if link in self.done and self.config.rule_for(link):
                if link not in self.asked:
                    self.already_done += 1  # read before this crawl was stopped or retried
                    self.asked[link] = None
                    self.accounted.add(link)
                continue
            yield from self._ask(link)

    def _account(self, request: scrapy.Request | None, url: str) -> str:
        """Mark the URL first asked (before any redirect) and the one answered as ended; the
        URL first asked."""
        first = (request.meta.get("redirect_urls") or [url])[0] if request is not None else url
        self.accounted.update((first, url))
        return first

    def failed(self, failure: Failure) -> Iterator[dict]:
        request = failure.request
        first = (request.meta.get("redirect_urls") or [request.url])[0]
        if failure.check(IgnoreRequest) and "robots.txt" in failure.getErrorMessage():
            # never fetched, so not a page; the crawl stats count it (robotstxt/forbidden)
            self.skipped[first] = "robots.txt"
            return
        self.errbacks += 1
        self._account(request, request.url)
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = f"HTTP {status}"
        elif failure.check(IgnoreRequest):
            reason = failure.getErrorMessage()[:300]  # a redirect loop, off the site, …
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"[:300]
        yield self._page_row(
            first,
            "failed",
            reason,
            http_status=status,
            n_records=0,
            fetched_at=now_iso(),
            redirected_to=request.url if request.url != first else None,
        )

    def _page(
        self,
        response: Response,
        status: str,
        reason: str | None,
        fetched_at: str,
        *,
        n_records: int = 0,
        unchanged: bool = False,
        n_links: int = 0,
        charset: str | None = None,
        sha256: str | None = None,
        archive_ref: str | None = None,
    ) -> dict:
        headers = response.headers
        first = (response.request.meta.get("redirect_urls") or [response.url])[0]
        before = self.previous.get(first, {}) if unchanged else {}
        return self._page_row(
            first,
            status,
            reason,
            http_status=response.status,
            n_records=n_records,
            sha256=sha256 or response.meta.get("sha256"),
            archive_ref=archive_ref or response.meta.get("archive_ref"),
            fetched_at=fetched_at,
            unchanged=unchanged,
            etag=(headers.get("ETag") or b"").decode("latin-1") or before.get("etag"),
            last_modified=(headers.get("Last-Modified") or b"").decode("latin-1")
            or before.get("last_modified"),
            n_links=n_links,
            charset=charset,
            redirected_to=response.url if first != response.url else None,
        )

    def _page_row(self, url: str, status: str, reason: str | None, **fields: Any) -> dict:
        """A page row of this source, stamped with the config that read it."""
        return {"_type": "page", "source": self.config.name, "url": url, "status": status,
                "reason": reason, **fields, "config_digest": self.config.digest}  # fmt: skip
