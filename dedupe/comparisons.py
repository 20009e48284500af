"""The fields dedupe compares, each a named `Comparison` with its levels (after Splink's
comparison levels).

A comparison says how two records compare on one field: its levels are an `IntEnum` whose
value 0 is always UNKNOWN ("one side does not say"), and whose member names, lower-cased, are
the keys of its `[weights.<name>]` table in `config.toml` (`Birth.AGE_DISAGREES` weighs
`age_disagrees`). Its `compute(features, a, b)` gives the level of every pair at once, numpy
over whole columns of `prepare.Features`; string similarity comes from `dedupe.strings`
(rapidfuzz's vectorised `cpdist` on all threads, once per distinct couple of names).

The registry `COMPARISONS` is what the scorer, the config check, the reasons shown to people
and `bench/calibrate.py` iterate, in the order fields were registered. A new field is one
`register(Comparison(...))` here and one `[weights.<name>]` table in `config.toml`; nothing
else changes. A comparison registered at run time must be registered in every process that
scores (a worker imports this module, not the caller's registrations).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import IntEnum
from functools import cache

import numpy as np

from dedupe.dates import jan_first, month_day
from dedupe.outlets import Outlet, Published, outlet_levels, published_levels
from dedupe.places import Place, Region, region_levels
from dedupe.prepare import Features
from dedupe.rank_levels import Rank, rank_levels
from dedupe.strings import distinct_couples, similarity, slips

# (features, index of each pair's first record, of its second) -> level per pair, int8
Compute = Callable[[Features, np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Comparison:
    """One field: its name (the `[weights.<name>]` table), its levels and how to compute them.
    `frequency` names a `Features` column whose exact agreement counts more for a rare value
    and less for a common one (term-frequency adjustment of the EXACT level)."""

    name: str
    levels: type[IntEnum]
    compute: Compute
    frequency: str | None = None

    def __post_init__(self) -> None:
        # the scorer looks weights up by level value: 0 UNKNOWN, 1, 2, … with no gaps
        values = [level.value for level in self.levels]
        if values != list(range(len(values))) or self.levels(0).name != "UNKNOWN":
            raise ValueError(
                f"comparison {self.name}: levels must be 0 UNKNOWN, 1, 2, … in order, "
                f"got {[(level.name, level.value) for level in self.levels]}"
            )
        if self.frequency and "EXACT" not in self.levels.__members__:
            raise ValueError(f"comparison {self.name}: a frequency adjustment needs an EXACT level")

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys of its `[weights.<name>]` table, in level order."""
        return tuple(level.name.lower() for level in self.levels)

    def key(self, value: int) -> str:
        """The config key of a level value: 7 of `Birth` is `age_disagrees`."""
        return self.levels(value).name.lower()


COMPARISONS: dict[str, Comparison] = {}


def register(comparison: Comparison) -> Comparison:
    """Add a field to every later scoring, after those registered before it."""
    if comparison.name in COMPARISONS:
        raise ValueError(f"comparison {comparison.name} is registered already")
    COMPARISONS[comparison.name] = comparison
    return comparison


def unregister(name: str) -> None:
    del COMPARISONS[name]


@contextmanager
def registered(comparison: Comparison) -> Iterator[Comparison]:
    """A field registered for the length of a `with` block (a test, an experiment)."""
    register(comparison)
    try:
        yield comparison
    finally:
        unregister(comparison.name)


class Surname(IntEnum):
    UNKNOWN = 0
    EXACT = 1
    CLOSE = 2  # Jaro-Winkler ≥ 0.92, or one slip (a letter dropped, doubled, swapped, wrong)
    FAIR = 3  # ≥ 0.85, two slips in a long name, or the same consonants
    DIFFERENT = 4  # another surname: no shared given name or dates make it one man's


class Given(IntEnum):
    UNKNOWN = 0
    EXACT = 1
    CLOSE = 2  # Jaro-Winkler ≥ 0.93, one slip, or a short form that may stand for the other's
    INITIAL = 3  # one side gives only an initial, and it agrees
    INITIAL_CONFLICT = 4
    DIFFERENT = 5


Patronymic = Given  # a patronymic compares as a given name does (without short forms)


class Gender(IntEnum):
    UNKNOWN = 0
    CONFLICT = 1


