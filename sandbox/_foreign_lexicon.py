"""The raw tables the foreign generator draws from, read straight from lexicon/data/*.csv.

Only the CSV files are used, never lexicon's Python readers: the foreign generator is meant to
be written as another author would, from the same public data but with its own understanding of
it. Everything is loaded once per process and handed out as plain lists and numpy arrays.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent.parent / "lexicon" / "data"

# How many more dead per head than the national mean a region gave: the poor national republics
# and the Far East far above, the two capitals far below (Mediazona's per-capita maps).
PER_CAPITA = {
    "TY": 5.0, "BU": 4.0, "ZAB": 3.0, "AL": 3.0, "SA": 2.0, "BA": 1.8, "KK": 1.8, "ORE": 1.6,
    "CHE": 1.4, "SVE": 1.3, "KEM": 1.5, "IRK": 1.5, "ALT": 1.6, "PER": 1.4, "KL": 1.6,
    "YAN": 1.4, "NEN": 1.8, "CHU": 1.8, "MAG": 1.6, "SAK": 1.5, "KAM": 1.6, "AMU": 1.6,
    "YEV": 1.8, "PSK": 1.6, "KRS": 1.3, "BRY": 1.3, "DA": 0.9, "CE": 0.6, "IN": 0.5,
    "MOW": 0.2, "SPE": 0.35, "MOS": 0.8, "UA-14": 1.2, "UA-09": 1.2,
}  # fmt: skip

# The share of each ethnic group among a region's dead; elsewhere NATIONAL applies.
NATIONAL = {"slavic": 0.91, "tatar_bashkir": 0.04, "caucasus": 0.02, "central_asian": 0.015,
            "other": 0.01, "yakut": 0.0025, "buryat_mongolic": 0.0025}  # fmt: skip
LOCAL = {
    "TY": {"tuvan": 0.88, "slavic": 0.12},
    "BU": {"buryat_mongolic": 0.45, "slavic": 0.55},
    "ZAB": {"buryat_mongolic": 0.12, "slavic": 0.88},
    "KL": {"buryat_mongolic": 0.55, "slavic": 0.45},
    "BA": {"tatar_bashkir": 0.6, "slavic": 0.4},
    "TA": {"tatar_bashkir": 0.55, "slavic": 0.45},
    "UD": {"tatar_bashkir": 0.12, "slavic": 0.88},
    "CHE": {"tatar_bashkir": 0.1, "slavic": 0.88, "central_asian": 0.02},
    "ORE": {"tatar_bashkir": 0.12, "central_asian": 0.06, "slavic": 0.82},
    "SA": {"yakut": 0.55, "slavic": 0.45},
    "AL": {"altai_khakas": 0.45, "slavic": 0.55},
    "KK": {"altai_khakas": 0.2, "slavic": 0.8},
    "DA": {"caucasus": 0.95, "slavic": 0.05},
    "CE": {"caucasus": 0.98, "slavic": 0.02},
    "IN": {"caucasus": 0.98, "slavic": 0.02},
    "KB": {"caucasus": 0.8, "slavic": 0.2},
    "KC": {"caucasus": 0.7, "slavic": 0.3},
    "SE": {"caucasus": 0.75, "slavic": 0.25},
    "AD": {"caucasus": 0.3, "slavic": 0.7},
}


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Pool:
    """Names of one kind and group with their sampling probabilities."""

    names: list[str]
    p: np.ndarray

    def draw(self, rng: np.random.Generator, size: int) -> list[str]:
        picks = rng.choice(len(self.names), size=size, p=self.p)
        return [self.names[i] for i in picks]


@dataclass
class GivenName:
    name: str
    group: str
    patronymic: str
    diminutives: list[str]
    latin: list[str]
    ukrainian: str


@dataclass
class Region:
    code: str
    name: str
    name_en: str
    aliases: list[str]
    aliases_en: list[str]
    capital: str


@dataclass
class Settlement:
    name: str
    region: str
    kind: str
    population: int
    gen: str
    loc: str
    latin: str


@dataclass
class Unit:
    number: str
    abbr: str
    full: str
    gen: str
    garrison: str
    vch: str
    english: str


@dataclass
class Lexicon:
    surnames: dict[str, Pool]
    given: dict[str, Pool]
    given_rows: dict[str, GivenName]
    regions: list[Region]
    region_p: np.ndarray
    group_p: dict[str, dict[str, float]]
    settlements: dict[str, list[Settlement]]
    settlement_p: dict[str, np.ndarray]
    districts: dict[str, list[tuple[str, str]]]
    units: list[Unit]
    ranks: list[tuple[str, str, bool, str]] = field(default_factory=list)


def _pool(pairs: list[tuple[str, float]]) -> Pool:
    weights = np.array([w for _, w in pairs], dtype=float)
    return Pool([n for n, _ in pairs], weights / weights.sum())


def _units(rng: np.random.Generator) -> list[Unit]:
    gens = {row["abbr"]: row["full_gen"] for row in _rows("unit_types.csv")}
    units = []
    for row in _rows("known_units.csv"):
        # a unit without a published number still has one: invent it once, the same for all men
        vch = row["vch"] or f"{rng.integers(10000, 99999):05d}"
        units.append(
            Unit(row["number"], row["abbr"], row["full_nom"], gens.get(row["abbr"], ""),
                 row["garrison_region_code"], vch, row["en"])
        )  # fmt: skip
    return units


@cache
def lexicon() -> Lexicon:
    """Every table, read once; the few invented unit numbers come from a fixed seed."""
    by_group: dict[str, list[tuple[str, float]]] = {}
    for row in _rows("surnames.csv"):
        by_group.setdefault(row["group"], []).append((row["surname"], float(row["weight"])))
    given_by_group: dict[str, list[tuple[str, float]]] = {}
    given_rows = {}
    for row in _rows("given_names.csv"):
        if row["gender"] != "m":
            continue
        given_by_group.setdefault(row["group"], []).append((row["name"], float(row["weight"])))
        given_rows[row["name"]] = GivenName(
            row["name"], row["group"], row["patronymic_m"],
            [d for d in row["diminutives"].split("|") if d],
            [x for x in row["latin"].split("|") if x], row["ukrainian"],
        )  # fmt: skip
    regions, settlements, settlement_p = [], {}, {}
    for row in _rows("settlements.csv"):
        settlements.setdefault(row["region_code"], []).append(
            Settlement(row["name"], row["region_code"], row["kind"], int(row["population"] or 1),
                       row["gen"], row["loc"], row["name_en"])
        )  # fmt: skip
    weights = []
    for row in _rows("regions.csv"):
        code = row["code"]
        if code not in settlements:
            continue
        regions.append(
            Region(code, row["name_ru"], row["name_en"],
                   [a for a in row["aliases_ru"].split("|") if a],
                   [a for a in row["aliases_en"].split("|") if a], row["capital"])
        )  # fmt: skip
        people = np.array([s.population for s in settlements[code]], dtype=float)
        # villages lose more men per head than cities: weight by population to the power 0.7
        settlement_p[code] = people**0.7 / (people**0.7).sum()
        weights.append(max(people.sum(), 50_000) * PER_CAPITA.get(code, 1.0))
    region_p = np.array(weights) / sum(weights)
    group_p = {r.code: LOCAL.get(r.code, NATIONAL) for r in regions}
    districts: dict[str, list[tuple[str, str]]] = {}
    for row in _rows("districts.csv"):
        districts.setdefault(row["region_code"], []).append((row["name"], row["gen"]))
    ranks = [
        (row["rank"], row["rank_en"], row["is_officer"] == "true", row["branch"])
        for row in _rows("ranks.csv")
    ]
    return Lexicon(
        surnames={g: _pool(p) for g, p in by_group.items()},
        given={g: _pool(p) for g, p in given_by_group.items()},
        given_rows=given_rows,
        regions=regions,
        region_p=region_p,
        group_p=group_p,
        settlements=settlements,
        settlement_p=settlement_p,
        districts=districts,
        units=_units(np.random.default_rng(20220224)),
        ranks=ranks,
    )


def patronymic_of(father: str, lex: Lexicon) -> str:
    """The -ович form: from the name table when it has one, else by the plain rule."""
    row = lex.given_rows.get(father)
    if row and row.patronymic:
        return row.patronymic
    if father.endswith("ий"):
        return father[:-2] + "ьевич"
    if father.endswith(("ей", "ай")):
        return father[:-1] + "евич"
    if father.endswith(("а", "я")):
        return father[:-1] + "ич"
    if father.endswith(("ь", "й")):
        return father[:-1] + "евич"
    if father.endswith(("и", "о", "е", "у", "э")):
        return father + "евич"
    return father + ("евич" if father[-1] in "жшчщц" else "ович")
