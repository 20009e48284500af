"""Provenance: every fetched page goes into a WARC file with its SHA-256, and every record points
at its archive entry, because relatives and officials take obituaries down.

`ArchiveMiddleware` (a downloader middleware) writes each response as a gzip-member WARC record
and tells the spider where (`archive_ref` = "<run_id>/archive.warc.gz#<offset>", relative to the
runs folder, so it stays true wherever the archives are copied), what hash (`sha256`) and which
WARC record (`warc_record_id`, the WARC-Record-ID a citation names) it got. `schema.archive`
reads them back (`tally archive show`, `tally archive export`, the review app).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from schema.archive import RECORD_ID_HEADER, SHA_HEADER
from schema.runfolder import ARCHIVE


class ArchiveMiddleware:
    """Archive every response the spider will see (also 304s and error pages)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.fh = None
        self.writer: WARCWriter | None = None
        self.path: Path | None = None
        self.name: str | None = None  # the archive relative to the runs folder

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
        self.path = Path(run_dir) / ARCHIVE
        self.name = f"{Path(run_dir).name}/{ARCHIVE}"
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
        request.meta["archive_ref"] = f"{self.name}#{offset}"
        request.meta["sha256"] = digest
        request.meta["warc_record_id"] = record.rec_headers.get_header(RECORD_ID_HEADER)
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