class Birth(IntEnum):
    UNKNOWN = 0
    EXACT = 1
    SWAPPED = 2  # day and month swapped
    MONTH = 3
    YEAR = 4
    NEAR_YEAR = 5
    AGE_AGREES = 6  # a year derived from an age at death, within one
    AGE_DISAGREES = 7
    DAY_CONFLICT = 8  # the same year and a different day
    CONFLICT = 9
    AGE_NEAR = 10  # a year derived from an age two off: an age counted a year wrong, or two men


class Death(IntEnum):
    UNKNOWN = 0
    EXACT = 1
    SWAPPED = 2  # day and month swapped (2024-04-07 and 2024-07-04)
    CLOSE = 3  # within 3 days
    WINDOW = 4  # within 45 days: a funeral or a report date
    MONTH = 5
    YEAR = 6
    FAR = 7  # 45–120 days apart
    CONFLICT = 8
    YEAR_SLIP = 9  # the same day and month a year apart: one digit of the year written wrong


class Same(IntEnum):
    UNKNOWN = 0
    SAME = 1
    DIFFERENT = 2


def surname_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Exact, or close, fair or different by string similarity."""
    ha, hb = f.surname[a], f.surname[b]
    level = np.zeros(len(a), dtype=np.int8)
    both = (ha != 0) & (hb != 0)
    level[both & (ha == hb)] = Surname.EXACT
    differ = np.flatnonzero(both & (ha != hb))
    if differ.size:
        first, couple = distinct_couples(ha[differ], hb[differ])
        ta, tb = f.surname_text[a[differ[first]]], f.surname_text[b[differ[first]]]
        sim, slip = similarity(ta, tb), slips(ta, tb, 2)
        longest = np.maximum(np.char.str_len(ta.astype(str)), np.char.str_len(tb.astype(str)))
        string_level = np.select(
            [(sim >= 0.92) | (slip <= 1), (sim >= 0.85) | ((slip <= 2) & (longest >= 7))],
            [Surname.CLOSE, Surname.FAIR],
            Surname.DIFFERENT,
        ).astype(np.int8)[couple]
        # one consonant skeleton (Ппоов and Попов, whose keys the phonetic folding pulls apart)
        skeleton = (f.surname_skeleton[a][differ] == f.surname_skeleton[b][differ]) & (
            f.surname_skeleton[a][differ] != 0
        )
        level[differ] = np.where(
            skeleton & (string_level == Surname.DIFFERENT), Surname.FAIR, string_level
        )
    return level


def _name_part_levels(
    h_a: np.ndarray,
    h_b: np.ndarray,
    text: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    init_a: np.ndarray,
    init_b: np.ndarray,
) -> np.ndarray:
    """A given name or patronymic: exact, close or different where both give it; where one
    gives only an initial, whether the initials agree. `text` is the whole column of keys,
    `a` and `b` the pairs' records."""
    level = np.zeros(len(h_a), dtype=np.int8)
    both = (h_a != 0) & (h_b != 0)
    level[both & (h_a == h_b)] = Given.EXACT
    differ = np.flatnonzero(both & (h_a != h_b))
    if differ.size:
        first, couple = distinct_couples(h_a[differ], h_b[differ])
        ta, tb = text[a[differ[first]]], text[b[differ[first]]]
        close = (similarity(ta, tb) >= 0.93) | (slips(ta, tb, 1) <= 1)
        level[differ] = np.where(close, Given.CLOSE, Given.DIFFERENT)[couple]
    partial = ~both & (init_a != 0) & (init_b != 0)
    level[partial] = np.where(
        init_a[partial] == init_b[partial], Given.INITIAL, Given.INITIAL_CONFLICT
    )
    return level


def given_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """As any name part, and a short form that may stand for the other's name («Слава» and
    «Владислав») is close, not different."""
    level = _name_part_levels(
        f.given[a],
        f.given[b],
        f.given_text,
        a,
        b,
        f.given_initial[a],
        f.given_initial[b],
    )
    differ = np.flatnonzero(level == Given.DIFFERENT)
    if differ.size:
        da, db = a[differ], b[differ]
        ga, gb = f.given[da][:, None], f.given[db][:, None]
        either = (f.given_alt[db] == ga).any(axis=1) | (f.given_alt[da] == gb).any(axis=1)
        level[differ[either]] = Given.CLOSE
    return level


def patronymic_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return _name_part_levels(
        f.patronymic[a],
        f.patronymic[b],
        f.patronymic_text,
        a,
        b,
        f.patronymic_initial[a],
        f.patronymic_initial[b],
    )


