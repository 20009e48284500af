"""The foreign records generator: its table's contract, its repeatability, and that the noise and
the hard cases it declares do happen, at roughly the declared rates (on ~2,000 men)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import numpy as np
import pyarrow as pa
import pytest

from sandbox import _foreign_plants as plants
from sandbox._foreign_declension import decline_given, decline_patronymic, decline_surname
from sandbox._foreign_fields import CATEGORY_WORDS
from sandbox._foreign_latin import latin
from sandbox._foreign_lexicon import lexicon, patronymic_of
from sandbox._foreign_men import generate_men
from sandbox._foreign_sources import KINDS
from sandbox.foreign import NOTABLE_EXTRA, REPORTS_P, SCHEMA, generate_foreign

COLUMNS = ["record_id", "source", "full_name", "birth_date", "death_date", "age", "region",
           "settlement", "unit", "category", "url", "true_person"]  # fmt: skip
ISO = re.compile(r"^\d{4}-\d\d-\d\d$")
LATIN = re.compile(r"^[A-Za-zÀ-ÿ'\" .,;:()«»-]+$")
INITIALS = re.compile(r"(^|\s)[А-ЯЁ]\.\s?([А-ЯЁ]\.?)?(\s|$)|\s[А-ЯЁ]\.[А-ЯЁ]\.")


@pytest.fixture(scope="module")
def small() -> pa.Table:
    return generate_foreign(300, 11)


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return generate_foreign(2000, 3).to_pylist()


@pytest.fixture(scope="module")
def men():
    return generate_men(2000, np.random.default_rng(3))


def test_same_seed_same_table_other_seed_other_table(small):
    assert generate_foreign(300, 11).equals(small)
    assert not generate_foreign(300, 12).equals(small)


def test_columns_and_types_are_exactly_the_contract(small):
    assert small.column_names == COLUMNS
    assert small.schema.equals(SCHEMA)
    assert small.schema.field("age").type == pa.int64()
    for name in COLUMNS:
        if name != "age":
            assert small.schema.field(name).type == pa.string()
    for name in ("record_id", "source", "full_name", "url", "true_person"):
        assert small.column(name).null_count == 0


def test_every_record_is_about_one_of_the_men_and_every_man_is_reported(small):
    people = {f"man-11-{m:07d}" for m in range(300)}
    reported = set(small.column("true_person").to_pylist())
    assert reported == people


def test_record_ids_are_unique(small):
    ids = small.column("record_id").to_pylist()
    assert len(set(ids)) == len(ids)


def test_sources_are_numbered_outlets_of_the_declared_kinds(rows):
    kinds = {k.name for k in KINDS}
    for row in rows:
        kind, _, number = row["source"].rpartition("-")
        assert kind in kinds and number.isdigit()


def test_reports_per_man_are_skewed_with_a_mean_near_two(rows):
    per_man = Counter(r["true_person"] for r in rows)
    counts = Counter(per_man.values())
    declared = sum((k + 1) * p for k, p in enumerate(REPORTS_P))
    mean = len(rows) / len(per_man)
    assert declared <= mean <= declared + NOTABLE_EXTRA * 0.1
    assert counts[1] / len(per_man) == pytest.approx(REPORTS_P[0], abs=0.05)
    assert max(per_man.values()) <= len(REPORTS_P) + NOTABLE_EXTRA


def test_kinds_of_source_come_at_their_declared_shares(rows):
    kinds = Counter(r["source"].rpartition("-")[0] for r in rows)
    for kind in KINDS:
        assert kinds[kind.name] / len(rows) == pytest.approx(kind.share, rel=0.25)


def test_names_come_in_latin_declined_initials_caps_and_short_forms(rows):
    names = [r["full_name"] for r in rows]
    english = [r["full_name"] for r in rows if r["source"].startswith("press_en")]
    assert sum(bool(LATIN.match(n)) for n in english) / len(english) > 0.9
    assert sum(bool(re.search(r"(вичем|вичу|вича|ичем)\b", n)) for n in names) > 50
    assert sum(bool(INITIALS.search(n)) for n in names) > 50
    assert sum(bool(re.match(r"^(\S+ )*[А-ЯЁ]{3,} [А-ЯЁ][а-яё]", n)) for n in names) > 100
    assert any(re.search(r"\b(Саша|Дима|Женя|Лёша|Леша|Серёга|Ваня|Вова)\b", n) for n in names)
    assert any("«" in n or "позывной" in n for n in names)
    assert any(n.startswith(("рядовой", "сержант", "гвардии", "Рядовой")) for n in names)


def test_dates_come_in_many_forms_and_not_only_iso(rows):
    deaths = [r["death_date"] for r in rows if r["death_date"]]
    iso = sum(bool(ISO.match(d)) for d in deaths)
    assert 0 < iso < len(deaths) * 0.3
    assert any(re.match(r"^\d\d\.\d\d\.\d{4}$", d) for d in deaths)
    assert any(
        re.search(r"\d+ (января|февраля|марта|апреля|мая|июня|июля|августа)", d) for d in deaths
    )
    assert any(re.match(r"^(весной|летом|осенью|зимой) \d{4}$", d) for d in deaths)
    assert any(re.match(r"^\d{4}( г\.)?$", r["birth_date"] or "") for r in rows)
    assert any(r["age"] is not None and r["birth_date"] is None for r in rows)


def test_places_units_and_categories_vary_and_conflict(rows):
    regions = {r["region"] for r in rows if r["region"]}
    assert any(r.startswith("RU-") for r in regions)
    assert any(r.endswith("обл.") for r in regions)
    assert any(r.endswith(("Oblast", "region")) for r in regions)
    settlements = {r["settlement"] for r in rows if r["settlement"]}
    assert any(s.startswith(("в ", "из ")) for s in settlements)
    assert any(s.startswith(("г. ", "с. ", "пгт ")) for s in settlements)
    assert any(s.endswith("район") for s in settlements)
    units = {r["unit"] for r in rows if r["unit"]}
    assert any(u.startswith("в/ч") for u in units)
    assert any("Вагнер" in u for u in units)
    said = defaultdict(set)
    kind_of = {w: k for k, words in CATEGORY_WORDS.items() for w in words}
    for r in rows:
        if r["category"] in kind_of:
            said[r["true_person"]].add(kind_of[r["category"]])
    assert sum(len(v) > 1 for v in said.values()) >= 10


def test_sparse_reports_are_common_on_graves_and_social_posts(rows):
    fields = ("birth_date", "death_date", "age", "region", "settlement", "unit", "category")
    for kind in ("vk-post", "cemetery"):
        mine = [r for r in rows if r["source"].startswith(kind + "-")]
        sparse = sum(sum(r[f] is not None for f in fields) <= 1 for r in mine)
        declared = next(k.sparse for k in KINDS if k.name == kind)
        assert sparse / len(mine) >= declared * 0.8


def test_settlements_belong_to_their_region(men):
    lex = lexicon()
    for region, town in zip(men.region, men.settlement, strict=True):
        assert town in {t.name for t in lex.settlements[lex.regions[region].code]}


def test_namesakes_brothers_fathers_and_lookalikes_are_planted(men):
    n = len(men)
    full = Counter(zip(men.surname, men.given, men.patronymic, strict=True))
    in_namesake_groups = sum(v for v in full.values() if v > 1)
    assert in_namesake_groups >= plants.NAMESAKE_SHARE * n
    family = defaultdict(set)
    for s, g, p, r in zip(men.surname, men.given, men.patronymic, men.region, strict=True):
        family[(s, p, r)].add(g)
    brothers = sum(len(g) for g in family.values() if len(g) > 1)
    assert brothers >= plants.BROTHER_SHARE * n * 0.8
    givens = {(s, g) for s, g in zip(men.surname, men.given, strict=True)}
    sons = sum((s, f) in givens for s, f in zip(men.surname, men.father, strict=True))
    assert sons >= plants.FATHER_SON_SHARE * n / 2
    years = (men.birth / 365.25).astype(int)
    look = Counter(zip(men.given, men.patronymic, years.tolist(), men.death.tolist(), strict=True))
    assert sum(v > 1 for v in look.values()) >= 5


def test_men_are_born_1960_2005_and_die_in_the_war(men):
    assert men.birth.min() >= np.datetime64("1960-01-01").astype(int)
    assert men.birth.max() <= np.datetime64("2005-12-31").astype(int)
    assert men.death.min() >= np.datetime64("2022-02-24").astype(int)
    assert men.death.max() <= np.datetime64("2025-12-31").astype(int)
    years = men.birth.astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
    assert ((years >= 1980) & (years <= 2000)).mean() > 0.6
    assert Counter(men.death.tolist()).most_common(1)[0][1] >= 10  # a mass-death day


def test_patronymics_follow_russian_morphology():
    lex = lexicon()
    expected = {"Иван": "Иванович", "Илья": "Ильич", "Никита": "Никитич", "Лев": "Львович",
                "Павел": "Павлович", "Пётр": "Петрович", "Ринат": "Ринатович",
                "Дмитрий": "Дмитриевич", "Сергей": "Сергеевич"}  # fmt: skip
    for father, patronymic in expected.items():
        assert patronymic_of(father, lex) == patronymic
    assert patronymic_of("Фаннур", lex) == "Фаннурович"  # not in the table: the plain rule


def test_declension_and_transliteration_spot_checks():
    assert decline_surname("Иванов", "ins") == "Ивановым"
    assert decline_surname("Шевченко", "gen") == "Шевченко"
    assert decline_surname("Достоевский", "dat") == "Достоевскому"
    assert decline_given("Павел", "gen") == "Павла"
    assert decline_given("Илья", "ins") == "Ильёй"
    assert decline_patronymic("Ильич", "gen") == "Ильича"
    assert decline_patronymic("Рамиз оглы", "gen") == "Рамиз оглы"
    spelled = {s: latin("Евгений", s) for s in ("bgn", "icao", "gost", "german", "french")}
    assert spelled == {"bgn": "Yevgeniy", "icao": "Evgenii", "gost": "Evgenij",
                       "german": "Jewgeni", "french": "Ievgueni"}  # fmt: skip
