"""Weights and thresholds, read from `config.toml` (or a file given by the caller)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Weights:
    prior: float
    surname_exact: float
    surname_close: float
    surname_conflict: float
    given_exact: float
    given_close: float
    given_conflict: float
    initial_match: float
    patronymic_exact: float
    patronymic_close: float
    patronymic_conflict: float
    gender_conflict: float
    birth_exact: float
    birth_swapped: float
    birth_month: float
    birth_day_conflict: float
    birth_year: float
    birth_year_from_age: float
    birth_conflict: float
    death_exact: float
    death_close: float
    death_window: float
    death_month: float
    death_far: float
    death_conflict: float
    region_match: float
    region_conflict: float
    unit_match: float
    unit_conflict: float


@dataclass(frozen=True)
class Config:
    merge: float
    review: float
    weights: Weights


def load_config(path: Path | str | None = None) -> Config:
    text = (
        Path(path).read_text()
        if path
        else resources.files("dedupe").joinpath("config.toml").read_text()
    )
    data = tomllib.loads(text)
    names = {f.name for f in fields(Weights)}
    given = set(data["weights"])
    if given != names:
        raise ValueError(
            f"dedupe config: missing {sorted(names - given)}, unknown {sorted(given - names)}"
        )
    th = data["thresholds"]
    if not th["review"] <= th["merge"]:
        raise ValueError("dedupe config: review threshold must not exceed merge threshold")
    return Config(
        merge=float(th["merge"]),
        review=float(th["review"]),
        weights=Weights(**{k: float(v) for k, v in data["weights"].items()}),
    )