def gender_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Only a conflict says anything: agreeing is what two men's records do anyway."""
    ga, gb = f.gender[a], f.gender[b]
    level = np.zeros(len(a), dtype=np.int8)
    level[(ga != 0) & (gb != 0) & (ga != gb)] = Gender.CONFLICT
    return level


def _both_say(known: np.ndarray, compute: Compute) -> Compute:
    """`compute` over the pairs both of whose records say something (`known`, per record); the
    rest are UNKNOWN without the work (most pairs of a big list, for a date)."""

    def levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        says = known(f)
        k = np.flatnonzero(says[a] & says[b])
        level = np.zeros(len(a), dtype=np.int8)
        level[k] = compute(f, a[k], b[k])
        return level

    return levels


def birth_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Dates of birth, or years derived from ages at death, or two ages alone."""
    ya, yb = f.birth_y[a].astype(np.int32), f.birth_y[b].astype(np.int32)
    ma, mb = f.birth_m[a], f.birth_m[b]
    da, db = f.birth_d[a], f.birth_d[b]
    level = np.zeros(len(a), dtype=np.int8)
    both = (ya > 0) & (yb > 0)
    full = both & (da > 0) & (db > 0)
    month = both & (ma > 0) & (mb > 0)
    same_y = ya == yb
    # later assignments win: the most precise agreement is written last
    level[both & same_y] = Birth.YEAR
    level[both & (np.abs(ya - yb) == 1)] = Birth.NEAR_YEAR
    level[both & (np.abs(ya - yb) > 1)] = Birth.CONFLICT
    # a year a slip apart is near only if the rest of the date agrees: a year and a month
    # (or day) both differing are two men's dates (1990-03-09 and 1991-06-08)
    other_part = (month & (ma != mb)) | (full & (da != db))
    level[both & (np.abs(ya - yb) == 1) & other_part] = Birth.CONFLICT
    level[month & same_y & (ma == mb)] = Birth.MONTH
    level[full & same_y & ~((ma == mb) & (da == db))] = Birth.DAY_CONFLICT
    level[full & same_y & (ma == db) & (da == mb) & (ma != mb)] = Birth.SWAPPED
    level[full & same_y & (ma == mb) & (da == db)] = Birth.EXACT
    # a birth year derived from an age at death is worth a little, either way; the age is
    # counted back from the record's own death year, or the other's (one man, one death)
    dy_a, dy_b = f.death_y[a].astype(np.int32), f.death_y[b].astype(np.int32)
    year_a, year_b = np.where(dy_a > 0, dy_a, dy_b), np.where(dy_b > 0, dy_b, dy_a)
    age_a, age_b = f.age[a].astype(np.int32), f.age[b].astype(np.int32)
    derived_a = np.where(ya > 0, ya, np.where((age_a > 0) & (year_a > 0), year_a - age_a, 0))
    derived_b = np.where(yb > 0, yb, np.where((age_b > 0) & (year_b > 0), year_b - age_b, 0))
    via_age = ~both & (derived_a > 0) & (derived_b > 0)
    # an age is often a year off (counted by the years alone, or at the funeral): two years
    # apart is near, not a contradiction
    apart = np.abs(derived_a - derived_b)
    level[via_age] = np.select([apart[via_age] <= 1, apart[via_age] == 2],
                               [Birth.AGE_AGREES, Birth.AGE_NEAR], Birth.AGE_DISAGREES)  # fmt: skip
    # two ages at death and no year to place them: one man died at one age (give or take one)
    ages = (level == Birth.UNKNOWN) & (f.age[a] > 0) & (f.age[b] > 0)
    apart = np.abs(f.age[a].astype(np.int32) - f.age[b])
    level[ages] = np.select([apart[ages] <= 1, apart[ages] == 2],
                            [Birth.AGE_AGREES, Birth.AGE_NEAR], Birth.AGE_DISAGREES)  # fmt: skip
    return level


def death_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Days apart, at the precision the vaguer of the two dates allows."""
    oa, ob = f.death_ord[a].astype(np.int64), f.death_ord[b].astype(np.int64)
    prec = np.minimum(f.death_prec[a], f.death_prec[b])
    gap = np.abs(oa - ob)
    level = np.zeros(len(a), dtype=np.int8)
    day = prec == 3
    # a funeral or a report date sits days to weeks after the death: a window, not equality
    level[day] = np.select(
        [gap[day] == 0, gap[day] <= 3, gap[day] <= 45, gap[day] <= 120],
        [Death.EXACT, Death.CLOSE, Death.WINDOW, Death.FAR],
        Death.CONFLICT,
    )
    # day and month written the other way round (04.07 for 07.04): the same year, mirrored
    # each record's month and day of death, worked out once (per record, not per pair) and
    # only if a level below asks
    days = cache(lambda: month_day(f.death_ord))
    k = np.flatnonzero(day & (gap > 3) & (f.death_y[a] == f.death_y[b]))
    if k.size:
        month, date_ = days()
        ma, da, mb, db = month[a[k]], date_[a[k]], month[b[k]], date_[b[k]]
        level[k[(ma != mb) & (ma == db) & (da == mb)]] = Death.SWAPPED
    # 13.03.2025 beside 13.03.2026: the year mistyped, not two men a year apart to the day
    k = np.flatnonzero(day & (np.abs(f.death_y[a].astype(np.int32) - f.death_y[b]) == 1))
    if k.size:
        month, date_ = days()
        same = (month[a[k]] == month[b[k]]) & (date_[a[k]] == date_[b[k]])
        level[k[same]] = Death.YEAR_SLIP
    mon = prec == 2
    level[mon] = np.select(
        [gap[mon] <= 31, gap[mon] <= 120], [Death.MONTH, Death.FAR], Death.CONFLICT
    )
    year = prec == 1
    same_year = f.death_y[a] == f.death_y[b]
    level[year] = np.where(same_year[year], Death.YEAR, Death.CONFLICT)
    # «died in 2024» beside a funeral or report date early the next January: far, not two men
    ya, yb = f.death_y[a].astype(np.int32), f.death_y[b].astype(np.int32)
    k = np.flatnonzero(year & (np.abs(ya - yb) == 1))  # the few pairs a year apart
    ya, yb, oa, ob = ya[k], yb[k], oa[k], ob[k]
    new_year = np.where(ya < yb, ob, oa) - jan_first(np.maximum(ya, yb))
    later_is_vague = np.where(ya < yb, f.death_prec[b[k]], f.death_prec[a[k]]) == 1
    level[k[(new_year < 45) & ~later_is_vague]] = Death.FAR
    return level


