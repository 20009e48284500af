"""The hard cases of the foreign population, planted on men already drawn.

Each rate is a share of all men, set above what the real lists show (a test set should be
harsher than the world, never kinder). The planted men are taken from one shuffled order so no
man is used by two plants; a plant rewrites only the fields it is about.
"""

from __future__ import annotations

import numpy as np

from sandbox._foreign_lexicon import Lexicon, patronymic_of

YEAR = 365
BROTHER_SHARE = 0.04  # men in sets of brothers (same surname, patronymic, mostly town): ~2x real
BROTHER_THREE = 0.15  # of the sets of brothers, the share that are three
BROTHER_SAME_TOWN = 0.85  # brothers still registered in the same town
BROTHER_SAME_DAY = 0.2  # brothers killed together, same day and unit
BROTHER_CLOSE = 0.35  # brothers killed within two months of each other
FATHER_SON_SHARE = 0.012  # men in father-and-son pairs (son's patronymic = father's given name)
FATHER_SAME_TOWN = 0.8  # fathers and sons from the same town
NAMESAKE_SHARE = 0.05  # men given the full name (surname, given, patronymic) of another man
NAMESAKE_SAME_REGION = 0.3  # of those, from the same region
NAMESAKE_SAME_YEAR = 0.2  # of those, born in the same year as well
LOOKALIKE_SHARE = 0.02  # men of a mass-death event given another's given, patronymic, birth year
DOUBLE_SURNAME_RATE = 0.004  # Slavic men with a double (hyphenated) surname


def _copy_family(men, into: int, source: int) -> None:
    """Surname, father and home of one man given to another (a brother, a father)."""
    men.surname[into] = men.surname[source]
    men.father[into] = men.father[source]
    men.patronymic[into] = men.patronymic[source]
    men.group[into] = men.group[source]
    _copy_home(men, into, source)


def _copy_home(men, into: int, source: int) -> None:
    men.region[into] = men.region[source]
    men.settlement[into] = men.settlement[source]
    men.district[into] = men.district[source]
    men.burial[into] = men.burial[source]
    men.burial_region[into] = men.burial_region[source]


def _move_in_region(men, i: int, rng, lex: Lexicon) -> None:
    """Another town of the same region (a brother who moved to the regional centre)."""
    code = lex.regions[men.region[i]].code
    towns = lex.settlements[code]
    town = towns[int(rng.choice(len(towns), p=lex.settlement_p[code]))]
    men.settlement[i] = men.burial[i] = town.name
    men.burial_region[i] = men.region[i]
    men.district[i] = ""


def _other_given(rng, lex: Lexicon, group: str, avoid: str) -> str:
    pool = (
        lex.given.get(group)
        if group in ("tatar_bashkir", "caucasus", "central_asian", "tuvan")
        else None
    )
    pool = pool or lex.given["slavic"]
    while True:
        name = pool.names[int(rng.choice(len(pool.names), p=pool.p))]
        if name != avoid:
            return name


def _brothers(men, rng, lex: Lexicon, order: list[int]) -> None:
    while order:
        leader = order.pop()
        size = 3 if rng.random() < BROTHER_THREE else 2
        for _ in range(size - 1):
            if not order:
                return
            b = order.pop()
            _copy_family(men, b, leader)
            if rng.random() > BROTHER_SAME_TOWN:
                _move_in_region(men, b, rng, lex)
            men.given[b] = _other_given(rng, lex, men.group[leader], men.given[leader])
            gap = int(rng.integers(1, 13)) * YEAR + int(rng.integers(-120, 120))
            men.birth[b] = men.birth[leader] + (gap if rng.random() < 0.5 else -gap)
            roll = rng.random()
            if roll < BROTHER_SAME_DAY:
                men.death[b] = men.death[leader]
                men.unit[b] = men.unit[leader]
                men.category[b] = men.category[leader]
                men.event[b] = men.event[leader]
            elif roll < BROTHER_SAME_DAY + BROTHER_CLOSE:
                men.death[b] = men.death[leader] + int(rng.integers(1, 60))
                if rng.random() < 0.5:
                    men.unit[b] = men.unit[leader]


