"""A second generator of labelled death reports, written apart from dedupe and its own generator.

`generate_foreign(men, seed)` draws a population of dead men (sandbox._foreign_men) and then the
reports about each of them: one to eight, most men one or two, each from a kind of source with
its own habits (sandbox._foreign_sources) and the noise real reports carry (names in other
cases, orders, initials, Latin, slips; dates in a dozen forms and sometimes the funeral's; places
official, colloquial, declined or wrong; units by number, name or code). The column true_person
says which man a report is about, so a dedupe can be scored on noise it was not designed around.

    .venv/bin/python -m sandbox.foreign MEN SEED OUT.parquet
"""

from __future__ import annotations

import random
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from sandbox._foreign_fields import (
    day_parts,
    write_category,
    write_date,
    write_region,
    write_settlement,
    write_unit,
)
from sandbox._foreign_lexicon import Lexicon, lexicon, patronymic_of
from sandbox._foreign_men import CATEGORIES, Men, generate_men
from sandbox._foreign_names import pick, write_name
from sandbox._foreign_sources import KINDS, Kind

# reports per man, 1 to 8: half the men are named once, the mean is about two
REPORTS_P = [0.5, 0.24, 0.11, 0.07, 0.04, 0.02, 0.012, 0.008]
NOTABLE_EXTRA = 2  # officers and Heroes of Russia get two more reports (more is written about them)
AGE_OFF_BY_ONE = 0.1  # ages counted by year difference or at the funeral, one year off
FUNERAL_DAYS = (3, 21)  # the funeral follows the death by days to weeks
PUBLISHED_DAYS = (5, 90)  # the report follows the death by days to months
SHARED_PAGE = 0.5  # a report of a mass-death event that is one list page for all its men
LIST_PAGES = ("news", "condolence")  # the kinds that publish one page listing several dead
SCHEMA = pa.schema(
    [("record_id", pa.string()), ("source", pa.string()), ("full_name", pa.string()),
     ("birth_date", pa.string()), ("death_date", pa.string()), ("age", pa.int64()),
     ("region", pa.string()), ("settlement", pa.string()), ("unit", pa.string()),
     ("category", pa.string()), ("url", pa.string()), ("true_person", pa.string())]
)  # fmt: skip
FIELDS = ("birth", "death", "age", "region", "settlement", "unit", "category")


def _man_card(men: Men, m: int, lex: Lexicon, rank_en: dict[str, str]) -> dict:
    """What the name writer needs of one man, built once per man."""
    given = lex.given_rows.get(men.given[m])
    unit = lex.units[men.unit[m]] if men.unit[m] >= 0 else None
    patronymic = men.patronymic[m]
    return {
        "surname": men.surname[m], "given": men.given[m], "patronymic": patronymic,
        "ovich": patronymic_of(men.father[m], lex) if " " in patronymic else patronymic,
        "diminutives": given.diminutives if given else [], "latin": given.latin if given else [],
        "ukrainian": given.ukrainian if given else "",
        "callsign": men.callsign[m], "rank": men.rank[m], "rank_en": rank_en.get(men.rank[m], "private"),
        "guards": bool(unit and "гвардейск" in unit.full), "hero": bool(men.hero[m]),
    }  # fmt: skip


def _age(birth: int, death: int) -> int:
    by, bm, bd = day_parts(birth)
    dy, dm, dd = day_parts(death)
    return dy - by - (1 if (dm, dd) < (bm, bd) else 0)


