"""Two records side by side: every field a reviewer compares, each marked same, differ or
one-sided, and the text each value was read from with its span marked. Shared by the web page
and the terminal."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup, escape

from schema.records import review_columns

# (field, label) of the side-by-side table, from the record contract; then the person now
FIELDS: tuple[tuple[str, str], ...] = (
    *((c.name, c.label or c.name) for c in review_columns()),
    ("removed_at", "Removed from its page"),
    ("person_id", "Person now"),
)


def spans_of(raw: Any) -> dict[str, tuple[int, int]]:
    """The record's field → (start, end) in its context (stored as JSON, sometimes twice)."""
    value = raw
    for _ in range(3):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                return {}
    if not isinstance(value, dict):
        return {}
    out = {}
    for name, span in value.items():
        if (
            isinstance(span, list | tuple)
            and len(span) == 2
            and all(isinstance(x, int) for x in span)
        ):
            out[name] = (span[0], span[1])
    return out


def marked_context(record: dict[str, Any]) -> Markup:
    """The text the record was read from, each value's span marked, everything escaped."""
    text = record.get("context") or ""
    if not text:
        return Markup("")
    spans = sorted(
        ((s, e, name) for name, (s, e) in spans_of(record.get("spans")).items() if 0 <= s < e),
        key=lambda x: (x[0], -x[1]),
    )
    out, at = [], 0
    for start, end, name in spans:
        if start < at or end > len(text):
            continue  # overlapping a span already marked (region and settlement from one word)
        out.append(escape(text[at:start]))
        out.append(Markup('<mark title="{0}">{1}</mark>').format(name, escape(text[start:end])))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def compare(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of the side-by-side table, each marked same, differ or one-sided."""
    rows = []
    for key, label in FIELDS:
        x, y = a.get(key), b.get(key)
        if x in (None, "") and y in (None, ""):
            state = "empty"
        elif x in (None, "") or y in (None, ""):
            state = "one"
        elif str(x).casefold().replace("ё", "е") == str(y).casefold().replace("ё", "е"):
            state = "same"
        else:
            state = "differ"
        rows.append({"key": key, "label": label, "a": x, "b": y, "state": state})
    return rows
