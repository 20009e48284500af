"""Why dedupe asks: each field's level and the weight it adds (from dedupe's config), the rest
of the score (the prior for the list's size, how rare the names are, and the limit of a crowd
of one name: `dedupe.crowds`), and the score against the thresholds of merging and of asking.
The levels are those `dedupe`'s `Levels.explain` wrote in the pair's reasons («surname exact;
birth conflict»)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dedupe.config import Config, load_config


@dataclass
class Line:
    field: str
    level: str
    weight: float | None  # None: a level the config does not know (reasons in other words)


@cache
def _config() -> Config:
    return load_config()


def explain(reasons: str, score: float, config: Config | None = None) -> dict:
    """The lines of the evidence table, the rest of the score, and the thresholds."""
    cfg = config or _config()
    lines = []
    for part in (reasons or "").split(";"):
        words = part.split()
        if len(words) != 2:
            continue
        field, level = words
        lines.append(Line(field, level, cfg.weights.get(field, {}).get(level)))
    known = [ln.weight for ln in lines if ln.weight is not None]
    return {
        "lines": lines,
        "rest": round(score - sum(known), 2) if lines and len(known) == len(lines) else None,
        "merge": cfg.merge,
        "review": cfg.review,
        "verdict": "merged without asking"
        if score >= cfg.merge
        else "asked"
        if score >= cfg.review
        else "kept apart",
    }
