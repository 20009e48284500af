"""The stand-in world: men with known truth, drawn so that their reports look like the field.

Death dates follow the shape of Mediazona's daily series, categories the weekly mix by role,
regions the census weighted by how hard each region is hit. Namesakes and brothers are planted on
purpose: a dedupe that merges them undercounts. Everything is a pure function of (n, seed).
"""

from __future__ import annotations

import csv
import random
from bisect import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from itertools import accumulate

WORLD_START = date(2022, 2, 24)
WORLD_TODAY = date(2026, 1, 30)  # the stand-in sites were "crawled" on this day
LAST_DEATH = date(2025, 12, 31)

# How much harder than the census alone a region is hit (Tuva and Buryatia lose the most men
# per capita; Moscow and St Petersburg the fewest).
REGION_RATE = {
    "TY": 4.0,
    "BU": 3.5,
    "ZAB": 3.0,
    "AL": 3.0,
    "BA": 1.9,
    "ORE": 1.7,
    "CHE": 1.4,
    "SVE": 1.3,
    "KGN": 1.6,
    "ALT": 1.5,
    "IRK": 1.5,
    "KYA": 1.4,
    "OMS": 1.4,
    "NVS": 1.2,
    "VGG": 1.3,
    "ROS": 1.2,
    "KDA": 1.2,
    "STA": 1.2,
    "PER": 1.3,
    "UD": 1.3,
    "KL": 1.8,
    "SA": 1.5,
    "KEM": 1.4,
    "TA": 0.9,
    "DA": 0.8,
    "CE": 0.5,
    "MOW": 0.2,
    "MOS": 0.5,
    "SPE": 0.35,
    "LEN": 0.7,
    "PRI": 1.4,
    "KHA": 1.2,
    "AMU": 1.6,
    "YEV": 1.6,
    "KAM": 1.3,
    "SAK": 1.2,
}
# Which groups of names a region's men are drawn from.
REGION_GROUPS = {
    "TY": {"tuvan": 0.85, "slavic": 0.15},
    "BU": {"buryat_mongolic": 0.45, "slavic": 0.55},
    "ZAB": {"buryat_mongolic": 0.12, "slavic": 0.88},
    "KL": {"buryat_mongolic": 0.55, "slavic": 0.45},
    "BA": {"tatar_bashkir": 0.55, "slavic": 0.45},
    "TA": {"tatar_bashkir": 0.55, "slavic": 0.45},
    "ORE": {"tatar_bashkir": 0.15, "slavic": 0.85},
    "CHE": {"tatar_bashkir": 0.1, "slavic": 0.9},
    "DA": {"caucasus": 0.9, "slavic": 0.1},
    "CE": {"caucasus": 0.95, "slavic": 0.05},
    "IN": {"caucasus": 0.95, "slavic": 0.05},
    "KB": {"caucasus": 0.7, "slavic": 0.3},
    "SE": {"caucasus": 0.65, "slavic": 0.35},
    "SA": {"yakut": 0.5, "slavic": 0.5},
}
DEFAULT_GROUPS = {"slavic": 0.94, "tatar_bashkir": 0.03, "central_asian": 0.03}
CATEGORY_OF_ROLE = {
    "vol": "volunteer",
    "mob": "mobilized",
    "inmates": "prisoner",
    "pmc": "pmc",
    "nguard": "rosgvardia",
    "fsb": "fsb",
}
AGE_BY_CATEGORY = {  # (mean, sd, low, high)
    "volunteer": (37, 9, 19, 63),
    "mobilized": (35, 7, 20, 59),
    "prisoner": (36, 8, 20, 60),
    "regular": (29, 7, 19, 55),
    "conscript": (20, 1, 18, 23),
    "pmc": (38, 8, 21, 60),
    "rosgvardia": (33, 7, 20, 55),
    "fsb": (34, 7, 21, 55),
}
OFFICER_RANKS = ("лейтенант", "старший лейтенант", "капитан", "майор", "подполковник", "полковник")
NCO_RANKS = ("младший сержант", "сержант", "старший сержант", "старшина", "прапорщик")


