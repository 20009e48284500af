"""Generated records: the contract's columns and types, determinism, scale, truth, and every kind
of mild noise the sources have, at a plausible rate, on a sample of 5,000 men (the harsh slips
on top are tested in test_records_harsh.py)."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from functools import cache

import pyarrow as pa
import pytest

from lexicon.names import given_name
from lexicon.places import region_by_code
from lexicon.translit import to_latin
from sandbox._record_forms import Namer, region_rows
from sandbox.grammar import decline_surname
from sandbox.records import COLUMNS, generate_records, truth_of, write_csv
from sandbox.world import make_world

PEOPLE, SEED = 5000, 3
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@pytest.fixture(scope="module")
def table() -> pa.Table:
    return generate_records(PEOPLE, SEED, noise="mild")


@pytest.fixture(scope="module")
def rows(table) -> list[dict]:
    return table.to_pylist()


@pytest.fixture(scope="module")
def men() -> dict:
    return {p.pid: p for p in make_world(PEOPLE, SEED).people}


def kind(row: dict) -> str:
    return row["source"].rsplit("-", 1)[0]


def words(name: str) -> list[str]:
    return _WORD.findall(name)


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


@cache
def declined(surname: str) -> frozenset[str]:
    forms = {fold(decline_surname(surname, case)) for case in ("gent", "datv", "ablt")}
    return frozenset(forms - {fold(surname)})


def is_latin(name: str) -> bool:
    return name.isascii()


def is_declined(row: dict, man) -> bool:
    return any(fold(w) in declined(man.surname) for w in words(row["full_name"]))


def share(hits: int, total: int) -> float:
    assert total > 0
    return hits / total


def test_columns_and_types(table):
    expected = [(c, pa.int32() if c == "age" else pa.string()) for c in COLUMNS]
    expected.append(("true_person", pa.string()))
    assert [(f.name, f.type) for f in table.schema] == expected


def test_deterministic():
    assert generate_records(400, 5).equals(generate_records(400, 5))


def test_record_count_scales_with_people():
    ratios = [generate_records(n, 11).num_rows / n for n in (1000, 4000)]
    assert all(1.85 < r < 2.15 for r in ratios), ratios


def test_record_count_follows_mean_reports():
    assert 2.8 < generate_records(1000, 11, mean_reports=3.0).num_rows / 1000 < 3.2


def test_mean_reports_below_one_is_refused():
    with pytest.raises(ValueError):
        generate_records(10, 1, mean_reports=0.5)


def test_reports_per_man(rows):
    per_man = Counter(Counter(r["true_person"] for r in rows).values())
    total = sum(per_man.values())
    one, two, three = (per_man[k] / total for k in (1, 2, 3))
    more = sum(per_man[k] for k in (4, 5, 6)) / total
    ok = 0.34 < one < 0.44 and 0.30 < two < 0.40 and 0.14 < three < 0.22 and 0.05 < more < 0.11
    assert ok and max(per_man) <= 6, per_man


def test_every_man_is_reported(rows, men):
    assert {r["true_person"] for r in rows} == set(men)


def test_record_ids_and_urls_unique(rows):
    ids, urls = [r["record_id"] for r in rows], [r["url"] for r in rows]
    assert len(set(ids)) == len(ids) == len(set(urls))


def test_every_kind_reports(rows):
    kinds = Counter(kind(r) for r in rows)
    expected = {"news", "condolence", "social", "memorial", "kniga", "cemetery", "press_en"}
    assert set(kinds) == expected and min(kinds.values()) > 0.05 * len(rows)


def test_write_csv_has_the_contract_header_and_every_record(table, tmp_path):
    path = tmp_path / "records.csv"
    write_csv(table, path)
    with path.open(encoding="utf-8", newline="") as fh:
        read = list(csv.reader(fh))
    assert (read[0], len(read) - 1) == (list(COLUMNS), table.num_rows)


def test_truth_of_maps_every_record_to_its_man(table, rows):
    assert truth_of(table) == {r["record_id"]: r["true_person"] for r in rows}


def test_namesakes_reach_the_records(rows, men):
    names = defaultdict(set)
    for r in rows:
        m = men[r["true_person"]]
        names[(m.surname, m.given, m.patronymic)].add(m.pid)
    assert sum(len(pids) > 1 for pids in names.values()) > 50


def test_brothers_reach_the_records(rows, men):
    reported = {r["true_person"] for r in rows}
    brothers = [
        (m, men[m.relation.split()[-1]])
        for m in men.values()
        if m.relation and m.relation.startswith("brother") and m.pid in reported
    ]
    same = [
        (a.surname, a.patronymic, a.settlement) == (b.surname, b.patronymic, b.settlement)
        and a.given != b.given
        for a, b in brothers
        if b.pid in reported
    ]
    assert len(same) > 30 and all(same)


def test_no_women(rows):
    assert not any(re.search(r"(?:овн|евн|ичн)(?:а|ы|е|ой)\b", r["full_name"]) for r in rows)


def test_short_forms_in_social_posts(rows, men):
    social = [r for r in rows if kind(r) == "social"]

    def short(r):
        row = given_name(men[r["true_person"]].given)
        forms = {fold(d) for d in row.diminutives} if row else set()
        return bool(forms & {fold(w) for w in words(r["full_name"])})

    assert 0.25 < share(sum(map(short, social)), len(social)) < 0.55


def test_no_patronymic_in_social_posts(rows, men):
    social = [r for r in rows if kind(r) == "social" and not is_declined(r, men[r["true_person"]])]
    assert not any(re.search(r"(?:ович|евич|ич)\b", r["full_name"]) for r in social)


def test_initials_on_graves(rows):
    graves = [r for r in rows if kind(r) == "cemetery"]
    initials = [r for r in graves if re.search(r"\b[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?", r["full_name"])]
    assert 0.5 < share(len(initials), len(graves)) < 0.7


def test_capitals_on_memorials(rows):
    memorial = [r for r in rows if kind(r) in ("memorial", "kniga")]
    shouted = [r for r in memorial if re.match(r"[А-ЯЁ-]{3,} ", r["full_name"])]
    assert 0.4 < share(len(shouted), len(memorial)) < 0.7


def test_latin_only_in_the_english_press(rows):
    latin = [r for r in rows if is_latin(r["full_name"])]
    assert {kind(r) for r in latin} == {"press_en"} and 0.07 < share(len(latin), len(rows)) < 0.13


def test_latin_systems_all_appear(rows, men):
    spelled = {
        w
        for r in rows
        if kind(r) == "press_en" and men[r["true_person"]].given in ("Александр", "Сергей")
        for w in words(r["full_name"])
    }
    wanted = {"Aleksandr", "Alexander", "Oleksandr", "Sergey", "Sergei", "Serhii"}
    assert wanted <= spelled, wanted - spelled


def test_declined_names_about_five_percent(rows, men):
    hits = [r for r in rows if is_declined(r, men[r["true_person"]])]
    assert 0.03 < share(len(hits), len(rows)) < 0.07


def test_typos_in_cyrillic_surnames(rows, men):
    plain = [
        r
        for r in rows
        if not is_latin(r["full_name"]) and not is_declined(r, men[r["true_person"]])
    ]
    typos = [
        r
        for r in plain
        if fold(men[r["true_person"]].surname) not in map(fold, words(r["full_name"]))
    ]
    assert 0.015 < share(len(typos), len(plain)) < 0.045


def test_typos_in_latin_surnames(rows, men):
    latin = [r for r in rows if is_latin(r["full_name"])]
    namer = Namer()

    def spellings(surname):
        systems = ("bgn", "passport", "simple", "ukrainian")
        return {namer.latin(s, x, False).lower() for s in (surname, fold(surname)) for x in systems}

    typos = [
        r
        for r in latin
        if not spellings(men[r["true_person"]].surname) & {w.lower() for w in words(r["full_name"])}
    ]
    assert 0.01 < share(len(typos), len(latin)) < 0.06


def test_yo_written_as_e(rows, men):
    with_yo = [
        r
        for r in rows
        if "ё" in men[r["true_person"]].surname
        and not is_latin(r["full_name"])
        and not is_declined(r, men[r["true_person"]])
    ]
    as_e = [
        r
        for r in with_yo
        if men[r["true_person"]].surname.replace("ё", "е").lower()
        in {w.lower() for w in words(r["full_name"])}
    ]
    assert 0.2 < share(len(as_e), len(with_yo)) < 0.45


def test_stray_spaces_and_punctuation(rows):
    stray = [r for r in rows if "  " in r["full_name"] or r["full_name"][-1] in ",."]
    stray = [r for r in stray if not re.search(r"\b[А-ЯЁ]\.$", r["full_name"])]  # initials
    assert 0.008 < share(len(stray), len(rows)) < 0.035


def test_funeral_date_in_the_death_column(rows, men):
    news = [r for r in rows if kind(r) == "news"]
    funeral = [r for r in news if r["death_date"] == men[r["true_person"]].funeral.isoformat()]
    assert 0.11 < share(len(funeral), len(news)) < 0.19


def test_death_dates_exact_month_year_or_missing(rows, men):
    forms = Counter()
    for r in rows:
        m, d = men[r["true_person"]], r["death_date"]
        forms[
            "missing"
            if d is None
            else next(
                k
                for k, v in (
                    ("exact", m.death.isoformat()),
                    ("funeral", m.funeral.isoformat()),
                    ("month", m.death.isoformat()[:7]),
                    ("year", str(m.death.year)),
                )
                if v == d
            )
        ] += 1
    assert all(
        forms[k] > 0.03 * len(rows) for k in ("exact", "funeral", "month", "year", "missing")
    )


def test_birth_day_and_month_swapped_sometimes(rows, men):
    full = [r for r in rows if r["birth_date"] and len(r["birth_date"]) == 10]
    swapped = [r for r in full if r["birth_date"] != men[r["true_person"]].birth.isoformat()]
    ok = all(r["birth_date"] == men[r["true_person"]].birth.strftime("%Y-%d-%m") for r in swapped)
    assert ok and 0.005 < share(len(swapped), len(full)) < 0.02


def test_ages_match_the_man(rows, men):
    ages = [(r["age"], men[r["true_person"]]) for r in rows if r["age"] is not None]
    assert all(age in (m.age, m.death.year - m.birth.year) for age, m in ages)


def region_form(r: dict, men: dict) -> str:
    code, value = men[r["true_person"]].region, r["region"]
    region, row = region_by_code(code), region_rows()[code]
    forms = {
        "missing": {None},
        "code": {code},
        "official": {region.name_ru},
        "alias": set(row["aliases_ru"].split("|")) - {""},
        "english": {region.name_en, *row["aliases_en"].split("|")} - {""},
    }
    return next((form for form, values in forms.items() if value in values), "wrong")


def test_region_is_always_a_form_of_the_mans_region(rows, men):
    assert not [r for r in rows if region_form(r, men) == "wrong"]


def test_region_missing_about_thirty_percent(rows, men):
    missing = sum(region_form(r, men) == "missing" for r in rows)
    assert 0.26 < share(missing, len(rows)) < 0.36


def test_region_in_every_form(rows, men):
    counts = Counter(region_form(r, men) for r in rows)
    assert all(counts[f] > 0.03 * len(rows) for f in ("code", "official", "alias", "english"))


def test_settlement_is_the_mans_home(rows, men):
    shown = [(r, men[r["true_person"]]) for r in rows if r["settlement"]]
    russian = [r["settlement"] == m.settlement for r, m in shown if kind(r) != "press_en"]
    latin = [is_latin(r["settlement"]) for r, m in shown if kind(r) == "press_en"]
    assert all(russian) and all(latin) and 0.4 < len(shown) / len(rows) < 0.8


def test_units_canonical_full_or_missing(rows, men):
    forms = Counter()
    for r in rows:
        unit, canonical = r["unit"], men[r["true_person"]].unit
        if unit is not None:
            forms["canonical" if unit == canonical else "other"] += 1
            forms["social"] += kind(r) == "social"
    assert forms["social"] == 0 and forms["canonical"] > 100 and forms["other"] > 100


def test_category_is_the_mans_or_missing(rows, men):
    shown = [r["category"] == men[r["true_person"]].category for r in rows if r["category"]]
    assert all(shown) and 0.2 < len(shown) / len(rows) < 0.45


def test_bgn_spelling_of_a_known_surname(rows, men):
    petrov = {
        w
        for r in rows
        if kind(r) == "press_en"
        for w in words(r["full_name"])
        if men[r["true_person"]].surname == "Иванов"
    }
    assert to_latin("Иванов", "bgn") in petrov or "IVANOV" in petrov
