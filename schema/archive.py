"""Reading the archive a crawl keeps in its run folder: every response as fetched, in a WARC
file, each with its SHA-256 and its WARC-Record-ID. Records point at their page's capture by
`archive_ref`, "<run_id>/archive.warc.gz#<offset>": relative to the runs folder, so a reference
stays true when the runs folder moves or its archives are copied beside the published snapshot
(`tally archive export`). Warehouses made before hold absolute references
("/home/x/var/runs/<run_id>/archive.warc.gz#<offset>"); those are read as they are.
`spiders.archive` writes the archive; the command line and the review app read it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from schema.runfolder import ARCHIVE

# warcio writes its own sha1 payload digest; ours, the page hash the records carry, sits beside it
SHA_HEADER = "WARC-Tally-Payload-SHA256"
RECORD_ID_HEADER = "WARC-Record-ID"


@dataclass(frozen=True)
class Capture:
    url: str
    date: str
    status: str
    sha256: str | None
    archive_ref: str
    headers: list[tuple[str, str]]
    body: bytes
    warc_record_id: str | None = None


def _capture(record, archive_ref: str, iterator: ArchiveIterator | None = None) -> Capture:
    """A WARC record as a capture; with `iterator`, `archive_ref` is the file and the offset
    is the record's."""
    body = record.content_stream().read()  # before the offset: asking for it reads past the body
    if iterator is not None:
        archive_ref = f"{archive_ref}#{iterator.get_record_offset()}"
    http = record.http_headers
    return Capture(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        date=record.rec_headers.get_header("WARC-Date"),
        status=http.get_statuscode() if http else "",
        sha256=record.rec_headers.get_header(SHA_HEADER),
        archive_ref=archive_ref,
        headers=list(http.headers) if http else [],
        body=body,
        warc_record_id=record.rec_headers.get_header(RECORD_ID_HEADER),
    )


def _split(archive_ref: str) -> tuple[str, int]:
    path, sep, offset = archive_ref.rpartition("#")
    if not sep or not path or not offset.isdigit():
        raise ValueError(f"not an archive reference (FILE#OFFSET): {archive_ref!r}")
    return path, int(offset)


def archive_file(archive_ref: str) -> str:
    """The archive's file relative to the runs folder, "<run_id>/archive.warc.gz", also for an
    absolute reference made before (its last two path parts: the run folder and the file)."""
    path, _ = _split(archive_ref)
    return "/".join(path.replace("\\", "/").split("/")[-2:])


def relative_ref(archive_ref: str) -> str:
    """The reference relative to the runs folder: "<run_id>/archive.warc.gz#<offset>"."""
    return f"{archive_file(archive_ref)}#{_split(archive_ref)[1]}"


def resolve(archive_ref: str, runs_dir: Path | str | None = None) -> tuple[Path, int]:
    """The file and offset a reference points at. A relative reference is read against
    `runs_dir` (the runs folder, or a copy of its archives); an absolute one as it is, or, when
    it is gone (the runs folder moved), under `runs_dir`."""
    path, offset = _split(archive_ref)
    file = Path(path)
    if not file.is_absolute():
        if runs_dir is None:
            raise ValueError(f"{archive_ref!r} is relative to a runs folder: name the folder")
        return Path(runs_dir) / file, offset
    if runs_dir is not None and not file.exists():
        moved = Path(runs_dir) / archive_file(archive_ref)
        if moved.exists():
            return moved, offset
    return file, offset


def _record_at(fh, offset: int, archive_ref: str):
    fh.seek(offset)
    try:
        return next(iter(ArchiveIterator(fh)))
    except (StopIteration, ArchiveLoadFailed) as exc:
        raise ValueError(f"no WARC record at {archive_ref!r}") from exc


def read_capture(archive_ref: str, runs_dir: Path | str | None = None) -> Capture:
    """The capture an `archive_ref` points at (see `resolve` for where it is looked for)."""
    path, offset = resolve(archive_ref, runs_dir)
    with path.open("rb") as fh:
        return _capture(_record_at(fh, offset, archive_ref), archive_ref)


def read_record_id(archive_ref: str, runs_dir: Path | str | None = None) -> str | None:
    """The WARC-Record-ID of the capture a reference points at (its headers only)."""
    path, offset = resolve(archive_ref, runs_dir)
    with path.open("rb") as fh:
        return _record_at(fh, offset, archive_ref).rec_headers.get_header(RECORD_ID_HEADER)


def _captures(path: Path, runs_dir: Path) -> Iterator[Capture]:
    name = path.relative_to(runs_dir).as_posix()
    with path.open("rb") as fh:
        iterator = ArchiveIterator(fh)
        for record in iterator:
            if record.rec_type != "response":
                continue
            yield _capture(record, name, iterator)


def find_captures(url: str, runs_dir: Path | str) -> list[Capture]:
    """Every archived capture of a URL under the run folders (or a copy of their archives),
    newest first; each `archive_ref` relative to `runs_dir`."""
    runs_dir = Path(runs_dir)
    found = []
    for path in sorted(
        runs_dir.glob(f"*/{ARCHIVE}"), key=lambda p: p.stat().st_mtime, reverse=True
    ):
        found.extend(c for c in _captures(path, runs_dir) if c.url == url)
    return sorted(found, key=lambda c: c.date, reverse=True)


def all_archives(runs_dir: Path | str) -> list[str]:
    """Every run's archive, relative to the runs folder."""
    return sorted(p.relative_to(runs_dir).as_posix() for p in Path(runs_dir).glob(f"*/{ARCHIVE}"))


@dataclass
class Exported:
    copied: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    bytes_copied: int = 0


def export_archives(files: Iterable[str], runs_dir: Path | str, out_dir: Path | str) -> Exported:
    """Copy archives (names relative to the runs folder, "<run_id>/archive.warc.gz") into
    `out_dir` in the same layout, so a relative `archive_ref` reads the same against the copy.
    Each file is copied whole to a temporary name and renamed; one already there at the same
    size is left (an archive only grows: a resumed crawl appends to it)."""
    runs_dir, out_dir = Path(runs_dir), Path(out_dir)
    done = Exported()
    for name in sorted(set(files)):
        src, dst = runs_dir / name, out_dir / name
        if not src.is_file():
            done.missing.append(name)
            continue
        size = src.stat().st_size
        if dst.is_file() and dst.stat().st_size == size:
            done.unchanged.append(name)
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
        done.copied.append(name)
        done.bytes_copied += size
    return done
