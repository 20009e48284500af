"""dedupe_records: the whole stage as one call, full or incremental."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from dedupe import crowds, em
from dedupe.blocking import candidate_pairs
from dedupe.cluster import cluster
from dedupe.config import Config, load_config
from dedupe.ids import assign_ids
from dedupe.outlets import home_regions
from dedupe.persons import summarise
from dedupe.placing import (
    CHECK_SIZE,
    attach_unambiguous,
    contradicted_pairs,
    contrary_levels,
    lone_namesake_pairs,
    namesake_conflicts,
)
from dedupe.prepare import Features, Unread, prepare
from dedupe.score import Levels, explain_many, frequency_adjustments, score
from dedupe.uncertainty import CountInterval, in_play, run_interval

SAME, DIFFERENT = "same", "different"


@dataclass
class ReviewPair:
    record_a: str
    record_b: str
    score: float
    reasons: str
    kind: str = "uncertain"  # uncertain | blocked (a decision keeps them apart) | contradiction


@dataclass
class DedupeResult:
    assignment: dict[str, str]  # record_id -> person_id
    review: list[ReviewPair]
    persons: dict[str, dict[str, Any]] = field(default_factory=dict)
    contradictions: list[tuple[str, str]] = field(default_factory=list)
    pairs_compared: int = 0
    features: Features | None = None  # keep for the next, incremental run
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step
    model: dict[str, Any] = field(default_factory=dict)  # fitted m/u and weights per level
    # the expected count and its 95 % interval (`dedupe.uncertainty`); with want_review only
    count_interval: CountInterval | None = None
    # fields some of whose values said nothing usable (`dedupe.prepare.Unread`), of the records
    # prepared in this run: those records compared as if the field were empty
    unread: dict[str, Unread] = field(default_factory=dict)

    @property
    def people(self) -> int:
        return len(set(self.assignment.values()))


def dedupe_records(
    records: pa.Table | list[dict[str, Any]],
    *,
    judgements: list[tuple[str, str, str]] | None = None,
    previous: dict[str, str] | None = None,
    config: Config | Path | str | None = None,
    summarise_persons: bool = True,
    incremental: bool = False,
    features: Features | None = None,
    want_review: bool = True,
    scorer: Callable[[Features, np.ndarray, Config], tuple[np.ndarray, Levels]] | None = None,
) -> DedupeResult:
    """Cluster records into persons.

    `judgements` are (record_a, record_b, "same"|"different") decisions people made: every
    one is obeyed and no decided pair is asked again. `previous` maps record ids to the person
    ids of the last run, so ids stay stable. With `incremental`, only records missing from
    `previous` are compared (with each other and with the earlier persons, whose clusters are
    kept): a small fraction of a full run. `features` from an earlier run's result spare
    preparing those records again. Without `want_review`, the pairs left for people are not
    listed (a big run that only wants the persons). `scorer` replaces the scoring step: a flow
    hands it to workers (Dask), block by block."""
    cfg = config if isinstance(config, Config) else load_config(config)
    table = records if isinstance(records, pa.Table) else None
    clock = _Clock()
    unread: dict[str, Unread] = {}
    f = _features(records, features, unread)
    clock.lap("prepare")
    n = len(f)
    index = {rid: i for i, rid in enumerate(f.record_id.tolist())} if judgements else {}
    previous = previous or {}

    only = joined = None
    if incremental and previous:
        only = np.array([rid not in previous for rid in f.record_id.tolist()], dtype=bool)
        joined = _previous_edges(f, previous)
    pairs = candidate_pairs(f, only=only)
    clock.lap("block")
    # the names' frequency adjustments, once for every scoring of this run's records
    tf = frequency_adjustments(f, cfg)
    scores, levels = scorer(f, pairs, cfg) if scorer is not None else score(f, pairs, cfg, tf)
    clock.lap("score")
    # the weights fitted to this list: the run scores with them, and reports them
    fitted = em.fit(f, pairs, levels, scores, cfg)
    scores = em.rescore(scores, levels, cfg, fitted)
    cfg = replace(cfg, weights=fitted.weights)
    # namesakes whose dates cannot be one man's are kept apart (dedupe.placing)
    ruled_out = namesake_conflicts(levels, scores)
    conflicts = pairs[ruled_out]
    # a name the list holds many times merges only on what its count allows (dedupe.crowds);
    # the attach step reads the scores uncapped: it asks itself whether the name's records
    # belong to one man or to several
    limits = crowds.name_limits(f, cfg, conflicts)
    crowd = limits, tf, int(f.usable.sum())
    named, scores = scores, crowds.cap(scores, levels, pairs, cfg, *crowd)
    clock.lap("em")

    same, different, decided = [], [], set()
    for a, b, verdict in judgements or []:
        if a in index and b in index:
            i, j = sorted((index[a], index[b]))
            decided.add((i, j))
            if verdict == SAME:
                same.append((i, j))
            elif verdict == DIFFERENT:
                different.append((i, j))
    contrary = contrary_levels(levels, among=named >= cfg.attach)  # for the attach step only
    earlier = None if only is None else ~only

    def clustered(conflicts: np.ndarray):
        """The persons under these conflicts: merges, then lone records attached."""
        result = cluster(n, pairs, scores, cfg.merge, same, different, joined,
                         conflicts=conflicts, earlier=earlier)  # fmt: skip
        forbidden = np.concatenate([conflicts, np.array(different, dtype=np.int64).reshape(-1, 2)])
        return result, attach_unambiguous(
            result.labels, pairs, named, cfg.attach, forbidden, movable=only, contrary=contrary
        )

    result, labels = clustered(conflicts)
    # a chain through vaguer records can join two men whose own records were never compared
    # (Виктор and Виталий Дорохов through «Витя Дорохов»): every pair inside a person is
    # checked, and a person that holds two records which cannot be one man's is clustered
    # again, strongest merges first, with them kept apart
    hidden = contradicted_pairs(f, labels, cfg, CHECK_SIZE, tf)
    if len(hidden):
        conflicts = np.concatenate([conflicts, hidden])
        result, labels = clustered(conflicts)
    clock.lap("cluster")

    def interval_of() -> CountInterval:
        # a lone record's namesakes that no block offered it (a crowd's window, a record with
        # no field in common with them) may still be its man: the interval asks them too
        unseen, stands = lone_namesake_pairs(f, labels, pairs)
        unseen_scores, unseen_levels = score(f, unseen, cfg, tf)
        unseen_apart = namesake_conflicts(unseen_levels, unseen_scores)  # as the run's pairs
        unseen_scores = crowds.cap(unseen_scores, unseen_levels, unseen, cfg, *crowd) + stands
        # only the pairs a draw can use are handed over (most of a big run's pairs cannot)
        keep = in_play(labels, pairs, scores, cfg.merge)
        also = in_play(labels, unseen, unseen_scores, cfg.merge)
        return run_interval(
            labels,
            np.concatenate([pairs[keep], unseen[also]]),
            np.concatenate([scores[keep], unseen_scores[also]]),
            merge=cfg.merge,
            ruled_out=np.concatenate([ruled_out[keep], unseen_apart[also]]),
            same=same,
            different=different,
            pairs_pending=0,  # filled in once the review is listed
        )

    # the interval (numpy, mostly outside the GIL) is worked out beside the review and the ids
    # (Python)
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(interval_of) if want_review else None
        review = (
            _review(f, pairs, scores, levels, labels, decided, cfg, result.blocked)
            if want_review
            else []
        )
        review[:0] = [
            ReviewPair(
                f.record_id[i],
                f.record_id[j],
                0.0,
                "people's decisions contradict each other: this «same» joins two men another "
                "decision keeps apart",
                "contradiction",
            )
            for i, j in result.contradictions
        ]
        clock.lap("review")
        clusters = _clusters(labels, f.record_id)
        owner = assign_ids(clusters, previous)
        assignment = {rid: owner[label] for label, rids in clusters.items() for rid in rids}
        clock.lap("ids")
        interval = None
        if pending is not None:
            interval = replace(pending.result(), pairs_pending=len(review))
            clock.lap("interval")  # what it took beyond the review and the ids
    persons = {}
    if summarise_persons:
        rows = table.to_pylist() if table is not None else records
        by_id = {str(r["record_id"]): r for r in rows}
        for label, rids in clusters.items():
            persons[owner[label]] = summarise([by_id[r] for r in rids])
    return DedupeResult(
        assignment=assignment,
        review=review,
        persons=persons,
        contradictions=[(f.record_id[i], f.record_id[j]) for i, j in result.contradictions],
        pairs_compared=len(pairs),
        timings=clock.laps,
        features=f,
        model=fitted.figures(),
        count_interval=interval,
        unread=unread,
    )


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._last
        self._last = now


def _features(records, cached: Features | None, unread: dict[str, Unread]) -> Features:
    """Features of the records, preparing only those the cached features lack."""
    table = records if isinstance(records, pa.Table) else None
    if cached is None:
        return prepare(records, unread)
    ids = (
        table.column("record_id").to_pylist()
        if table is not None
        else [str(r["record_id"]) for r in records]
    )
    known = {rid: i for i, rid in enumerate(cached.record_id.tolist())}
    missing = [k for k, rid in enumerate(ids) if str(rid) not in known]
    if not missing:
        return cached.take(np.array([known[str(rid)] for rid in ids], dtype=np.int64))
    fresh = prepare(
        table.take(missing) if table is not None else [records[k] for k in missing], unread
    )
    both = Features.concat([cached, fresh])
    both.home_region = home_regions(both.source, both.region)  # the outlets of the whole list
    position = {rid: i for i, rid in enumerate(both.record_id.tolist())}
    return both.take(np.array([position[str(rid)] for rid in ids], dtype=np.int64))


def _previous_edges(f: Features, previous: dict[str, str]) -> np.ndarray:
    """Edges joining the records each earlier person already had."""
    pids = [previous.get(rid) for rid in f.record_id.tolist()]
    codes = {}
    person = np.array([codes.setdefault(p, len(codes)) if p else -1 for p in pids], dtype=np.int64)
    known = np.flatnonzero(person >= 0)
    order = known[np.argsort(person[known], kind="stable")]
    same_next = person[order[1:]] == person[order[:-1]]
    return np.stack([order[:-1][same_next], order[1:][same_next]], axis=1)


def _review(f, pairs, scores, levels, labels, decided, cfg, blocked) -> list[ReviewPair]:
    """Pairs left for people: uncertain scores between clusters, merges a decision blocked,
    and contradictions — two records joined through others while they themselves say they
    are different men (A~B, A~C, but B≠C)."""
    a, b = pairs[:, 0], pairs[:, 1]
    apart = labels[a] != labels[b]
    uncertain = np.flatnonzero(apart & (scores >= cfg.review) & (scores < cfg.merge))
    together = np.flatnonzero(~apart & (scores < cfg.review))
    asked = np.concatenate([uncertain, together])
    if decided:
        ends = zip(a[asked].tolist(), b[asked].tolist(), strict=True)
        asked = asked[np.array([end not in decided for end in ends], dtype=bool)]
    kinds = ["uncertain"] * int(np.count_nonzero(apart[asked])) + ["contradiction"] * int(
        np.count_nonzero(~apart[asked])
    )
    # whole columns at once (a million records leave 200,000 pairs for people)
    out = list(
        map(
            ReviewPair,
            f.record_id[a[asked]].tolist(),
            f.record_id[b[asked]].tolist(),
            [round(x, 3) for x in scores[asked].astype(np.float64).tolist()],
            explain_many(levels, asked),
            kinds,
        )
    )
    for i, j, value in blocked:
        if (min(i, j), max(i, j)) not in decided and labels[i] != labels[j]:
            out.append(
                ReviewPair(
                    f.record_id[i],
                    f.record_id[j],
                    round(value, 3),
                    "a decision keeps these clusters apart",
                    "blocked",
                )
            )
    out.sort(key=lambda p: (p.kind != "contradiction", -p.score))
    return out


def _clusters(labels: np.ndarray, record_ids: np.ndarray) -> dict[int, list[str]]:
    if not len(labels):  # no records: no persons (an answer, not an error)
        return {}
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    cuts = np.flatnonzero(np.r_[True, sorted_labels[1:] != sorted_labels[:-1], True]).tolist()
    ids = record_ids[order].tolist()
    heads = sorted_labels[cuts[:-1]].tolist()
    return {heads[k]: ids[cuts[k] : cuts[k + 1]] for k in range(len(heads))}
