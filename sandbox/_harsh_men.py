"""The men of the harsh records: the stand-in world with the crowds real lists hold planted in it.

``plant(world, seed)`` returns a copy of the world in which some men are rewritten (never added
or removed, so the truth stays one pid per man) into three traps that a list of the dead holds
and our world alone does not:

- **namesake crowds**: dozens of men sharing a surname and given name (Иванов Александр), their
  patronymics their own or, for some, shared too; the records of these men are the ones most
  often sparse (``sandbox._harsh_noise``), so a sparse report has many candidates;
- **mass-death days**: a few days on which many men died at once (a unit's loss, an execution
  list), and among them small sets of men who share the given name, the patronymic and the year
  of birth but not the surname (Данберг / Рауман Ян Янович): a precision trap, these are
  different men;
- **close namesakes**: two men of one full name who died days apart, one of whom has a vague
  report (``sandbox._harsh_noise``) that could chain them.

Men planted by the world itself (namesakes and brothers, ``Person.relation``) and the men they
point to are left as they are. Deterministic for (world, seed).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, timedelta

import numpy as np

from sandbox.world import LAST_DEATH, WORLD_START, World

# Shares of all men. Real lists are harsher than the census: a region's book of memory holds
# dozens of Ивановs, and the world alone plants only pairs; 3 % in crowds of a dozen or more is
# more than a regional list holds, so we err on the hard side.
CROWD_SHARE = 0.03
CROWD_SIZE = (8, 40)  # men per crowd, uniform; capped at a tenth of the world in tiny worlds
CROWD_SAME_PATRONYMIC = 0.3  # of a crowd's men: the head's patronymic too (full namesakes)
# Mass-death days: 2 % of men died on a day on which dozens of others of the list died. Of them,
# 60 % come in sets of two or three sharing given name, patronymic and birth year.
MASS_SHARE = 0.02
MASS_DAY_SIZE = (15, 60)
MASS_TWINS = 0.6
MASS_SAME_UNIT = 0.5  # a day's men of one unit (a unit's loss)
MASS_SAME_REGION = 0.5  # a set's men from one region (called up together)
# Close namesakes: 1 % of men share the full name of another man who died 1–10 days apart.
CLOSE_SHARE = 0.01
CLOSE_DAYS = 10

# Marks, a bit each, of what a man was made into (``Planted.marks``).
CROWD, MASS, MASS_TWIN, CLOSE = 1, 2, 4, 8


@dataclasses.dataclass
class Planted:
    world: World
    marks: np.ndarray  # per man, in the world's order: CROWD | MASS | MASS_TWIN | CLOSE
    twins: list[list[int]]  # the sets of mass-death men of one given name, patronymic, year


def _free(people) -> np.ndarray:
    """Men neither planted by the world (a namesake or brother) nor the other half of one."""
    taken = {p.relation.split()[-1] for p in people if p.relation}
    return np.array([p.relation is None and p.pid not in taken for p in people], dtype=bool)


def _death(day: date) -> date:
    return min(max(day, WORLD_START), LAST_DEATH)


def _in_year(day: date, year: int) -> date:
    return day.replace(year=year, day=min(day.day, 28) if day.month == 2 else day.day)


def _common(rng, men: list, counts: Counter, part: str) -> str:
    """One of ``men``'s ``part``, drawn as often as it is common in the whole world."""
    names = [getattr(m, part) for m in men]
    weights = np.array([counts[x] for x in names], dtype=float)
    return names[int(rng.choice(len(names), p=weights / weights.sum()))]


