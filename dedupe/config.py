"""Weights and thresholds, read from `config.toml` (or a file given by the caller), checked
against the registered comparisons: a `[weights.<name>]` table per comparison, a key per level.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path

import numpy as np

from dedupe.comparisons import COMPARISONS


@dataclass(frozen=True)
class EMSettings:
    """How far a run may fit the weights to its own list (`dedupe/em.py`), `[em]` in the
    config."""

    enabled: bool = True
    iterations: int = 4
    max_shift: float = 2.0  # bits a weight may move from its calibrated value
    prior_pairs: float = 50.0  # the calibrated m counts as this many pairs of one man
    trust_pairs: float = 30.0  # a level half-trusts its fit with this many pairs behind it
    sample_pairs: int = 400_000  # candidate pairs read (a random sample beyond)
    random_pairs: int = 300_000  # random pairs counted for u
    min_pairs: int = 2_000  # fewer candidate pairs: keep the calibrated weights
    min_matches: float = 200.0  # fewer expected pairs of one man: keep them too


@dataclass(frozen=True)
class Config:
    merge: float
    review: float
    attach: float  # a lone record joins the only person it likely belongs to from here
    tf_cap: float
    # how many records one man has on average beyond the first, Σc(c−1)/Σc over the truth:
    # with n usable records, two at random are one man with odds (r−1)/n, the prior
    records_per_person: float
    weights: dict[str, dict[str, float]]
    em: EMSettings = field(default_factory=EMSettings)
    # the most two wholly different surnames score, whatever else agrees (below review)
    different_surname: float = -2.5
    # two records of one person scoring below this are two men: the person is clustered again
    split: float = -10.0

    def weight(self, field: str, level: str) -> float:
        return self.weights[field][level]

    def prior(self, usable: int) -> float:
        """log2 odds that two records picked at random among `usable` are one man: the more
        records, the more namesakes, the more evidence a merge needs."""
        return float(np.log2(max(self.records_per_person - 1.0, 1e-3) / max(usable, 2)))


def load_config(path: Path | str | None = None) -> Config:
    """The config at `path`, or the one shipped beside this module."""
    text = (
        Path(path).read_text(encoding="utf-8")
        if path
        else resources.files("dedupe").joinpath("config.toml").read_text(encoding="utf-8")
    )
    data = tomllib.loads(text)
    thresholds, weights = dict(data["thresholds"]), dict(data["weights"])
    weights.pop("prior", None)  # a constant prior of older configs: now from the data size
    _check_weights(weights)
    if not thresholds["review"] <= thresholds["merge"]:
        raise ValueError("dedupe config: review threshold must not exceed merge threshold")
    return Config(
        merge=float(thresholds["merge"]),
        review=float(thresholds["review"]),
        attach=float(thresholds.get("attach", thresholds["review"])),
        split=float(thresholds.get("split", -6)),
        tf_cap=float(thresholds.get("tf_cap", 3.0)),
        records_per_person=float(thresholds.get("records_per_person", 2.0)),
        weights={f: {k: float(v) for k, v in w.items()} for f, w in weights.items()},
        em=_em_settings(data.get("em", {})),
        different_surname=float(thresholds.get("different_surname", -2.5)),
    )


def _em_settings(table: dict) -> EMSettings:
    known = {f.name: f.type for f in fields(EMSettings)}
    unknown = [k for k in table if k not in known]
    if unknown:
        raise ValueError(f"dedupe config: [em] has no setting {', '.join(unknown)}")
    defaults = EMSettings()
    return EMSettings(
        **{k: type(getattr(defaults, k))(v) for k, v in table.items()}  # as the default's type
    )


def _check_weights(weights: dict) -> None:
    """A table per registered comparison and no other; in each, exactly its level keys."""
    names = list(COMPARISONS)
    missing = [f"[weights.{n}]" for n in names if n not in weights]
    if missing:
        raise ValueError(f"dedupe config: no {', '.join(missing)} table; comparisons are {names}")
    unknown = [f"[weights.{n}]" for n in weights if n not in COMPARISONS]
    if unknown:
        raise ValueError(
            f"dedupe config: {', '.join(unknown)} is no comparison; comparisons are {names}"
        )
    for name, c in COMPARISONS.items():
        given = weights[name]
        wrong = [k for k in given if k not in c.keys]
        lacking = [k for k in c.keys if k not in given]
        if wrong or lacking:
            raise ValueError(
                f"dedupe config: [weights.{name}] needs exactly {list(c.keys)}"
                + (f"; unknown level {', '.join(wrong)}" if wrong else "")
                + (f"; missing level {', '.join(lacking)}" if lacking else "")
            )
