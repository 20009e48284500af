"""A judgements file (`tally judgements export`, one JSON object a line) read strictly: every
line is checked before anything is imported, and the first bad one is named with what is wrong
with it, so a file that is half right never lands half imported."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

REQUIRED = ("uid", "record_a", "record_b", "verdict", "reviewer", "created_at")
OPTIONAL = ("note", "origin", "deleted_at", "deleted_by", "replaced_by", "decision", "warning")
KNOWN = {*REQUIRED, *OPTIONAL, "id"}  # `id` is this database's row number: ignored


class BadJudgement(ValueError):
    """A line of a judgements file that cannot be imported; says which and why."""


def read_judgements(path: Path | str, verdicts: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every line of the file as the fields of a judgement; BadJudgement on the first bad
    line (its number in the message). `verdicts`: the ones the store knows."""
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = Path(path).read_bytes()[: exc.start].count(b"\n") + 1
        raise BadJudgement(f"{path}: line {line}: not UTF-8 text") from exc
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(judgement_fields(line, verdicts))
        except BadJudgement as exc:
            raise BadJudgement(f"{path}: line {n}: {exc}") from None
    return rows


def judgement_fields(line: str, verdicts: tuple[str, ...]) -> dict[str, Any]:
    """One line's judgement: text fields checked, `note` and `origin` filled in."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadJudgement(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise BadJudgement(f"a judgement is a JSON object, not {type(data).__name__}")
    unknown = sorted(set(data) - KNOWN)
    if unknown:
        raise BadJudgement(f"unknown field {', '.join(unknown)}")
    for name in REQUIRED:
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            what = "missing" if value is None else f"not a non-empty text ({value!r:.40})"
            raise BadJudgement(f"{name} is {what}")
    for name in OPTIONAL:
        if data.get(name) is not None and not isinstance(data[name], str):
            raise BadJudgement(f"{name} must be text, not {type(data[name]).__name__}")
    if data["verdict"] not in verdicts:
        raise BadJudgement(f"verdict {data['verdict']!r:.40} is not one of {', '.join(verdicts)}")
    if data["record_a"] == data["record_b"]:
        raise BadJudgement(f"a record paired with itself ({data['record_a']!r:.60})")
    for name in ("created_at", "deleted_at"):
        if data.get(name) is not None:
            _timestamp(name, data[name])
    if bool(data.get("deleted_at")) != bool(data.get("deleted_by")):
        raise BadJudgement("deleted_at and deleted_by go together")
    out = {name: data.get(name) for name in (*REQUIRED, *OPTIONAL)}
    out["reviewer"] = data["reviewer"].strip()
    out["note"] = data.get("note") or ""
    out["origin"] = data.get("origin") or "import"
    out["decision"] = data.get("decision") or data["uid"]  # older files: one edge, one decision
    out["warning"] = data.get("warning") or ""
    return out


def _timestamp(name: str, value: str) -> None:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise BadJudgement(f"{name} {value!r:.40} is not an ISO date and time") from None
