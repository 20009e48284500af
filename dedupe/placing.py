"""Where records go beyond the merges: a lone record joins the one person it likely belongs
to, namesakes whose dates cannot be one man's are kept apart, every pair inside a person is
checked (also pairs no block offered), and a lone record's namesakes are found for the count's
interval."""

from __future__ import annotations

import numpy as np

from dedupe.blocking import _pairs_in_groups, _spread, combine, given_or_initial, unique_pairs
from dedupe.comparisons import Birth, Death, Gender, Given, Patronymic, Surname
from dedupe.config import Config
from dedupe.prepare import Features
from dedupe.score import Levels, score


def attach_unambiguous(
    labels: np.ndarray,
    pairs: np.ndarray,
    scores: np.ndarray,
    at: float,
    forbidden: np.ndarray,
    movable: np.ndarray | None = None,
    contrary: np.ndarray | None = None,
) -> np.ndarray:
    """A record left on its own whose every likely partner (score ≥ `at`) belongs to one and
    the same person joins him: «Семёнов Олег» from a social post, with nothing else said, is
    the one Семёнов Олег the other sources know. With two candidates — namesakes — it stays
    alone (and goes to review). Two lone records that are each other's only candidate join
    too; where their pair says something against it (`contrary`: given names or dates that
    differ), only on even odds or better."""
    size = np.bincount(labels, minlength=len(labels))
    is_likely = scores >= at
    likely = pairs[is_likely]
    if not len(likely):
        return labels
    record = np.concatenate([likely[:, 0], likely[:, 1]])
    partner = labels[np.concatenate([likely[:, 1], likely[:, 0]])]
    alone = (size[labels[record]] == 1) & (partner != labels[record])
    if movable is not None:  # an incremental run moves only its new records
        alone &= movable[record]
    record, partner = record[alone], partner[alone]
    if not len(record):
        return labels
    n = np.int64(len(labels))
    pairs_rp = unique_pairs(record, partner, len(labels))
    counts = np.bincount(pairs_rp[:, 0], minlength=len(labels))
    single = pairs_rp[counts[pairs_rp[:, 0]] == 1]
    forbidden = forbidden.astype(np.int64).reshape(-1, 2)
    # (record, person) combinations a conflict or a «different» decision rules out, for the
    # lone records only (a million records have millions of conflicts among namesakes)
    lone_record = size[labels] == 1
    one, two = forbidden[:, 0], forbidden[:, 1]
    blocked = np.concatenate(
        [
            one[lone_record[one]] * n + labels[two[lone_record[one]]],
            two[lone_record[two]] * n + labels[one[lone_record[two]]],
        ]
    )
    blocked.sort()
    asked = single[:, 0] * n + single[:, 1]
    at_ = np.minimum(np.searchsorted(blocked, asked), max(len(blocked) - 1, 0))
    single = single[~(blocked[at_] == asked)] if len(blocked) else single
    out = labels.copy()
    record, person = single[:, 0], single[:, 1]
    # a lone record whose one candidate is another lone record: they are one man when each is
    # the other's only candidate, or when the other has no single candidate of its own
    target = np.full(len(labels), -1, dtype=np.int64)
    target[record] = person
    lone = size[person] == 1
    other = target[person]  # the lone candidate's own single candidate (a label), or -1
    mutual = lone & (other == labels[record])
    open_ = lone & (other == -1)
    out[record[~lone]] = person[~lone]
    out[record[open_]] = person[open_]
    # two lone records whose pair says something against it (two brothers of one patronymic
    # and region whose names and births differ) join on even odds or better: in a small list
    # the prior alone would carry them over `at`
    first = mutual & (record < person)  # the pair joins once, under the smaller label
    if first.any():
        code = np.minimum(likely[:, 0], likely[:, 1]) * n + np.maximum(likely[:, 0], likely[:, 1])
        sort = np.argsort(code)
        odds = scores[is_likely]
        if contrary is not None:
            odds = np.where(contrary[is_likely], odds, np.maximum(odds, 0.0))
        code, odds = code[sort], odds[sort]
        ask = record * n + person
        where = np.clip(np.searchsorted(code, ask), 0, max(len(code) - 1, 0))
        first &= (code[where] == ask) & (odds[where] >= 0.0)
    out[person[first]] = labels[record[first]]
    return out


CHECK_SIZE = 60  # persons up to this many records have every inner pair checked
NAMESAKES = 10  # a lone record meets at most this many records of its name for the interval


