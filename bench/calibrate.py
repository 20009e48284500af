"""Estimate dedupe's weights and thresholds from the stand-in world's truth.

For every field and level, the weight is log2(m / u): m the share of candidate pairs of one
man at that level, u the share of pairs of different men (smoothed, clipped). The prior is the
log-odds of a candidate pair being one man. The merge threshold is the one that gives the best
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
from dedupe.cluster import components  # noqa: E402
from dedupe.config import load_config  # noqa: E402
from dedupe.metrics import pair_metrics  # noqa: E402
from dedupe.prepare import Features, prepare  # noqa: E402
from dedupe.score import FIELDS, levels, score  # noqa: E402

CLIP = 10.0


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


def estimate(f: Features, pairs: np.ndarray, truth: np.ndarray) -> tuple[float, dict]:
    match = truth[pairs[:, 0]] == truth[pairs[:, 1]]
    lv = levels(f, pairs)
    weights = {}
    for name, names in FIELDS.items():
        column = lv.by_field[name]
        m = np.bincount(column[match], minlength=len(names)) + 0.5
        u = np.bincount(column[~match], minlength=len(names)) + 0.5
        w = np.clip(np.log2((m / m.sum()) / (u / u.sum())), -CLIP, CLIP)
        weights[name] = {lvl: round(float(w[k]), 2) for k, lvl in enumerate(names)}
        weights[name]["unknown"] = 0.0  # silence says nothing either way
    prior = float(np.log2(match.sum() / max((~match).sum(), 1)))
    return round(prior, 2), weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    table, truth = labelled_data(args.people, args.seed)
    f = prepare(table)
    pairs = candidate_pairs(f)
    prior, weights = estimate(f, pairs, truth)
    base = load_config()
    cfg = type(base)(
        merge=base.merge, review=base.review, tf_cap=base.tf_cap, prior=prior, weights=weights
    )
    scores, _ = score(f, pairs, cfg)
    match = truth[pairs[:, 0]] == truth[pairs[:, 1]]
    best = (-1.0, 0.0)
    for threshold in np.arange(-4.0, 14.0, 0.25):
        labels = components(len(f), pairs[scores >= threshold])
        metrics = pair_metrics(labels, truth)
        best = max(best, (metrics.f1, float(threshold)))
    merge = best[1]
    review = merge
    for threshold in np.arange(merge, merge - 12.0, -0.25):
        near = (scores >= threshold - 0.25) & (scores < threshold)
        if near.any() and match[near].mean() < 0.05:
            break
        review = float(threshold)
    print(
        f"# {len(f)} records, {len(pairs)} candidate pairs ({int(match.sum())} of one man); "
        f"best F1 {best[0]:.4f} at merge {merge}"
    )
    print(f"[thresholds]\nmerge = {merge}\nreview = {review}\ntf_cap = {base.tf_cap}\n")
    print(f"[weights]\nprior = {prior}\n")
    for name, table_ in weights.items():
        print(f"[weights.{name}]")
        for level, value in table_.items():
            print(f"{level} = {value}")
        print()


if __name__ == "__main__":
    main()