@dataclass
class Person:
    pid: str
    surname: str
    given: str
    patronymic: str | None
    group: str
    birth: date
    death: date
    region: str
    settlement: str | None
    settlement_kind: str
    unit: str | None
    rank: str
    category: str
    funeral: date
    relation: str | None = None  # "namesake of T…" or "brother of T…": planted on purpose
    mother: str = "Ольга"

    @property
    def age(self) -> int:
        years = self.death.year - self.birth.year
        return years - ((self.death.month, self.death.day) < (self.birth.month, self.birth.day))

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.given, self.patronymic) if p)


@dataclass
class World:
    seed: int
    people: list[Person]
    today: date = WORLD_TODAY
    extra: dict = field(default_factory=dict)


def _rows(package: str, name: str) -> list[dict[str, str]]:
    with resources.files(package).joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


class _Weighted:
    """Draw items by weight in O(log n)."""

    def __init__(self, items: list, weights: list[float]):
        if not items:
            raise ValueError("nothing to draw from")
        self.items = items
        self.cum = list(accumulate(weights))

    def draw(self, rng: random.Random):
        return self.items[bisect(self.cum, rng.random() * self.cum[-1])]


@cache
def _tables() -> dict:
    given = [r for r in _rows("lexicon", "data/given_names.csv") if r["gender"] == "m"]
    female = [r["name"] for r in _rows("lexicon", "data/given_names.csv") if r["gender"] == "f"]
    surnames = _rows("lexicon", "data/surnames.csv")
    by_group_given: dict[str, _Weighted] = {}
    by_group_surname: dict[str, _Weighted] = {}
    for group in sorted({r["group"] for r in given} | {r["group"] for r in surnames}):
        g = [r for r in given if r["group"] == group]
        s = [r for r in surnames if r["group"] == group]
        if g:
            by_group_given[group] = _Weighted(g, [float(r["weight"]) for r in g])
        if s:
            by_group_surname[group] = _Weighted(
                [r["surname"] for r in s], [float(r["weight"]) for r in s]
            )
    census = _rows("warehouse", "data/census2021_men_16_61.csv")
    regions = [r["regNameISO"] for r in census]
    region_w = [int(r["nMen16_615_2021"]) * REGION_RATE.get(r["regNameISO"], 1.0) for r in census]
    settlements: dict[str, _Weighted] = {}
    rows = _rows("lexicon", "data/settlements.csv")
    for code in regions:
        here = [r for r in rows if r["region_code"] == code]
        if here:
            settlements[code] = _Weighted(
                here, [max(int(r["population"] or 0), 2000) ** 0.75 for r in here]
            )
    units = _rows("lexicon", "data/known_units.csv")
    days = [
        (date.fromisoformat(r["date"]), max(int(r["change"]), 0))
        for r in _rows("sandbox", "data/daily_deaths.csv")
    ]
    days = [(d, n) for d, n in days if WORLD_START <= d <= LAST_DEATH]
    weekly = {}
    for r in _rows("sandbox", "data/weekly_by_role.csv"):
        d, m, y = r["week_start"].split(".")
        counts = dict.fromkeys([*CATEGORY_OF_ROLE.values(), "regular"], 0.0)
        total = float(r["total"] or 0)
        for role, cat in CATEGORY_OF_ROLE.items():
            counts[cat] += float(r[role] or 0)
        counts["regular"] = max(total - sum(counts.values()), 0.0)
        weekly[date(int(y), int(m), int(d))] = counts
    return {
        "given": by_group_given,
        "given_rows": {r["name"]: r for r in given},
        "female": female,
        "surnames": by_group_surname,
        "regions": _Weighted(regions, region_w),
        "settlements": settlements,
        "units": units,
        "days": _Weighted([d for d, _ in days], [n for _, n in days]),
        "weekly": weekly,
    }


def _category(rng: random.Random, death: date, weekly: dict) -> str:
    week = max((w for w in weekly if w <= death), default=min(weekly))
    mix = dict(weekly[week])
    # Conscripts were a visible share only in the first months.
    mix["conscript"] = mix.get("regular", 0) * (0.12 if death < date(2022, 9, 1) else 0.02)
    mix["regular"] = mix.get("regular", 0) - mix["conscript"]
    cats = [c for c, n in mix.items() if n > 0] or ["regular"]
    return _Weighted(cats, [mix[c] for c in cats]).draw(rng)


