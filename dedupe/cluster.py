"""Clusters from scored pairs, obeying people: a "same" decision joins, a "different" decision
keeps two whole clusters apart, and a merge that would break a decision goes to review."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class UnionFind:
    parent: list[int]
    cannot: dict[int, set[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, n: int) -> UnionFind:
        return cls(list(range(n)))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def forbid(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        self.cannot.setdefault(ri, set()).add(rj)
        self.cannot.setdefault(rj, set()).add(ri)

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if rj in self.cannot.get(ri, ()):
            return False
        if ri > rj:
            ri, rj = rj, ri
        self.parent[rj] = ri
        moved = self.cannot.pop(rj, set())
        if moved:
            self.cannot.setdefault(ri, set()).update(moved)
            for other in moved:
                peers = self.cannot[other]
                peers.discard(rj)
                peers.add(ri)
        return True


@dataclass
class Clustering:
    labels: np.ndarray  # cluster label per record (the smallest index in it)
    blocked: list[tuple[int, int, float]]  # merges a "different" decision prevented
    contradictions: list[tuple[int, int]]  # "same" decisions that a "different" one forbids


def components(n: int, edges: np.ndarray) -> np.ndarray:
    """Connected components, labelled by their smallest member, in numpy (pointer jumping)."""
    label = np.arange(n, dtype=np.int64)
    if len(edges) == 0:
        return label
    a, b = edges[:, 0].astype(np.int64), edges[:, 1].astype(np.int64)
    while True:
        ra, rb = label[a], label[b]
        differ = ra != rb
        if not differ.any():
            return label
        lo, hi = np.minimum(ra[differ], rb[differ]), np.maximum(ra[differ], rb[differ])
        np.minimum.at(label, hi, lo)
        while True:  # every node straight to its root
            nxt = label[label]
            if np.array_equal(nxt, label):
                break
            label = nxt


def cluster(
    n: int,
    pairs: np.ndarray,
    scores: np.ndarray,
    merge_at: float,
    same: list[tuple[int, int]],
    different: list[tuple[int, int]],
    joined: np.ndarray | None = None,
    conflicts: np.ndarray | None = None,
    earlier: np.ndarray | None = None,
) -> Clustering:
    """`joined` are edges that hold before any score is looked at (an earlier run's persons in
    an incremental run); `same`/`different` are people's decisions, which win over scores;
    `conflicts` are pairs the evidence says are two men (namesakes with different birth or
    death dates): no chain of merges through a third, vaguer record may join them. Merges are
    taken strongest first, so the vague record goes with the man it matches best.

    Most clusters meet none of these constraints: they are plain connected components, found
    for all records at once in numpy. Only the components that hold a conflict, a «different»
    decision or two earlier persons are rebuilt one merge at a time."""
    strong = np.flatnonzero(scores >= merge_at)
    same_edges = np.array(same, dtype=np.int64).reshape(-1, 2)
    fixed = joined if joined is not None and len(joined) else np.zeros((0, 2), dtype=np.int64)
    coarse = components(n, np.concatenate([fixed, pairs[strong], same_edges]))
    troubled = np.zeros(n, dtype=bool)  # by component label
    for group in (conflicts, np.array(different, dtype=np.int64).reshape(-1, 2)):
        if group is not None and len(group):
            inside = coarse[group[:, 0]] == coarse[group[:, 1]]
            troubled[coarse[group[inside, 0]]] = True
    if earlier is not None and earlier.any():
        # two earlier persons in one component: an incremental run must not join them
        before = components(n, fixed)
        old = np.flatnonzero(earlier)
        codes = np.unique(np.stack([coarse[old], before[old]], axis=1), axis=0)
        per_component = np.bincount(codes[:, 0], minlength=n)
        troubled[per_component > 1] = True
    if not troubled.any():
        return Clustering(coarse, [], [])
    careful = troubled[coarse]
    keep = careful[pairs[strong, 0]]
    strong = strong[keep]
    labels = coarse.copy()
    result = _careful(
        n,
        pairs[strong],
        scores[strong],
        [p for p in same if careful[p[0]]],
        [p for p in different if careful[p[0]]],
        fixed[careful[fixed[:, 0]]] if len(fixed) else fixed,
        _inside(conflicts, coarse, careful),
        earlier,
        np.flatnonzero(careful),
    )
    labels[result.nodes] = result.labels
    return Clustering(labels, result.blocked, result.contradictions)


def _inside(edges: np.ndarray | None, coarse: np.ndarray, careful: np.ndarray) -> np.ndarray | None:
    """The edges within one troubled component (others cannot be joined by any merge)."""
    if edges is None or not len(edges):
        return None
    a, b = edges[:, 0], edges[:, 1]
    return edges[careful[a] & (coarse[a] == coarse[b])]


@dataclass
class _Careful:
    nodes: np.ndarray
    labels: np.ndarray
    blocked: list[tuple[int, int, float]]
    contradictions: list[tuple[int, int]]


def _careful(
    n: int,
    merge: np.ndarray,
    merge_scores: np.ndarray,
    same: list,
    different: list,
    fixed: np.ndarray,
    conflicts: np.ndarray | None,
    earlier: np.ndarray | None,
    nodes: np.ndarray,
) -> _Careful:
    """One merge at a time, strongest first, over the troubled components' records."""
    uf = UnionFind.of(n)
    for i, j in different:
        uf.forbid(i, j)
    human_blocks = len(different)
    contradictions = []
    for i, j in same:
        if not uf.union(i, j):
            contradictions.append((i, j))
    # the evidence keeps namesakes apart, but never against a person's «same»
    for i, j in conflicts.tolist() if conflicts is not None else ():
        if uf.find(i) != uf.find(j):
            uf.forbid(i, j)
    for i, j in fixed.tolist():
        uf.union(i, j)
    # roots of the earlier persons: an incremental run adds to them, never joins two of them
    old: set[int] = (
        {uf.find(int(i)) for i in nodes[earlier[nodes]]} if earlier is not None else set()
    )
    blocked = []
    order = np.argsort(-merge_scores, kind="stable")
    for k in order.tolist():
        i, j = int(merge[k, 0]), int(merge[k, 1])
        ri, rj = uf.find(i), uf.find(j)
        if ri != rj and ri in old and rj in old:
            continue  # an incremental run never joins two earlier persons through a new record
        if not uf.union(i, j):
            if human_blocks:
                blocked.append((i, j, float(merge_scores[k])))
        elif ri in old or rj in old:
            old.add(uf.find(i))
    labels = np.fromiter((uf.find(int(i)) for i in nodes), dtype=np.int64, count=len(nodes))
    return _Careful(nodes, labels, blocked, contradictions)
