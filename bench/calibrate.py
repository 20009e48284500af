"""Estimate dedupe's weights and thresholds from the stand-in world's truth.

The stand-in world is `sandbox.records`' harsh noise (its default): our own bench must not be
kinder than held-out lists. For every field and level, the weight is log2(m / u): m the share of candidate pairs of one
man at that level, u the share of random pairs of different men (smoothed, clipped). The prior
is the log-odds that two records at random are one man, (r−1)/n for n records: r, records per
person, is estimated here. The merge threshold is the one that gives the best
F1 over record pairs after clustering; the review threshold is where a pair is still one man
once in twenty. Prints a `config.toml` to review and commit by hand.

    .venv/bin/python bench/calibrate.py --people 6000 --seed 11
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# bench/ holds scripts named like tally's packages (dedupe.py): keep it off the import path
HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if p and Path(p).resolve() != HERE]

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402

from dedupe.blocking import candidate_pairs  # noqa: E402
from dedupe.cluster import cluster  # noqa: E402
from dedupe.comparisons import COMPARISONS  # noqa: E402
from dedupe.config import load_config  # noqa: E402
from dedupe.metrics import pair_metrics  # noqa: E402
from dedupe.placing import attach_unambiguous, namesake_conflicts  # noqa: E402
from dedupe.prepare import Features, prepare  # noqa: E402
from dedupe.score import levels, score  # noqa: E402

CLIP = 10.0
# The stand-in world does not make some mistakes real sources make: a death date a day off, a
# birth year off by one (an age counted from the wrong day), a region of birth beside one of
# residence, a category one source calls «volunteer» and another «regular». Its estimates for
# those levels are held inside these bounds (low, high) so the weights stay true to the field.
BOUNDS = {
    ("death", "close"): (4.0, CLIP),
    ("birth", "near_year"): (-2.0, CLIP),
    ("birth", "day_conflict"): (-6.0, CLIP),
    # an age counted a year wrong (two off by the derived year), a mistyped year of death
    ("birth", "age_near"): (-3.0, 1.0),
    ("death", "year_slip"): (2.0, 6.0),
    ("region", "different"): (-4.0, CLIP),
    # a unit's garrison region beside the home region: a lesser conflict than an unexplained one
    ("region", "garrison"): (-2.0, 0.0),
    ("unit", "different"): (-2.0, CLIP),
    ("category", "different"): (-1.5, CLIP),
    # a settlement is compared beside the region it stands for: its weight is what one town
    # adds to one region (about 3 bits on the harsh records), not the 8 it is worth alone; two
    # towns cost little (a village in one report, the district's town in another)
    ("settlement", "exact"): (0.0, 3.0),
    ("settlement", "different"): (-1.5, CLIP),
    # the stand-in world gives no call signs: held where real reports put them
    ("call_sign", "same"): (5.0, 8.0),
    ("call_sign", "different"): (-CLIP, -4.0),
    # a rank a grade apart is a promotion as often as another man; two far apart, two men
    ("rank", "exact"): (0.5, 3.0),
    ("rank", "near"): (-1.5, 0.5),
    ("rank", "different"): (-CLIP, -2.0),
    ("rank", "far"): (-CLIP, -6.0),
    ("given", "close"): (1.0, CLIP),
    ("patronymic", "close"): (1.0, CLIP),
    ("gender", "conflict"): (-CLIP, -8.0),
    # the harsh records' given names slip further than a letter (and the loose reader guesses
    # some): brothers of one patronymic must still stay two men
    ("given", "different"): (-CLIP, -CLIP),
}


def labelled_data(people: int, seed: int) -> tuple[pa.Table, np.ndarray]:
    """Records of both kinds tally meets: what its own spiders extract (the stand-in pages'
    truth) and the noisier contract data of `sandbox.records`."""
    from sandbox.records import generate_records
    from sandbox.server import Sandbox

    rows, truth = [], []
    sandbox = Sandbox(people // 2, seed)
    for n, shown in enumerate(s for site in sandbox.sites for s in site.truth()):
        if shown.expect_reject:
            continue
        row = {
            k: v
            for k, v in shown.as_dict().items()
            if k
            in ("full_name", "birth_date", "death_date", "region", "settlement", "unit", "category")
        }
        rows.append(
            {
                **{k: None if v is None else str(v) for k, v in row.items()},
                "record_id": f"s{n}",
                "source": shown.site,
                "age": shown.age,
            }
        )
        truth.append(f"sandbox:{shown.pid}")
    generated = generate_records(people // 2, seed + 1)
    truth += [f"generated:{p}" for p in generated.column("true_person").to_pylist()]
    generated = generated.drop_columns(["true_person"])
    table = pa.concat_tables([pa.Table.from_pylist(rows, schema=generated.schema), generated])
    return table, np.array(truth, dtype=object)


def true_pairs(truth: np.ndarray, cap: int = 10) -> np.ndarray:
    """Every pair of records of one man (the first `cap` records of each), as index pairs."""
    _, person = np.unique(truth.astype(str), return_inverse=True)
    order = np.argsort(person, kind="stable")
    cuts = np.flatnonzero(np.r_[True, person[order][1:] != person[order][:-1], True])
    out = []
    for k in range(len(cuts) - 1):
        members = order[cuts[k] : cuts[k + 1]][:cap]
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                out.append((members[x], members[y]))
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def random_pairs(truth: np.ndarray, count: int, seed: int) -> np.ndarray:
    """Random pairs of records of different men: what a comparison level looks like by chance."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, len(truth), count)
    b = rng.integers(0, len(truth), count)
    keep = (a != b) & (truth[a] != truth[b])
    return np.stack([a[keep], b[keep]], axis=1)