def _crowds(rng, people, pool: list[int], marks: np.ndarray) -> None:
    """Crowds named by a surname and a given name of their men, the common ones likelier (so
    Иванов Александр more often than a rare name); a crowd's patronymic is one of its men's."""
    surnames, givens = Counter(p.surname for p in people), Counter(p.given for p in people)
    want = int(round(CROWD_SHARE * len(people)))
    low, high = CROWD_SIZE
    high = max(min(high, len(people) // 10), 2)
    low = min(low, high)
    while want >= 2 and len(pool) >= 2:
        size = min(int(rng.integers(low, high + 1)), want, len(pool))
        crowd = [people[i] for i in pool[-size:]]
        surname, given = (
            _common(rng, crowd, surnames, "surname"),
            _common(rng, crowd, givens, "given"),
        )
        patronymic = crowd[0].patronymic
        for i, man in enumerate(crowd):
            man.surname, man.given = surname, given
            if i == 0 or rng.random() < CROWD_SAME_PATRONYMIC:
                man.patronymic = patronymic
        marks[pool[-size:]] |= CROWD
        del pool[-size:]
        want -= size


def _mass_days(rng, people, pool: list[int], marks: np.ndarray, twins: list) -> None:
    want = int(round(MASS_SHARE * len(people)))
    low, high = MASS_DAY_SIZE
    high = max(min(high, len(people) // 20), 2)
    low = min(low, high)
    while want >= 2 and len(pool) >= 2:
        size = min(int(rng.integers(low, high + 1)), want, len(pool))
        day_men = [pool.pop() for _ in range(size)]
        want -= size
        day, unit = people[day_men[0]].death, people[day_men[0]].unit
        for i in day_men:
            man = people[i]
            man.death = day
            man.funeral = day + timedelta(days=int(rng.integers(3, 40)))
            man.unit = unit if rng.random() < MASS_SAME_UNIT else man.unit
            marks[i] |= MASS
        at = 0
        while at < len(day_men) - 1:
            if rng.random() >= MASS_TWINS:
                at += 1
                continue
            group = day_men[at : at + int(rng.integers(2, 4))]
            at += len(group)
            if len(group) < 2:
                break
            lead = people[group[0]]
            region = rng.random() < MASS_SAME_REGION
            for i in group[1:]:
                man = people[i]
                man.given, man.patronymic = lead.given, lead.patronymic
                man.birth = _in_year(man.birth, lead.birth.year)
                if man.surname == lead.surname:
                    man.surname = people[int(rng.integers(0, len(people)))].surname
                if region:
                    man.region, man.settlement = lead.region, lead.settlement
                    man.settlement_kind = lead.settlement_kind
            for i in group:
                marks[i] |= MASS_TWIN
            twins.append(group)


def _close(rng, people, pool: list[int], marks: np.ndarray) -> None:
    pairs = int(round(CLOSE_SHARE * len(people) / 2))
    for _ in range(min(pairs, len(pool) // 2)):
        first, second = pool.pop(), pool.pop()
        a, man = people[first], people[second]
        man.surname, man.given, man.patronymic = a.surname, a.given, a.patronymic
        gap = int(rng.integers(1, CLOSE_DAYS + 1)) * (1 if rng.random() < 0.5 else -1)
        man.death = _death(a.death + timedelta(days=gap))
        if man.death == a.death:
            man.death = _death(a.death - timedelta(days=gap))
        man.funeral = man.death + timedelta(days=int(rng.integers(3, 30)))
        if man.birth > man.death - timedelta(days=18 * 366):
            man.birth = man.death - timedelta(days=20 * 366)
        marks[[first, second]] |= CLOSE


def plant(world: World, seed: int) -> Planted:
    """A copy of ``world`` with namesake crowds, mass-death days and close namesakes planted."""
    rng = np.random.default_rng([seed, 15, 1937])
    people = [dataclasses.replace(p) for p in world.people]
    marks = np.zeros(len(people), dtype=np.int64)
    twins: list[list[int]] = []
    free = _free(people)
    slavic = free & np.array([p.group == "slavic" and bool(p.patronymic) for p in people])
    order = rng.permutation(len(people))
    pool = [int(i) for i in order if slavic[i]]
    _crowds(rng, people, pool, marks)
    _mass_days(rng, people, pool, marks, twins)
    pool = [int(i) for i in order if free[i] and not marks[i]]
    _close(rng, people, pool, marks)
    return Planted(dataclasses.replace(world, people=people), marks, twins)