def same_value(column: str) -> Compute:
    """Levels of a field that is the same or not (a region, a unit): `column` of `Features`
    holds its hashes, 0 unknown."""

    def compute(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        values = getattr(f, column)
        if not values.any():  # a list that never gives it (no call signs): nothing to gather
            return np.zeros(len(a), dtype=np.int8)
        x, y = values[a], values[b]
        level = np.zeros(len(x), dtype=np.int8)
        both = (x != 0) & (y != 0)
        level[both] = np.where(x[both] == y[both], Same.SAME, Same.DIFFERENT)
        return level

    return compute


def unit_levels(f: Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The same unit, or two of one kind that differ (two numbers, two brigades); a number
    beside a brigade, or a brigade beside an army, says nothing either way."""
    level = same_value("unit")(f, a, b)
    level[(level == Same.DIFFERENT) & (f.unit_kind[a] != f.unit_kind[b])] = Same.UNKNOWN
    return level


# the order is the scorer's order of adding weights: keep it, or scores move in the last bit
for _comparison in (
    Comparison("surname", Surname, surname_levels, frequency="surname"),
    Comparison("given", Given, given_levels, frequency="given"),
    Comparison("patronymic", Patronymic, patronymic_levels),
    Comparison("gender", Gender, gender_levels),
    # a birth level needs a year or an age on both sides
    Comparison("birth", Birth, _both_say(lambda f: (f.birth_y > 0) | (f.age > 0), birth_levels)),
    Comparison("death", Death, death_levels),
    Comparison("region", Region, region_levels),
    Comparison("unit", Same, unit_levels),
    Comparison("category", Same, same_value("category")),
    # the same town or village, or two (`Place` has `Same`'s values)
    Comparison("settlement", Place, same_value("settlement"), frequency="settlement"),
    # the same call sign, or two (`dedupe.call_signs`)
    Comparison("call_sign", Same, same_value("call_sign")),
    Comparison("rank", Rank, rank_levels, frequency="rank"),
    # a region missing on one side, and a death day, stood in for by the page (`dedupe.outlets`)
    Comparison("outlet", Outlet, outlet_levels),
    Comparison("published", Published, published_levels),
):
    register(_comparison)
