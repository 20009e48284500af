"""Provenance: every fetched page goes into a WARC file with its SHA-256, and every record points
at its archive entry, because relatives and officials take obituaries down.

`ArchiveMiddleware` (a downloader middleware) writes each response as a gzip-member WARC record
and tells the spider where (`archive_ref` = "<file>#<offset>") and what hash (`sha256`) it got.
`find_captures` and `read_capture` read them back for `tally archive show URL`.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARCHIVE_NAME = "archive.warc.gz"
# warcio writes its own sha1 payload digest; ours, the page hash the records carry, sits beside it
SHA_HEADER = "WARC-Tally-Payload-SHA256"


class ArchiveMiddleware:
    """Archive every response the spider will see (also 304s and error pages)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.fh = None
        self.writer: WARCWriter | None = None
        self.path: Path | None = None

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy import signals

        mw = cls(crawler)
        crawler.signals.connect(mw.close, signal=signals.spider_closed)
        return mw

    def _open(self, spider) -> None:
        run_dir = getattr(spider, "run_dir", None)
        if not run_dir:
            raise RuntimeError("the spider needs -a run_dir=FOLDER for its archive")
        self.path = Path(run_dir) / ARCHIVE_NAME
        self.fh = self.path.open("ab")
        self.writer = WARCWriter(self.fh, gzip=True)

    def process_response(self, request, response, spider=None):
        spider = spider or self.crawler.spider
        if self.writer is None:
            self._open(spider)
        body = response.body or b""
        digest = hashlib.sha256(body).hexdigest()
        headers = [
            (k.decode("latin-1"), b", ".join(v).decode("latin-1"))
            for k, v in response.headers.items()
        ]
        status = f"{response.status} {_reason(response.status)}"
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            response.url,
            "response",
            payload=io.BytesIO(body),
            http_headers=http,
            warc_headers_dict={SHA_HEADER: digest},
        )
        offset = self.fh.tell()
        self.writer.write_record(record)
        self.fh.flush()
        request.meta["archive_ref"] = f"{self.path}#{offset}"
        request.meta["sha256"] = digest
        return response

    def close(self, spider=None, reason=None) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


@dataclass(frozen=True)
class Capture:
    url: str
    date: str
    status: str
    sha256: str | None
    archive_ref: str
    headers: list[tuple[str, str]]
    body: bytes


def _captures(path: Path) -> Iterator[Capture]:
    with path.open("rb") as fh:
        iterator = ArchiveIterator(fh)
        for record in iterator:
            if record.rec_type != "response":
                continue
            body = record.content_stream().read()
            digest = record.rec_headers.get_header(SHA_HEADER)
            yield Capture(
                url=record.rec_headers.get_header("WARC-Target-URI"),
                date=record.rec_headers.get_header("WARC-Date"),
                status=record.http_headers.get_statuscode() if record.http_headers else "",
                sha256=digest,
                archive_ref=f"{path}#{iterator.get_record_offset()}",
                headers=list(record.http_headers.headers) if record.http_headers else [],
                body=body,
            )


def read_capture(archive_ref: str) -> Capture:
    """The capture an `archive_ref` ("<file>#<offset>") points at."""
    path, _, offset = archive_ref.rpartition("#")
    with open(path, "rb") as fh:
        fh.seek(int(offset))
        record = next(iter(ArchiveIterator(fh)))
        digest = record.rec_headers.get_header(SHA_HEADER)
        return Capture(
            url=record.rec_headers.get_header("WARC-Target-URI"),
            date=record.rec_headers.get_header("WARC-Date"),
            status=record.http_headers.get_statuscode(),
            sha256=digest,
            archive_ref=archive_ref,
            headers=list(record.http_headers.headers),
            body=record.content_stream().read(),
        )


def find_captures(url: str, runs_dir: Path) -> list[Capture]:
    """Every archived capture of a URL under the run folders, newest first."""
    found = []
    for path in sorted(
        Path(runs_dir).glob(f"*/{ARCHIVE_NAME}"), key=lambda p: p.stat().st_mtime, reverse=True
    ):
        found.extend(c for c in _captures(path) if c.url == url)
    return sorted(found, key=lambda c: c.date, reverse=True)
