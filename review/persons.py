"""Decisions about persons, not record pairs: each is ONE decision in the store
(`Store.decide_edges`), kept, exported and taken back whole, and the next dedupe run obeys all
of its edges.

- merge P and Q: «same» between every record of P and every record of Q, so all of them stay
  one man whatever the scores say (one edge between two records would let the others fall out);
- P and Q are different men: «different» between every record of P and every record of Q;
- split S out of P: «same» along the records of S (they stay together) and «different» between
  each of S and each of the rest of P.

A merge that joins conflicting birth or death dates carries a warning, shown before it is
confirmed and kept with the decision."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from review.store import Judgement

DATE_FIELDS = (("birth_date", "born"), ("death_date", "died"))


def date_conflicts(records_p: list[dict[str, Any]], records_q: list[dict[str, Any]]) -> str:
    """The dates on which two persons' records disagree («born 1910 vs 1921»), or ''. A date
    and a more precise one that starts with it (1941 and 1941-07-03) agree."""
    found = []
    for field, label in DATE_FIELDS:
        ours = {str(r[field]) for r in records_p if r.get(field)}
        theirs = {str(r[field]) for r in records_q if r.get(field)}
        clash = sorted(
            (a, b) for a in ours for b in theirs if not (a.startswith(b) or b.startswith(a))
        )
        if clash:
            found.append(f"{label} {clash[0][0]} vs {clash[0][1]}")
    return "; ".join(found)


def merge_edges(ids_p: list[str], ids_q: list[str], verdict: str) -> list[tuple[str, str, str]]:
    """Every record of P against every record of Q (for «same» or «different»)."""
    return [(a, b, verdict) for a in ids_p for b in ids_q]


def split_edges(chosen: list[str], person: list[str]) -> list[tuple[str, str, str]]:
    """S together (a chain of «same»), apart from each record of the rest of P."""
    rest = [r for r in person if r not in set(chosen)]
    together = [(a, b, "same") for a, b in pairwise(sorted(chosen))]
    return together + [(s, r, "different") for s in chosen for r in rest]


def decide_persons(
    queue: Any, person_p: str, person_q: str, verdict: str, reviewer: str, note: str = ""
) -> list[Judgement]:
    """«Are P and Q one man?» answered for all their records at once (a merge when «same»)."""
    if person_p == person_q:
        raise ValueError("a person is already himself")
    records_p, records_q = queue.person_records(person_p), queue.person_records(person_q)
    if not records_p or not records_q:
        raise KeyError(f"no person {person_p if not records_p else person_q!r}")
    ids_p = [r["record_id"] for r in records_p]
    ids_q = [r["record_id"] for r in records_q]
    warning = date_conflicts(records_p, records_q) if verdict == "same" else ""
    what = "merged" if verdict == "same" else "told apart"
    return queue.store.decide_edges(
        merge_edges(ids_p, ids_q, verdict),
        reviewer,
        note or f"{what} {person_p} and {person_q}",
        "merge" if verdict == "same" else "review",
        warning,
    )


def split_records(queue: Any, record_ids: list[str] | str, reviewer: str, note: str = "") -> list:
    """Split the records `record_ids` (all of one person, not all of him) out together."""
    chosen = list(dict.fromkeys([record_ids] if isinstance(record_ids, str) else record_ids))
    found = [queue.record(r) for r in chosen]
    if not chosen or any(r is None or not r["person_id"] for r in found):
        raise KeyError(
            f"no record {next((c for c, r in zip(chosen, found, strict=True) if r is None), '')!r}"
        )
    persons = {r["person_id"] for r in found}
    if len(persons) != 1:
        raise ValueError("split records of one person at a time")
    person = persons.pop()
    everyone = [r["record_id"] for r in queue.person_records(person)]
    if len(chosen) >= len(everyone):
        raise ValueError("split out some of a person's records, not all of them")
    return queue.store.decide_edges(
        split_edges(chosen, everyone), reviewer, note or f"split out of {person}", "split"
    )


def answer_pair(
    queue: Any, record_a: str, record_b: str, verdict: str, reviewer: str, note: str = ""
) -> list[Judgement]:
    """A verdict on a question of the queue: «same» or «different» for two records of two
    persons holds for both persons whole (`decide_persons`); «unsure», or two records of one
    person (a contradiction), is a decision on that pair alone."""
    a, b = queue.record(record_a) or {}, queue.record(record_b) or {}
    pa, pb = a.get("person_id"), b.get("person_id")
    if verdict != "unsure" and pa and pb and pa != pb:
        return decide_persons(queue, pa, pb, verdict, reviewer, note)
    return [queue.store.decide(record_a, record_b, verdict, reviewer, note)]