def lone_namesake_pairs(
    f: Features, labels: np.ndarray, pairs: np.ndarray, limit: int = NAMESAKES
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of each record left alone with the other records of its name (surname and given
    name, or its initial) that the candidate `pairs` lack, and the log2 of how many records
    each pair stands for: in a name of more than `limit` records a lone record meets `limit`
    of them, spread evenly over the name, each standing for its share of the rest (a lone
    «Иванов С.» may be any of a thousand)."""
    n = len(labels)
    key = np.where(f.usable, combine(f.surname, given_or_initial(f)), 0)  # the "name" key
    lone = np.bincount(labels, minlength=n)[labels] == 1
    known = np.flatnonzero(key != 0)
    order = known[np.argsort(key[known], kind="stable")]
    sk = key[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]]) if len(sk) else np.zeros(0, int)
    sizes = np.diff(np.r_[starts, len(sk)])
    group = np.repeat(np.arange(len(starts)), sizes)  # per place in `order`
    ask = np.flatnonzero(lone[order] & (sizes[group] >= 2))
    size = sizes[group[ask]]
    met = np.minimum(size - 1, limit)
    which, j = _spread(met)
    # the j-th step after the record's own place, round its name: never the record itself
    step = np.maximum((size - 1) // met, 1)[which]
    place = ask[which] - starts[group[ask[which]]]
    other = (place + 1 + j * step) % size[which]
    a, b = order[ask[which]], order[starts[group[ask[which]]] + other]
    stands = np.log2((size - 1) / met)[which].astype(np.float32)
    found = np.minimum(a, b) * np.int64(n) + np.maximum(a, b)
    keep = np.argsort(found, kind="stable")  # sorted, they are looked up quickly below
    found, stands = found[keep], stands[keep]
    have = pairs[:, 0].astype(np.int64, copy=False) * n + pairs[:, 1]
    if len(have) > 1 and not np.all(have[1:] > have[:-1]):  # candidate pairs come sorted
        have = np.sort(have)
    at = np.minimum(np.searchsorted(have, found), max(len(have) - 1, 0))
    new = ~(have[at] == found) if len(have) else np.ones(len(found), dtype=bool)
    found, stands = found[new], stands[new]
    first = np.r_[True, found[1:] != found[:-1]] if len(found) else np.zeros(0, dtype=bool)
    found, stands = found[first], stands[first]
    return np.stack([found // n, found % n], axis=1), stands


def contradicted_pairs(
    f: Features,
    labels: np.ndarray,
    cfg: Config,
    max_size: int,
    tf: dict[str, np.ndarray] | None = None,
) -> np.ndarray:
    """Pairs of records inside one person (of up to `max_size` records) that cannot be one
    man's: namesakes whose dates conflict, two patronymics that differ (two fathers: a chain
    through «Иванв Алесандр» joined Александр Глебович and Александр Вадимович), or any two
    that score below `cfg.split`. Every pair inside is scored here, also those no block
    offered: the clustering never saw them. `tf`: the run's frequency adjustments, if worked
    out already."""
    order = np.argsort(labels, kind="stable")
    sl = labels[order]
    starts = np.flatnonzero(np.r_[True, sl[1:] != sl[:-1]])
    sizes = np.diff(np.r_[starts, len(labels)])
    # all pairs of each person up to max_size records, none of a bigger one (no window)
    a, b = _pairs_in_groups(order, None, starts, sizes, max_size, 0)
    inner = np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1)
    inner_scores, lv = score(f, inner, cfg, tf)
    fathers = np.isin(
        lv.by_field["patronymic"], (Patronymic.DIFFERENT, Patronymic.INITIAL_CONFLICT)
    )
    bad = namesake_conflicts(lv, inner_scores) | fathers | (inner_scores < cfg.split)
    return inner[bad]


def contrary_levels(lv: Levels, among: np.ndarray | None = None) -> np.ndarray:
    """Pairs where a name or a date speaks against one man: a given name or initial that
    differs, births or deaths that conflict, or the gender: a boolean mask (of the pairs
    `among` marks only; the others False)."""
    by = lv.by_field
    k = np.flatnonzero(among) if among is not None else slice(None)
    out = np.zeros(len(by["given"]), dtype=bool)
    out[k] = np.isin(by["given"][k], (Given.INITIAL_CONFLICT, Given.DIFFERENT)) | _dates_conflict(
        by, k
    )
    return out


def _dates_conflict(by: dict[str, np.ndarray], k, death=True) -> np.ndarray:
    """Births or deaths (where `death`) that conflict, or the gender, of the pairs `k`."""
    birth = np.isin(by["birth"][k], (Birth.AGE_DISAGREES, Birth.DAY_CONFLICT, Birth.CONFLICT))
    died = (by["death"][k] == Death.CONFLICT) & death
    return birth | died | (by["gender"][k] == Gender.CONFLICT)


def namesake_conflicts(lv: Levels, scores: np.ndarray | None = None) -> np.ndarray:
    """Pairs with the same name whose dates cannot be one man's: a boolean mask. Deaths far
    apart are one man's with a wrong date (a report's own date written as the day of death, day
    and month swapped) beside one full date of birth, or where the pair's `scores` still give
    even odds or better; births that conflict always keep two namesakes apart."""
    by = lv.by_field
    same_name = by["surname"] == Surname.EXACT
    k = np.flatnonzero(same_name)
    same_name[k] = np.isin(by["given"][k], (Given.EXACT, Given.CLOSE, Given.INITIAL))
    k = np.flatnonzero(same_name)
    born = np.isin(by["birth"][k], (Birth.EXACT, Birth.SWAPPED))
    if scores is not None:
        born |= scores[k] >= 0
    same_name[k] = _dates_conflict(by, k, death=~born)
    return same_name
