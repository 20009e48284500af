"""The run folder: what one crawl (or one import) leaves for the warehouse to load.

```
<runs>/<run_id>/
    records.jsonl    one record per line (schema.records.RECORD_COLUMNS + content_hash)
    rejects.jsonl    one reject per line (REJECT_COLUMNS)
    pages.jsonl      one page row per request the crawl made (PAGE_COLUMNS)
    summary.json     the crawl's figures, written when it closes (atomically)
    previous.json    each page's state at the last crawl, as the run started (incremental)
    command.json     the command that ran the crawl
    crawl.log        Scrapy's log
    job/             Scrapy's job state (a killed crawl resumes from it)
    archive.warc.gz  every response as fetched (schema.archive)
```
The JSONL files are appended to (a resumed crawl goes on where it stopped), so a crawl killed
mid-write may leave a torn last line: readers here skip it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

RECORDS = "records.jsonl"
REJECTS = "rejects.jsonl"
PAGES = "pages.jsonl"
SUMMARY = "summary.json"
PREVIOUS = "previous.json"
COMMAND = "command.json"
LOG = "crawl.log"
JOB = "job"
ARCHIVE = "archive.warc.gz"

# the row kinds a crawl writes, and their files
FILES = {"record": RECORDS, "reject": REJECTS, "page": PAGES}


def new_run_id(kind: str, source: str | None = None) -> str:
    """A run's id and its folder's name: the kind, the source, the time, a random tail."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return f"{kind}-{source + '-' if source else ''}{stamp}-{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class RunFolder:
    path: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", Path(self.path))

    def __truediv__(self, name: str) -> Path:
        return self.path / name

    def file(self, kind: str) -> Path:
        """The JSONL file of a row kind: "record", "reject" or "page"."""
        return self.path / FILES[kind]

    def create(self) -> RunFolder:
        self.path.mkdir(parents=True, exist_ok=True)
        return self

    def appender(self, kind: str) -> IO[str]:
        """The kind's file opened for appending, line-buffered."""
        return self.file(kind).open("a", encoding="utf-8", buffering=1)

    def writer(self, kind: str) -> IO[str]:
        """The kind's file opened afresh (an import writes its files whole)."""
        return self.file(kind).open("w", encoding="utf-8")

    def write_rows(self, kind: str, rows: list[dict[str, Any]]) -> None:
        """Write a kind's whole file at once."""
        with self.writer(kind) as fh:
            for row in rows:
                fh.write(json_line(row))

    def rows(self, kind: str) -> Iterator[dict[str, Any]]:
        """Every whole row of a kind's file; a torn last line (a killed crawl) is skipped."""
        path = self.file(kind)
        if not path.exists():
            return
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.endswith("\n"):
                    return  # torn: the writer was killed mid-line
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    continue

    def count(self, kind: str) -> int:
        """Lines written so far (a progress figure: read in chunks, never parsed)."""
        path = self.file(kind)
        if not path.exists():
            return 0
        with path.open("rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))

    def complete_file(self, kind: str) -> Path | None:
        """The kind's file without a torn last line, for a bulk reader (DuckDB's read_json):
        the file itself, a trimmed copy beside it, or None when it holds no whole line."""
        path = self.file(kind)
        if not path.exists() or path.stat().st_size == 0:
            return None
        with path.open("rb") as fh:  # the last byte tells; a big file is not read for it
            fh.seek(-1, 2)
            if fh.read(1) == b"\n":
                return path
        data = path.read_bytes()
        cut = data.rfind(b"\n")
        if cut < 0:
            return None
        whole = path.with_suffix(".complete.jsonl")
        whole.write_bytes(data[: cut + 1])
        return whole

    def read_json(self, name: str, default: Any = None) -> Any:
        path = self.path / name
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else default

    def write_json(self, name: str, data: Any) -> None:
        """Written whole or not at all (a temporary file renamed into place)."""
        tmp = self.path / f"{name}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str))
        tmp.replace(self.path / name)

    @property
    def summary(self) -> dict[str, Any]:
        """The crawl's figures; empty when it never closed (killed, or still running)."""
        return self.read_json(SUMMARY, {})


def json_line(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, default=str) + "\n"
