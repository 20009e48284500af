"""Rejects grouped by the kind of their reason, not their full text: «death date 2021-05-01 is
before the war (2022-02-24)» and «death date 1937 is before the war (2022-02-24)» are one kind,
«death date … is before the war (…)», with how many, from which sources, and an example — what a
volunteer reads to fix a config, instead of hundreds of one-date rows."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

import duckdb

_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|«[^»]*»|‘[^’]*’")
_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}T[\d:.]+\b|\b\d{4}-\d{2}(?:-\d{2})?\b|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b"
    r"|\b(?:1[6-9]|20)\d{2}\b"
)
_URL = re.compile(r"\S+://\S+")
_NUMBER = re.compile(r"(?<!HTTP )\b\d+(?:[.,]\d+)?\b")  # an HTTP status is a kind of its own


def reason_kind(reason: str | None) -> str:
    """A reason with its values taken out: quoted words, dates, URLs and numbers become «…»,
    and a value after the last colon is dropped."""
    text = reason or "?"
    text = _URL.sub("URL", text)
    text = _QUOTED.sub("…", text)
    text = _DATE.sub("…", text)
    text = _NUMBER.sub("N", text)
    text = re.sub(r":\s*…\s*$", "", text)
    return " ".join(text.split())


def rejects_by_kind(
    con: duckdb.DuckDBPyConnection, limit: int | None = None
) -> list[dict[str, Any]]:
    """Each kind of reject reason (scope and kind), the most common first: how many, from how
    many sources (the three with most), and one reason as written."""
    rows = con.execute(
        "SELECT scope, reason, source, count(*) FROM rejects GROUP BY ALL"
    ).fetchall()
    counts: Counter = Counter()
    sources: dict[tuple[str, str], Counter] = defaultdict(Counter)
    example: dict[tuple[str, str], tuple[int, str]] = {}
    for scope, reason, source, n in rows:
        key = (scope, reason_kind(reason))
        counts[key] += n
        sources[key][source] += n
        if n > example.get(key, (0, ""))[0]:
            example[key] = (n, reason)
    out = []
    for (scope, kind), n in counts.most_common(limit):
        top = sources[(scope, kind)].most_common(3)
        out.append(
            {
                "scope": scope,
                "reason": kind,
                "n": n,
                "sources": len(sources[(scope, kind)]),
                "top_sources": ", ".join(f"{s} {c:,}" for s, c in top),
                "example": example[(scope, kind)][1],
            }
        )
    return out
