"""Stable person ids: a man keeps his id across runs as records arrive, merge and split."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict


def _pid(seed: str, salt: int) -> str:
    return "P" + hashlib.sha256(f"{seed}:{salt}".encode()).hexdigest()[:12]


def mint(seed: str, taken: set[str]) -> str:
    salt = 0
    while True:
        pid = _pid(seed, salt)
        if pid not in taken:
            return pid
        salt += 1


FOUNDER_SALTS = 3  # an id minted from a record is one of its first few digests


def _founded(pid: str, record_ids: list[str]) -> bool:
    """Whether the id was minted from one of these records (a new person's id is minted from
    his first record's)."""
    return any(_pid(r, salt) == pid for r in record_ids for salt in range(FOUNDER_SALTS))


def assign_ids(
    clusters: dict[int, list[str]],
    previous: dict[str, str],
    taken: set[str] | None = None,
) -> dict[int, str]:
    """Person id per cluster. A cluster holding records of earlier persons keeps the id that
    most of its records had; a person split in two keeps his id in the part with most of his
    records, and of two equal parts in the one holding the record his id was minted from (so
    a merge undone gives both men their ids back: the other part's id is minted again from its
    own first record); a new cluster gets a new id."""
    taken = set(taken or ()) | set(previous.values())
    claims: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for label, record_ids in clusters.items() if previous else ():
        votes = Counter(previous[r] for r in record_ids if r in previous)
        for pid, count in votes.items():
            claims[pid].append((count, label))
    owner: dict[int, str] = {}
    # the biggest claims are settled first, so an id goes where most of its records went; of
    # equal claims on one id, the part holding its founding record first
    tied = {pid: max(cl)[0] for pid, cl in claims.items() if len(cl) > 1}
    tied = {pid: top for pid, top in tied.items() if sum(c == top for c, _ in claims[pid]) > 1}
    ranked = sorted(
        (
            (
                count,
                tied.get(pid) == count and _founded(pid, clusters[label]),
                -len(clusters[label]),
                pid,
                label,
            )
            for pid, cl in claims.items()
            for count, label in cl
        ),
        reverse=True,
    )
    used: set[str] = set()
    for _count, _founder_here, _size, pid, label in ranked:
        if label in owner or pid in used:
            continue
        owner[label] = pid
        used.add(pid)
    first = {label: min(record_ids) for label, record_ids in clusters.items() if label not in owner}
    for label in sorted(first, key=first.__getitem__):
        pid = mint(first[label], taken)
        taken.add(pid)
        owner[label] = pid
    return owner