def _fathers_and_sons(men, rng, lex: Lexicon, order: list[int]) -> None:
    while len(order) >= 2:
        son, dad = order.pop(), order.pop()
        _copy_family(men, dad, son)
        men.father[dad] = _other_given(rng, lex, men.group[son], "")
        men.patronymic[dad] = patronymic_of(men.father[dad], lex)
        men.father[son] = men.given[dad]
        if men.patronymic[son]:
            men.patronymic[son] = patronymic_of(men.given[dad], lex)
        if rng.random() > FATHER_SAME_TOWN:
            _move_in_region(men, dad, rng, lex)
        men.birth[dad] = np.datetime64("1960-01-01").astype(int) + int(rng.integers(0, 13 * YEAR))
        men.birth[son] = men.birth[dad] + int(rng.integers(20 * YEAR, 31 * YEAR))
        men.category[dad] = 1 if rng.random() < 0.6 else 0  # fathers went as volunteers
        men.rank[dad] = "рядовой"


def _namesakes(men, rng, order: list[int], n: int) -> None:
    for x in order:
        y = int(rng.integers(n))
        if y == x:
            continue
        men.surname[x] = men.surname[y]
        men.given[x] = men.given[y]
        men.father[x] = men.father[y]
        men.patronymic[x] = men.patronymic[y]
        men.group[x] = men.group[y]
        if rng.random() < NAMESAKE_SAME_REGION:
            _copy_home(men, x, y)
        if rng.random() < NAMESAKE_SAME_YEAR:
            shift = int(rng.integers(-150, 150))
            men.birth[x] = men.birth[y] + shift


def _lookalikes(men, rng, lex: Lexicon, order: list[int]) -> None:
    """Two men of one mass-death event: same given name, patronymic, birth year, other surname."""
    members: dict[int, list[int]] = {}
    for i in np.flatnonzero(men.event >= 0):
        members.setdefault(int(men.event[i]), []).append(int(i))
    for x in order:
        crowd = members.get(int(men.event[x]), [])
        if len(crowd) < 2:
            continue
        y = crowd[int(rng.integers(len(crowd)))]
        if y == x or men.surname[y] == men.surname[x]:
            continue
        men.given[x] = men.given[y]
        men.father[x] = men.father[y]
        men.patronymic[x] = men.patronymic[y]
        men.birth[x] = men.birth[y] + int(rng.integers(-150, 150))


def _double_surnames(men, rng, lex: Lexicon) -> None:
    pool = lex.surnames["slavic"]
    for i in np.flatnonzero(rng.random(len(men.surname)) < DOUBLE_SURNAME_RATE):
        if men.group[i] == "slavic":
            second = pool.names[int(rng.choice(len(pool.names), p=pool.p))]
            if second != men.surname[i]:
                men.surname[i] = f"{men.surname[i]}-{second}"


def plant_hard_cases(men, rng: np.random.Generator, lex: Lexicon) -> None:
    """Rewrite chosen men into brothers, fathers and sons, namesakes and look-alikes."""
    n = len(men.surname)
    _double_surnames(men, rng, lex)
    order = [int(i) for i in rng.permutation(n)]
    take = [int(n * BROTHER_SHARE), int(n * FATHER_SON_SHARE), int(n * NAMESAKE_SHARE)]
    brothers, order = order[: take[0]], order[take[0] :]
    pairs, order = order[: take[1]], order[take[1] :]
    namesakes, order = order[: take[2]], order[take[2] :]
    in_event = [i for i in order if men.event[i] >= 0][: int(n * LOOKALIKE_SHARE)]
    _brothers(men, rng, lex, brothers)
    _fathers_and_sons(men, rng, lex, pairs)
    _namesakes(men, rng, namesakes, n)
    _lookalikes(men, rng, lex, in_event)
    # a later plant may have moved a birth out of the war's generations or past the death
    men.birth[:] = np.clip(
        men.birth, np.datetime64("1960-01-01").astype(int), np.datetime64("2005-12-31").astype(int)
    )
    men.birth[:] = np.minimum(men.birth, men.death - 18 * YEAR - 10)
    men.death[:] = np.clip(
        men.death, np.datetime64("2022-02-24").astype(int), np.datetime64("2025-12-31").astype(int)
    )
