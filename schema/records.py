"""The one record contract: what a record, a reject and a page row hold, and the ids that come
from raw source values. Every stage derives its columns from here: the spiders' run files, the
warehouse loader and data dictionary, the review database and its side-by-side table.

A record is one report of one named man on one page. Each parsed value sits beside the raw text
it was read from (`<field>_raw`) and its span in `context`, so a reviewer can see the evidence and
a change in cleaning never changes an id: ids hash the raw values only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lexicon.text import clean


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    doc: str
    required: bool = False
    # how a reviewer sees the field beside the other record's, and in which group; None: not shown
    label: str | None = None
    section: str = ""


# the groups of the review's side-by-side table, in the order shown
SECTIONS = ("name", "dates", "place", "service", "source")


# The record schema. The warehouse table `records` has these columns plus bookkeeping
# (first_seen, last_seen, removed_at, runs); the publish step documents them from here.
RECORD_COLUMNS: tuple[Column, ...] = (
    Column("record_id", "VARCHAR", "Hash of source, URL and the raw name and dates", True),
    Column(
        "source",
        "VARCHAR",
        "Name of the source (its config file)",
        True,
        label="Source",
        section="source",
    ),
    Column("spider", "VARCHAR", "Spider that fetched the page", True),
    Column("url", "VARCHAR", "Page the record was read from", True),
    Column(
        "fetched_at",
        "TIMESTAMP",
        "When the page was fetched (UTC)",
        True,
        label="Fetched",
        section="source",
    ),
    Column(
        "archive_ref",
        "VARCHAR",
        "Archived copy of the page: WARC file and record offset, relative to the runs folder "
        "(<run_id>/archive.warc.gz#<offset>)",
    ),
    Column("page_sha256", "VARCHAR", "SHA-256 of the page body as fetched"),
    Column(
        "warc_record_id",
        "VARCHAR",
        "WARC-Record-ID of the archived copy (<urn:uuid:…>), the id a citation names",
    ),
    Column(
        "name_raw",
        "VARCHAR",
        "The name as written on the page",
        True,
        label="As written",
        section="name",
    ),
    Column(
        "full_name",
        "VARCHAR",
        "Dictionary form: surname, given name, patronymic",
        True,
        label="Name",
        section="name",
    ),
    Column(
        "surname", "VARCHAR", "Surname, nominative, masculine form", label="Surname", section="name"
    ),
    Column(
        "given_name",
        "VARCHAR",
        "Given name, nominative, as written (short forms kept)",
        label="Given name",
        section="name",
    ),
    Column("patronymic", "VARCHAR", "Patronymic, nominative", label="Patronymic", section="name"),
    Column("gender", "VARCHAR", "m or f, from the name's forms"),
    Column(
        "birth_date",
        "VARCHAR",
        "Birth date, ISO, possibly partial (YYYY or YYYY-MM)",
        label="Born",
        section="dates",
    ),
    Column(
        "birth_date_raw",
        "VARCHAR",
        "Birth date as written",
        label="Born, as written",
        section="dates",
    ),
    Column(
        "death_date", "VARCHAR", "Death date, ISO, possibly partial", label="Died", section="dates"
    ),
    Column(
        "death_date_raw",
        "VARCHAR",
        "Death date as written",
        label="Died, as written",
        section="dates",
    ),
    Column(
        "funeral_date", "VARCHAR", "Funeral or farewell date, ISO", label="Funeral", section="dates"
    ),
    Column("funeral_date_raw", "VARCHAR", "Funeral date as written"),
    Column(
        "published_date",
        "VARCHAR",
        "Publication date of the page, ISO",
        label="Published",
        section="source",
    ),
    Column("age", "INTEGER", "Age at death as written or derived", label="Age", section="dates"),
    Column("age_raw", "VARCHAR", "Age as written"),
    Column(
        "settlement", "VARCHAR", "Home settlement, nominative", label="Settlement", section="place"
    ),
    Column("settlement_raw", "VARCHAR", "Settlement as written"),
    Column(
        "region",
        "VARCHAR",
        "Home region code (ISO 3166-2:RU style, e.g. BA, KEM, UA-43)",
        label="Region",
        section="place",
    ),
    Column(
        "region_raw", "VARCHAR", "Region as written", label="Region, as written", section="place"
    ),
    Column(
        "unit",
        "VARCHAR",
        "Military unit, canonical short form (36 омсбр, в/ч 06705)",
        label="Unit",
        section="service",
    ),
    Column("unit_raw", "VARCHAR", "Unit as written", label="Unit, as written", section="service"),
    Column("rank", "VARCHAR", "Rank, nominative", label="Rank", section="service"),
    Column("rank_raw", "VARCHAR", "Rank as written"),
    Column(
        "category",
        "VARCHAR",
        "volunteer, mobilized, prisoner, regular, conscript, pmc, ...",
        label="Category",
        section="service",
    ),
    Column(
        "category_raw",
        "VARCHAR",
        "The words the category was read from",
        label="Category, from",
        section="service",
    ),
    Column("context", "VARCHAR", "The text block the values were read from"),
    Column("spans", "JSON", "field -> [start, end] of its raw text in context"),
    Column(
        "duplicate_of",
        "VARCHAR",
        "The record this one repeats word for word on the same page or list (kept apart: the "
        "page lists a man twice, or two namesakes only its order tells apart)",
    ),
    Column(
        "distinct_person",
        "BOOLEAN",
        "A row of an already merged list (tally import --as-persons): one man, never merged",
    ),
)
RECORD_FIELDS: tuple[str, ...] = tuple(c.name for c in RECORD_COLUMNS)
REQUIRED_FIELDS: frozenset[str] = frozenset(c.name for c in RECORD_COLUMNS if c.required)

# Values that define what the record says; a change in any of them is an update. Where and how
# it was read (the fetch, the archived copy, the text block) are not among them.
_NOT_CONTENT = frozenset(
    {"record_id", "fetched_at", "archive_ref", "page_sha256", "warc_record_id", "spider", "context"}
)
CONTENT_FIELDS: tuple[str, ...] = tuple(f for f in RECORD_FIELDS if f not in _NOT_CONTENT)


def _digest(*parts: Any) -> str:
    payload = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def url_key(url: str) -> str:
    """The part of a URL that names a page on its site: path and query. Scheme, host and port
    are left out, so the same site served elsewhere (http→https, a `www.`, the stand-in site on
    another port) keeps its records' ids. A URL without a host (`import:list.csv`) is kept
    whole."""
    parts = urlsplit(url)
    if not parts.netloc:
        return url
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def record_id(source: str, url: str, name_raw: str, *raw_values: str | None) -> str:
    """Id of a record: a hash of the source, the page (`url_key`) and the raw values as
    written, never of cleaned ones. Two identical entries on one page get one id here;
    `tell_apart` numbers them."""
    return "r" + _digest(
        source, url_key(url), clean(name_raw), *[clean(v) if v else "" for v in raw_values]
    )


def tell_apart(records: list[dict[str, Any]], seen: dict[str, int] | None = None) -> int:
    """Identical entries of one page or list (the same raw name and dates twice: a man listed
    twice, or two namesakes the page tells apart only by position) are kept as records of their
    own: the second and later get `<id>-2`, `<id>-3`… and `duplicate_of` the first. Returns
    how many were renumbered. `seen` carries the count across calls (a list read row by row)."""
    seen = {} if seen is None else seen
    renumbered = 0
    for record in records:
        first = record["record_id"]
        n = seen.get(first, 0) + 1
        seen[first] = n
        if n > 1:
            record["record_id"] = f"{first}-{n}"
            record["duplicate_of"] = first
            renumbered += 1
    return renumbered


def reject_id(source: str, url: str, reason: str, raw: dict[str, Any]) -> str:
    return "x" + _digest(source, url, reason, sorted(raw.items()))


def content_hash(record: dict[str, Any]) -> str:
    return _digest(*[record.get(f) for f in CONTENT_FIELDS])


def new_record(**values: Any) -> dict[str, Any]:
    """A record dict with every schema field present (None when unknown)."""
    unknown = set(values) - set(RECORD_FIELDS)
    if unknown:
        raise KeyError(f"not record fields: {sorted(unknown)}")
    record = dict.fromkeys(RECORD_FIELDS)
    record.update(values)
    return record


REJECT_SCOPES = ("page", "record", "field")


def new_reject(
    *,
    source: str,
    url: str,
    scope: str,
    reason: str,
    field: str | None = None,
    raw: dict | None = None,
    fetched_at: str | None = None,
) -> dict[str, Any]:
    """A reject row: a page whose layout did not match, a record rejected whole, or a field
    cleared from a record that was kept."""
    if scope not in REJECT_SCOPES:
        raise ValueError(f"reject scope must be one of {REJECT_SCOPES}, not {scope!r}")
    raw = {k: v for k, v in (raw or {}).items() if v not in (None, "")}
    return {
        "reject_id": reject_id(source, url, reason, raw),
        "source": source,
        "url": url,
        "scope": scope,
        "reason": reason,
        "field": field,
        "raw": raw,
        "fetched_at": fetched_at,
    }


# A reject row: a page whose layout did not match, a record rejected whole, or a field cleared
# from a record that was kept.
REJECT_COLUMNS: tuple[Column, ...] = (
    Column("reject_id", "VARCHAR", "Hash of source, URL, reason and the raw values", True),
    Column("source", "VARCHAR", "Name of the source", True),
    Column("url", "VARCHAR", "Page the rejected text was read from", True),
    Column("scope", "VARCHAR", "page | record | field (field cleared, record kept)", True),
    Column("reason", "VARCHAR", "Why it was rejected", True),
    Column("field", "VARCHAR", "The field at fault"),
    Column("raw", "JSON", "The raw values, as read"),
    Column("fetched_at", "TIMESTAMP", "When the page was fetched (UTC)"),
)

# A page row: every request a crawl made ends as one, parsed, rejected (why) or failed (why).
PAGE_STATUSES = ("parsed", "rejected", "failed")
PAGE_COLUMNS: tuple[Column, ...] = (
    Column("source", "VARCHAR", "Name of the source", True),
    Column("url", "VARCHAR", "Address asked for", True),
    Column("status", "VARCHAR", "parsed | rejected (layout did not match) | failed", True),
    Column("reason", "VARCHAR", "Why rejected or failed; «unchanged» for a page read before"),
    Column("http_status", "INTEGER", "HTTP status of the answer"),
    Column("n_records", "INTEGER", "Records read from the page"),
    Column("sha256", "VARCHAR", "SHA-256 of the body as fetched"),
    Column("archive_ref", "VARCHAR", "Archived copy: WARC file and record offset"),
    Column("fetched_at", "TIMESTAMP", "When it was fetched (UTC)"),
    Column("unchanged", "BOOLEAN", "Same content as the last crawl: not read again"),
    Column("etag", "VARCHAR", "The ETag it answered with"),
    Column("last_modified", "VARCHAR", "The Last-Modified it answered with"),
    Column("n_links", "INTEGER", "Links followed from it"),
    Column("charset", "VARCHAR", "The encoding its text was read in"),
    Column("redirected_to", "VARCHAR", "Where redirects took the request, when they did"),
    Column("config_digest", "VARCHAR", "SHA-256 of the source's config that read it"),
)


def column_types(columns: tuple[Column, ...]) -> dict[str, str]:
    """name → SQL type, for reading a run file with the right types."""
    return {c.name: c.type for c in columns}


def review_columns() -> tuple[Column, ...]:
    """The fields a reviewer compares side by side, grouped by section, in contract order."""
    shown = [c for c in RECORD_COLUMNS if c.label]
    return tuple(sorted(shown, key=lambda c: SECTIONS.index(c.section)))