def estimate(f: Features, truth: np.ndarray, seed: int) -> dict:
    """log2(m/u) per field and level: m over all pairs of one man, u over random pairs of
    different men (not the blocked candidates, whose fields the blocking already chose)."""
    m_lv = levels(f, true_pairs(truth)).by_field
    u_lv = levels(f, random_pairs(truth, 2_000_000, seed)).by_field
    weights = {}
    for name, c in COMPARISONS.items():
        m = np.bincount(m_lv[name], minlength=len(c.keys)) + 1.0
        u = np.bincount(u_lv[name], minlength=len(c.keys)) + 1.0
        w = np.clip(np.log2((m / m.sum()) / (u / u.sum())), -CLIP, CLIP)
        weights[name] = {
            key: round(float(np.clip(w[k], *BOUNDS.get((name, key), (-CLIP, CLIP)))), 2)
            for k, key in enumerate(c.keys)
        }
        weights[name]["unknown"] = 0.0  # silence says nothing either way
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    table, truth = labelled_data(args.people, args.seed)
    f = prepare(table)
    pairs = candidate_pairs(f)
    weights = estimate(f, truth, args.seed)
    match = truth[pairs[:, 0]] == truth[pairs[:, 1]]
    # r − 1 = Σc(c−1)/Σc over the true persons' record counts c
    _, counts = np.unique(truth.astype(str), return_counts=True)
    per_person = round(1.0 + float(np.sum(counts * (counts - 1.0)) / counts.sum()), 2)
    base = load_config()
    cfg = type(base)(
        merge=base.merge,
        review=base.review,
        attach=base.attach,
        tf_cap=base.tf_cap,
        records_per_person=per_person,
        weights=weights,
    )
    scores, lv = score(f, pairs, cfg)
    conflicts = pairs[namesake_conflicts(lv)]
    best = (-1.0, 0.0, 0.0)
    for threshold in np.arange(-6.0, 6.0, 0.25):
        labels = cluster(len(f), pairs, scores, threshold, [], [], conflicts=conflicts).labels
        for attach in np.arange(threshold, threshold - 8.0, -0.5):
            joined = attach_unambiguous(labels, pairs, scores, attach, conflicts)
            metrics = pair_metrics(joined, truth)
            best = max(best, (round(metrics.f1, 4), float(threshold), float(attach)))
    merge, attach = best[1], best[2]
    review = merge
    for threshold in np.arange(merge, merge - 12.0, -0.25):
        near = (scores >= threshold - 0.25) & (scores < threshold)
        if near.any() and match[near].mean() < 0.05:
            break
        review = float(threshold)
    print(
        f"# {len(f)} records, {len(pairs)} candidate pairs ({int(match.sum())} of one man); "
        f"best F1 {best[0]:.4f} at merge {merge}, attach {attach}"
    )
    print(
        f"[thresholds]\nmerge = {merge}\nreview = {review}\nattach = {attach}\n"
        f"tf_cap = {base.tf_cap}\nrecords_per_person = {per_person}\n"
    )
    print("[weights]\n")
    for name, table_ in weights.items():
        print(f"[weights.{name}]")
        for level, value in table_.items():
            print(f"{level} = {value}")
        print()


if __name__ == "__main__":
    main()