def _rank(rng: random.Random, category: str) -> str:
    if category == "conscript":
        return "рядовой"
    roll = rng.random()
    officer = 0.12 if category == "regular" else 0.02
    if roll < officer:
        return rng.choice(OFFICER_RANKS)
    if roll < officer + 0.25:
        return rng.choice(NCO_RANKS)
    return "ефрейтор" if roll < officer + 0.35 else "рядовой"


def _patronymic(rng: random.Random, group: str, t: dict) -> str | None:
    father = t["given"].get(group, t["given"]["slavic"]).draw(rng)
    return father["patronymic_m"] or None


def _unit(rng: random.Random, region: str, category: str, t: dict) -> str | None:
    if category in ("prisoner", "pmc"):
        if rng.random() < 0.4:
            return None
        return "шторм-z" if category == "prisoner" else "чвк вагнер"
    if not t["units"] or rng.random() < 0.2:
        return None
    local = [u for u in t["units"] if u["garrison_region_code"] == region]
    pool = local if local and rng.random() < 0.5 else t["units"]
    u = rng.choice(pool)
    return f"{u['number']} {u['abbr']}".strip()


def _person(rng: random.Random, pid: str, t: dict) -> Person:
    region = t["regions"].draw(rng)
    groups = REGION_GROUPS.get(region, DEFAULT_GROUPS)
    group = _Weighted(list(groups), list(groups.values())).draw(rng)
    if group not in t["given"] or group not in t["surnames"]:
        group = "slavic"
    given = t["given"][group].draw(rng)["name"]
    surname = t["surnames"][group].draw(rng)
    death = t["days"].draw(rng)
    category = _category(rng, death, t["weekly"])
    mean, sd, low, high = AGE_BY_CATEGORY[category]
    age = min(max(int(rng.gauss(mean, sd)), low), high)
    birth = death - timedelta(days=int(age * 365.25) + rng.randrange(0, 365))
    settlement = t["settlements"].get(region)
    place = settlement.draw(rng) if settlement else None
    funeral = death + timedelta(days=int(min(rng.lognormvariate(2.7, 0.7), 150)) + 3)
    return Person(
        pid=pid,
        surname=surname,
        given=given,
        patronymic=_patronymic(rng, group, t),
        group=group,
        birth=birth,
        death=death,
        region=region,
        settlement=place["name"] if place else None,
        settlement_kind=place["kind"] if place else "",
        unit=_unit(rng, region, category, t),
        rank=_rank(rng, category),
        category=category,
        funeral=funeral,
        mother=rng.choice(t["female"]) if t["female"] else "Ольга",
    )


def make_world(n: int, seed: int = 1) -> World:
    """n men with known truth; about 3 % share a full name with another man on purpose and
    about 2 % are brothers of another (same surname, patronymic and home)."""
    rng = random.Random(seed)
    t = _tables()
    people = [_person(rng, f"T{i:06d}", t) for i in range(n)]
    for person in people[1:]:
        roll = rng.random()
        other = people[rng.randrange(0, int(person.pid[1:]))]
        if roll < 0.03:
            person.surname, person.given, person.patronymic = (
                other.surname,
                other.given,
                other.patronymic,
            )
            person.relation = f"namesake of {other.pid}"
        elif roll < 0.05 and other.relation is None:
            person.surname, person.patronymic = other.surname, other.patronymic
            person.region, person.settlement = other.region, other.settlement
            person.settlement_kind, person.group = other.settlement_kind, other.group
            while person.given == other.given:
                person.given = t["given"].get(other.group, t["given"]["slavic"]).draw(rng)["name"]
            if rng.random() < 0.5:
                person.unit = other.unit
                person.death = min(other.death + timedelta(days=rng.randrange(-40, 40)), LAST_DEATH)
                person.death = max(person.death, WORLD_START)
                person.funeral = person.death + timedelta(days=rng.randrange(5, 40))
            gap = timedelta(days=rng.randrange(365, 365 * 9))
            person.birth = other.birth + gap if rng.random() < 0.5 else other.birth - gap
            if person.age < 18:
                person.birth = other.birth - gap
            person.relation = f"brother of {other.pid}"
    return World(seed=seed, people=people)
