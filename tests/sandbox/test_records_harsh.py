"""Harsh records: the mild table unchanged, the truth exact, the planted crowds, and every harsh
slip at about its stated rate, on 4,000 men. The harsh table draws the same records, kinds and
shown fields as the mild one of its seed, so the two are compared record by record."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import date
from functools import cache

import pyarrow as pa
import pytest

from lexicon.places import region_by_code
from sandbox import _harsh_men as men_rates
from sandbox import _harsh_noise as rates
from sandbox._harsh_men import CLOSE, CROWD, MASS, plant
from sandbox._record_forms import garrisons, region_rows
from sandbox.grammar import decline_surname
from sandbox.records import generate_records
from sandbox.world import make_world

PEOPLE, SEED = 4000, 3
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_INITIAL = re.compile(r"\b[А-ЯЁA-Z]\.")
# the digest of generate_records(300, 7) as it was before the harsh slips (commit 2f1e4d2)
MILD_DIGEST = "da140bf8f66dbcfba1d96a2fe462c99f47abad83e387f783cd267e0d117e90aa"


@pytest.fixture(scope="module")
def planted():
    return plant(make_world(PEOPLE, SEED), SEED)


@pytest.fixture(scope="module")
def men(planted) -> dict:
    return {p.pid: p for p in planted.world.people}


@pytest.fixture(scope="module")
def harsh() -> pa.Table:
    return generate_records(PEOPLE, SEED)


@pytest.fixture(scope="module")
def rows(harsh) -> list[dict]:
    return harsh.to_pylist()


@pytest.fixture(scope="module")
def mild_rows() -> list[dict]:
    return generate_records(PEOPLE, SEED, noise="mild").to_pylist()


def kind(row: dict) -> str:
    return row["source"].rsplit("-", 1)[0]


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def words(name: str) -> list[str]:
    return [fold(w) for w in _WORD.findall(name)]


def near(hits: int, total: int, rate: float, slack: float = 0.35) -> bool:
    """``hits / total`` within ``slack`` (relative) of ``rate``, the total large enough."""
    assert total >= 30, total
    return abs(hits / total - rate) <= slack * rate


def digest(table: pa.Table) -> str:
    h = hashlib.sha256()
    for column in table.column_names:
        h.update(repr(table.column(column).to_pylist()).encode())
    return h.hexdigest()


def test_mild_is_the_table_of_before():
    assert digest(generate_records(300, 7, noise="mild")) == MILD_DIGEST


def test_harsh_is_the_default_and_differs_from_mild():
    assert generate_records(300, 7).equals(generate_records(300, 7, noise="harsh"))
    assert digest(generate_records(300, 7)) != MILD_DIGEST


def test_unknown_noise_is_refused():
    with pytest.raises(ValueError):
        generate_records(10, 1, noise="brutal")


def test_deterministic_per_seed():
    assert generate_records(400, 5).equals(generate_records(400, 5))
    assert not generate_records(400, 5).equals(generate_records(400, 6))


def test_truth_is_the_mild_truth(harsh, mild_rows):
    assert harsh.column("true_person").to_pylist() == [r["true_person"] for r in mild_rows]


def test_planting_keeps_every_man_and_the_worlds_relatives(planted):
    world = make_world(PEOPLE, SEED)
    assert [p.pid for p in planted.world.people] == [p.pid for p in world.people]
    for before, after in zip(world.people, planted.world.people, strict=True):
        if before.relation:
            assert after == before


def test_namesake_crowds(planted):
    crowd = [p for p, m in zip(planted.world.people, planted.marks, strict=True) if m & CROWD]
    sizes = Counter((p.surname, p.given) for p in crowd)
    assert near(len(crowd), PEOPLE, men_rates.CROWD_SHARE, 0.1)
    assert min(sizes.values()) >= 2 and max(sizes.values()) >= men_rates.CROWD_SIZE[0]


def test_mass_death_namesakes_are_different_men(planted, rows):
    people = planted.world.people
    assert near(sum(bool(m & MASS) for m in planted.marks), PEOPLE, men_rates.MASS_SHARE, 0.1)
    assert len(planted.twins) > 10
    reported = {r["true_person"] for r in rows}
    for group in planted.twins:
        twins = [people[i] for i in group]
        assert len({(p.given, p.patronymic, p.birth.year, p.death) for p in twins}) == 1
        assert len({p.surname for p in twins}) == len(twins)
        assert len({p.pid for p in twins}) == len(twins) and {p.pid for p in twins} <= reported


def test_close_namesakes_died_days_apart(planted):
    close = [p for p, m in zip(planted.world.people, planted.marks, strict=True) if m & CLOSE]
    by_name = {}
    for p in close:
        by_name.setdefault((p.surname, p.given, p.patronymic), []).append(p)
    pairs = [ps for ps in by_name.values() if len(ps) == 2]
    assert len(pairs) >= 0.8 * len(close) / 2 and len(close) >= 30
    assert all(1 <= abs((a.death - b.death).days) <= men_rates.CLOSE_DAYS for a, b in pairs)


@cache
def declined(surname: str) -> frozenset[str]:
    forms = {fold(decline_surname(surname, case)) for case in ("gent", "datv", "ablt")}
    return frozenset(forms - {fold(surname)})


def _name_slips(rows, men):
    """(both the surname and given name misspelled, the given name alone) among the Cyrillic
    records that write both in full (no initials, not declined, no look-alikes)."""
    both = given_only = total = 0
    for r in rows:
        m, name = men[r["true_person"]], r["full_name"]
        if kind(r) in ("social", "press_en") or _INITIAL.search(name):
            continue
        seen = words(name)
        if re.search("[A-Za-z]", name) or set(seen) & declined(m.surname):
            continue
        given_ok, surname_ok = fold(m.given) in seen, fold(m.surname) in seen
        total += 1
        both += not given_ok and not surname_ok
        given_only += surname_ok and not given_ok
    return both, given_only, total


def test_two_slips_and_given_name_slips(rows, men):
    both, given_only, total = _name_slips(rows, men)
    assert near(both, total, rates.TWO_SLIPS, 0.5), both / total
    assert near(given_only, total, rates.GIVEN_SLIP, 0.5), given_only / total


def test_latin_lookalikes_inside_cyrillic_names(rows):
    cyrillic = [r for r in rows if not r["full_name"].isascii()]
    mixed = [r for r in cyrillic if re.search("[aeopcxAEOPCX]", r["full_name"])]
    assert near(len(mixed), len(cyrillic), rates.HOMOGLYPH)


def test_patronymic_as_an_initial(rows, men):
    full = [r for r in rows if kind(r) in ("news", "condolence", "memorial", "kniga")]
    initial = [r for r in full if re.search(r"^\S+ \S{2,} [А-ЯЁ]\.,?$", r["full_name"])]
    # the styles that write a patronymic are about 0.9 of these records
    assert near(len(initial), len(full), 0.9 * rates.INITIAL_PATRONYMIC, 0.5)


def test_surname_and_given_name_swapped(rows, men):
    three = [(r, men[r["true_person"]]) for r in rows if kind(r) in ("news", "memorial", "kniga")]
    order = Counter()
    for r, m in three:
        seen = words(r["full_name"])
        parts = [fold(x) for x in (m.surname, m.given, m.patronymic or "")]
        if len(seen) == 3 and set(seen) == set(parts):
            order[tuple(parts.index(w) for w in seen)] += 1
    swapped, total = order[(1, 0, 2)], order[(1, 0, 2)] + order[(0, 1, 2)]
    assert near(swapped, total, rates.NAME_ORDER, 0.5), order


def _death_forms(rows, men) -> Counter:
    forms = Counter()
    for r in rows:
        m, d = men[r["true_person"]], r["death_date"]
        if d is None or len(d) != 10 or d == m.funeral.isoformat():
            continue
        if d == m.death.isoformat():
            forms["exact"] += 1
        elif d == m.death.strftime("%Y-%d-%m"):
            forms["swapped"] += 1
        elif 0 < (date.fromisoformat(d) - m.death).days <= rates.REPORT_DELAY[1]:
            forms["report"] += 1
        else:
            forms["other"] += 1
    return forms


def test_death_day_and_month_swapped_and_report_dates(rows, men):
    forms = _death_forms(rows, men)
    total = forms.total()
    assert forms["other"] == 0
    assert near(forms["swapped"], total, rates.DEATH_SWAP), forms
    assert near(forms["report"], total, rates.REPORT_DATE * (1 - rates.DEATH_SWAP)), forms


def _region_codes(value: str) -> set[str]:
    codes = set()
    for code, row in region_rows().items():
        region = region_by_code(code)
        names = {code, region.name_ru, region.name_en}
        names |= set(row["aliases_ru"].split("|")) | set(row["aliases_en"].split("|"))
        if value in names:
            codes.add(code)
    return codes


def test_wrong_regions(rows, men):
    units = garrisons()
    lookup = {}
    garrison = other = shown_garrisoned = shown = 0
    for r in rows:
        if r["region"] is None:
            continue
        m = men[r["true_person"]]
        codes = lookup.setdefault(r["region"], _region_codes(r["region"]))
        away = units.get(m.unit or "")
        away = away if away in region_rows() and away != m.region else None
        shown += 1
        shown_garrisoned += away is not None
        if m.region not in codes:
            garrison += away in codes
            other += away not in codes
    assert near(garrison, shown_garrisoned, rates.GARRISON_REGION), garrison / shown_garrisoned
    assert near(other, shown, rates.OTHER_REGION, 0.5), other / shown


def test_towns_of_other_regions(rows, men):
    towns = [(r, men[r["true_person"]]) for r in rows if r["settlement"] and kind(r) != "press_en"]
    foreign = [r for r, m in towns if r["settlement"] != m.settlement]
    assert near(len(foreign), len(towns), rates.FOREIGN_SETTLEMENT, 0.5)


def _shown(row: dict) -> int:
    return sum(row[f] is not None for f in rates.SPARSE_FIELDS)


def test_sparse_reports_most_in_namesake_crowds(rows, mild_rows, planted):
    index = {p.pid: i for i, p in enumerate(planted.world.people)}
    cut = Counter()
    for r, before in zip(rows, mild_rows, strict=True):
        if _shown(before) < 3:
            continue
        crowd = bool(planted.marks[index[r["true_person"]]] & CROWD)
        cut[crowd, "all"] += 1
        cut[crowd, "cut"] += _shown(r) == 1
    assert near(cut[False, "cut"], cut[False, "all"], rates.SPARSE), cut
    assert near(cut[True, "cut"], cut[True, "all"], rates.SPARSE_CROWD, 0.5), cut


def test_vague_reports_of_close_namesakes(rows, men, planted):
    close = {p.pid for p, m in zip(planted.world.people, planted.marks, strict=True) if m & CLOSE}
    first = {}
    for r in rows:
        if r["true_person"] in close:
            first.setdefault(r["true_person"], r)
    vague = [
        r
        for pid, r in first.items()
        if r["death_date"] == men[pid].death.isoformat()[:7] and _shown(r) == 1
    ]
    assert near(len(vague), len(first), rates.VAGUE_CLOSE, 0.4)
