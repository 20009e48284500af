"""dedupe_records: the whole stage as one call."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dedupe.blocking import candidate_pairs
from dedupe.cluster import cluster
from dedupe.config import Config, load_config
from dedupe.ids import assign_ids
from dedupe.persons import summarise
from dedupe.prepare import prepare
from dedupe.score import score_pairs

SAME, DIFFERENT = "same", "different"


@dataclass
class ReviewPair:
    record_a: str
    record_b: str
    score: float
    reasons: str


@dataclass
class DedupeResult:
    assignment: dict[str, str]  # record_id -> person_id
    review: list[ReviewPair]
    persons: dict[str, dict[str, Any]] = field(default_factory=dict)
    contradictions: list[tuple[str, str]] = field(default_factory=list)
    pairs_compared: int = 0


def dedupe_records(
    records: list[dict[str, Any]],
    *,
    judgements: list[tuple[str, str, str]] | None = None,
    previous: dict[str, str] | None = None,
    config: Config | Path | str | None = None,
    summarise_persons: bool = True,
) -> DedupeResult:
    """Cluster records into persons.

    `judgements` are (record_a, record_b, "same"|"different") decisions people made; every one
    is obeyed and no decided pair is asked again. `previous` maps record ids to the person ids
    of the last run, so ids stay stable."""
    cfg = config if isinstance(config, Config) else load_config(config)
    features = prepare(records)
    index = {rid: i for i, rid in enumerate(features.record_id)}
    pairs = candidate_pairs(features)
    scores, reasons = score_pairs(features, pairs, cfg.weights)

    same, different, decided = [], [], set()
    for a, b, verdict in judgements or []:
        if a in index and b in index:
            key = (min(index[a], index[b]), max(index[a], index[b]))
            decided.add(key)
            (same if verdict == SAME else different if verdict == DIFFERENT else []).append(key)
    # records with no usable name are never merged with anything
    unusable = [i for i, n in enumerate(features.names) if not n.usable]
    result = cluster(len(features), pairs, scores, cfg.merge, same, different)
    labels = result.labels
    for i in unusable:
        labels[i] = -(i + 1)

    review = []
    for k in range(len(pairs)):
        i, j = int(pairs[k, 0]), int(pairs[k, 1])
        if (i, j) in decided or labels[i] == labels[j] or scores[k] < cfg.review:
            continue
        if i in unusable or j in unusable:
            continue
        review.append(
            ReviewPair(
                features.record_id[i],
                features.record_id[j],
                round(float(scores[k]), 3),
                "; ".join(reasons[k]),
            )
        )
    for i, j, score in result.blocked:
        if (min(i, j), max(i, j)) not in decided and labels[i] != labels[j]:
            review.append(
                ReviewPair(
                    features.record_id[i],
                    features.record_id[j],
                    round(score, 3),
                    "a decision keeps these clusters apart",
                )
            )
    review.sort(key=lambda p: -p.score)

    clusters: dict[int, list[str]] = defaultdict(list)
    for i, label in enumerate(labels):
        clusters[int(label)].append(features.record_id[i])
    owner = assign_ids(clusters, previous or {})
    assignment = {rid: owner[label] for label, rids in clusters.items() for rid in rids}
    persons = {}
    if summarise_persons:
        by_id = {str(r["record_id"]): r for r in records}
        for label, rids in clusters.items():
            persons[owner[label]] = summarise([by_id[r] for r in rids])
    return DedupeResult(
        assignment=assignment,
        review=review,
        persons=persons,
        contradictions=[
            (features.record_id[i], features.record_id[j]) for i, j in result.contradictions
        ],
        pairs_compared=len(pairs),
    )
