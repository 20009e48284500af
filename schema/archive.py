"""Reading the archive a crawl keeps in its run folder: every response as fetched, in a WARC
file, each with its SHA-256. Records point at their page's capture by `archive_ref`
("<file>#<offset>"). `spiders.archive` writes it; the command line and the review app read it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from schema.runfolder import ARCHIVE

# warcio writes its own sha1 payload digest; ours, the page hash the records carry, sits beside it
SHA_HEADER = "WARC-Tally-Payload-SHA256"


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
        Path(runs_dir).glob(f"*/{ARCHIVE}"), key=lambda p: p.stat().st_mtime, reverse=True
    ):
        found.extend(c for c in _captures(path) if c.url == url)
    return sorted(found, key=lambda c: c.date, reverse=True)