def _fields(rng: random.Random, kind: Kind, men: Men, m: int, lex: Lexicon) -> dict:
    """The report's fields other than the name: dates, age, places, unit, category."""
    english = kind.habit.latin
    given = {f for f in FIELDS if rng.random() < kind.present[f]}
    if rng.random() < kind.sparse:
        given = {FIELDS[rng.randrange(len(FIELDS))]}
    out: dict = dict.fromkeys(FIELDS)
    death = int(men.death[m])
    roll = rng.random()
    if roll < kind.funeral:
        death += rng.randint(*FUNERAL_DAYS)
    elif roll < kind.funeral + kind.published:
        death += rng.randint(*PUBLISHED_DAYS)
    if "death" in given:
        out["death"] = write_date(rng, death, pick(rng, kind.death_forms), english)
    if "birth" in given:
        out["birth"] = write_date(rng, int(men.birth[m]), pick(rng, kind.birth_forms), english)
    if "age" in given:
        age = _age(int(men.birth[m]), int(men.death[m]))
        out["age"] = age + (rng.choice((-1, 1)) if rng.random() < AGE_OFF_BY_ONE else 0)
    region = lex.regions[men.region[m]]
    town_name = men.settlement[m]
    unit = lex.units[men.unit[m]] if men.unit[m] >= 0 else None
    if kind.name == "cemetery" or rng.random() < kind.wrong_region / 2:
        region, town_name = lex.regions[men.burial_region[m]], men.burial[m]
    elif rng.random() < kind.wrong_region / 2 and unit is not None:
        region = next((r for r in lex.regions if r.code == unit.garrison), region)
    if "region" in given:
        out["region"] = write_region(rng, region, pick(rng, kind.region_forms))
    if "settlement" in given:
        town = _town(lex, region.code, town_name)
        if men.district[m] and rng.random() < kind.district:
            out["settlement"] = men.district[m]
        elif men.district[m] and region.capital and rng.random() < kind.capital:
            out["settlement"] = write_settlement(
                rng, _town(lex, region.code, region.capital), region.capital, "plain", english
            )
        else:
            out["settlement"] = write_settlement(
                rng, town, town_name, pick(rng, kind.settlement_forms), english
            )
    category = CATEGORIES[men.category[m]]
    if "unit" in given:
        out["unit"] = write_unit(rng, unit, category, pick(rng, kind.unit_forms), english)
    if "category" in given:
        form = "code" if rng.random() < kind.code else "words"
        out["category"] = write_category(rng, category, form, english, kind.confused)
    out["death_day"] = death
    return out


_TOWNS: dict[tuple[str, str], object] = {}


def _town(lex: Lexicon, code: str, name: str):
    if not _TOWNS:
        for c, towns in lex.settlements.items():
            for t in towns:
                _TOWNS.setdefault((c, t.name), t)
    return _TOWNS.get((code, name))


def _outlet(rng: random.Random, kind: Kind, region: int) -> int:
    if kind.per_region and (not kind.national or rng.random() < 0.9):
        return region * kind.per_region + rng.randrange(kind.per_region)
    return 1000 + rng.randrange(kind.national)


def _url(kind: Kind, outlet: int, day: int, n: int, shared: int | None) -> str:
    y, m, d = day_parts(day)
    page = f"list-{shared}" if shared is not None else n
    return kind.url.format(o=outlet, y=y, m=m, d=d, n=page)


def generate_foreign(men: int, seed: int) -> pa.Table:
    """Reports about `men` dead men, each labelled with the man it is about."""
    nrng = np.random.default_rng(seed)
    people = generate_men(men, nrng)
    lex = lexicon()
    rank_en = {r: en for r, en, _, _ in lex.ranks}
    counts = nrng.choice(np.arange(1, len(REPORTS_P) + 1), size=men, p=REPORTS_P)
    officers = {r for r, _, officer, _ in lex.ranks if officer}
    notable = people.hero | np.array([r in officers for r in people.rank])
    counts[notable] += NOTABLE_EXTRA
    owner = nrng.permutation(np.repeat(np.arange(men), counts))
    shares = np.array([k.share for k in KINDS])
    kinds = nrng.choice(len(KINDS), size=len(owner), p=shares / shares.sum())
    rng = random.Random(seed)
    cards: dict[int, dict] = {}
    columns: dict[str, list] = {name: [] for name in SCHEMA.names}
    for i, (m, k) in enumerate(zip(owner.tolist(), kinds.tolist(), strict=True)):
        kind = KINDS[k]
        card = cards.get(m) or cards.setdefault(m, _man_card(people, m, lex, rank_en))
        fields = _fields(rng, kind, people, m, lex)
        outlet = _outlet(rng, kind, int(people.region[m]))
        event = int(people.event[m])
        listed = event >= 0 and kind.name in LIST_PAGES and rng.random() < SHARED_PAGE
        shared = event if listed else None
        published = int(people.death[m]) + rng.randint(*PUBLISHED_DAYS)
        columns["record_id"].append(f"rec-{seed}-{i:08d}")
        columns["source"].append(f"{kind.name}-{outlet}")
        columns["full_name"].append(write_name(rng, kind.habit, card))
        columns["birth_date"].append(fields["birth"])
        columns["death_date"].append(fields["death"])
        columns["age"].append(fields["age"])
        columns["region"].append(fields["region"])
        columns["settlement"].append(fields["settlement"])
        columns["unit"].append(fields["unit"])
        columns["category"].append(fields["category"])
        columns["url"].append(_url(kind, outlet, published, i, shared))
        columns["true_person"].append(f"man-{seed}-{m:07d}")
    return pa.Table.from_pydict(columns, schema=SCHEMA)


def main(argv: list[str]) -> None:
    men, seed, out = int(argv[0]), int(argv[1]), argv[2]
    table = generate_foreign(men, seed)
    pq.write_table(table, out)
    print(f"{table.num_rows} reports of {men} men → {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
