"""The column reader of names (`dedupe.name_columns`) and `prepare` built on it give exactly
what reading every record on its own gives: the per-record path below is the one prepare had
before it read names by columns, kept here as the reference."""

import calendar
import re
from collections import Counter
from dataclasses import fields
from datetime import date

import numpy as np
import pyarrow as pa
import pytest

from dedupe import call_signs
from dedupe import field_codes as codes
from dedupe import prepare as prep
from dedupe.name_cells import bare_names
from dedupe.name_columns import read_names
from dedupe.names import name_key
from dedupe.outlets import HOME_RECORDS, HOME_SHARE, SHARED_HOSTS
from lexicon.ranks import leading_rank
from sandbox.records import generate_records

# every shape the column reader decides, and the ones it leaves: initials with and without
# spaces, Latin, upper case, declined forms, short forms, women's forms, slips of the pen,
# look-alike letters, hyphens, Turkic patronymics, one word, five words, blanks, junk
NAMES = [
    "Петров Иван Сергеевич", "Иван Сергеевич Петров", "Иван Петров", "Петров Иван",
    "ПЕТРОВ И. С.", "ПЕТРОВ И.С.", "Петров И.", "И.С. Петров", "И. Петров", "И. С. Петров",
    "Петров И. С. К.", "И. С. К. Петров", "ИВАНОВ ИВАН ИВАНОВИЧ", "ИВАНОВ ИВАН", "Ivan Petrov",
    "Petrov Ivan", "PETROV Ivan", "Aleksandr Sergeevich Petrov", "Petrov A. S.", "A. S. Petrov",
    "Ивана Сергеевича Петрова", "Олега Глебовича Степанова", "Игорю Иванову",
    "Алексеем Смирновым", "Петрова Ивана", "Лаврову Назару", "Али Алиевым", "Евгения Шелеста",
    "Саша Петров", "Слава Кузнецов", "Кузнецов Слава", "Тема Бутаков", "Петрова Мария",
    "Мария Петрова", "Петрова Мария Ивановна", "Ваелрий Петров", "Петров Ваелрий Иванович",
    "Арттём Дениисов", "Дениисов Арттём Сергеевич", "Тиур Петров", "Киpилл Петров",
    "Петров Алексaндр Сергеевич", "Мамедов Эльвин Рамиз оглы", "Эльвин Рамиз оглы Мамедов",
    "Сарыг-оол Аржаан", "Ооржак Ай-Херел Аймирович", "Ким Ен Сук", "Петров", "Иван",
    "Иванов Иван \"Грач\"", "Борис Смирнов (Седой)", "Петров Иван, позывной Монах",
    "Давлатов Умид Парвиз уулу", "Давлатов Умид Парвизович", "гвардии майор Петров И.И.",
    "Captain Ivan Petrov", "ст. сержант Петров Иван", "Вова Козлове", "Вова Козлов", "Козлов Вова",
    "Серега Субботину", "Вова Козлова", "Нина Козлова",
    "Петров Иван Сергеевич Младший Пятый", "Петров  Иван  Сергеевич", " Петров Иван ",
    "Петров Иван Сергеевич,", "Петров Иван Сергеевич.", "ПЕТРОВ Иван Сергеевич (посмертно)",
    "Семёнов Пётр Фёдорович", "Семенов Петр Федорович", "О'Коннор Джон", "Д'Артаньян Шарль",
    "Иванов-Петров Сергей", "Smith John Петрович", "Иван Smith Петрович", "Петрович Иван",
    "Сергеевич Петров", "Петров Сергеевич", "И. Сергеевич", "Петров-", "-", ".", "...", "И.",
    "nan", "None", "NULL", "", "   ", "12345", "Петров 2", "Р. Р. Р. Р.", "ЁЁ Ё.",
    "Алиев Рашид Гасан оглы", "Ибрагимов Руслан Магомедович", "Ибрагимову Руслану Магомедовичу",
    "Шевченко Тарас", "Тарас Шевченко", "Кузьменко Вова", "Дьячковским Кэнчээри",
]  # fmt: skip


def _reference_name_row(text: str) -> tuple:
    """What prepare computes for one name read on its own (`read_name` of the name without what
    its cell carries around it: the strict reading, and the loose one of a slip)."""
    key = prep.read_name(bare_names([text])[0])
    return (
        key.usable,
        prep.stable_hash(key.surname),
        prep.stable_hash(key.given),
        prep.stable_hash(key.patronymic),
        prep.stable_hash(key.given_initial),
        prep.stable_hash(key.patronymic_initial),
        prep.stable_hash(prep.skeleton(key.surname)),
        tuple(prep.stable_hash(o) for o in key.given_options) + (0,) * (3 - len(key.given_options)),
        {"m": 1, "f": 2}.get(key.gender or "", 0),
        key.surname,
        key.given,
        key.patronymic,
    )


def _reference_features(table: pa.Table) -> prep.Features:
    """Features record by record: every value from its own text, no column tricks."""
    rows = table.to_pylist()
    names = [_reference_name_row(prep._text(r.get("full_name"))) for r in rows]
    births = [prep._date_row(prep._text(r.get("birth_date"))) for r in rows]
    deaths = [prep._date_row(prep._text(r.get("death_date"))) for r in rows]
    region = [codes.region_code(prep._text(r.get("region")), cell=True) for r in rows]
    settlement = [codes.region_code(prep._text(r.get("settlement"))) for r in rows]

    def column(values, dtype, k=None):
        return np.array([v if k is None else v[k] for v in values], dtype=dtype)

    sources = [_reference_outlet(r) for r in rows]
    places = [a or b for a, b in zip(region, settlement, strict=True)]
    return prep.Features(
        record_id=np.array([str(r.get("record_id")) for r in rows], dtype=object),
        usable=column(names, bool, 0) & ~column([bool(r.get("distinct_person")) for r in rows], bool),
        surname=column(names, np.int64, 1),
        given=column(names, np.int64, 2),
        patronymic=column(names, np.int64, 3),
        given_initial=column(names, np.int64, 4),
        patronymic_initial=column(names, np.int64, 5),
        surname_skeleton=column(names, np.int64, 6),
        given_alt=np.array([n[7] for n in names], dtype=np.int64).reshape(-1, 3),
        gender=column(names, np.int8, 8),
        surname_text=column(names, object, 9),
        given_text=column(names, object, 10),
        patronymic_text=column(names, object, 11),
        birth_y=column(births, np.int16, 0),
        birth_m=column(births, np.int8, 1),
        birth_d=column(births, np.int8, 2),
        age=np.array([prep.read_age(r.get("age")) for r in rows], dtype=np.int16),
        death_ord=column(deaths, np.int32, 3),
        death_prec=column(deaths, np.int8, 4),
        death_y=column(deaths, np.int16, 0),
        region=np.array(places, dtype=np.int64),
        settlement=column([codes.settlement_code(prep._text(r.get("settlement"))) for r in rows], np.int64),
        unit=column([codes.unit_code(prep._text(r.get("unit")))[0] for r in rows], np.int64),
        unit_kind=column([codes.unit_code(prep._text(r.get("unit")))[1] for r in rows], np.int8),
        category=column([codes.category_code(prep._text(r.get("category"))) for r in rows], np.int64),
        call_sign=column([_reference_call_sign(r) for r in rows], np.int64),
        rank=column([_reference_rank(r) for r in rows], np.int8),
        source=np.array(sources, dtype=np.int64),
        home_region=_reference_homes(sources, places),
        published=np.array([_reference_published(r) for r in rows], dtype=np.int32),
    )  # fmt: skip


def _reference_outlet(row: dict) -> int:
    """The source with the address's host (and a shared host's community), hashed."""
    found = re.match(
        r"[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)(/[^/?#]*)?", (row.get("url") or "").strip()
    )
    site = ""
    if found:
        host = found[1].split(":")[0].lower()
        host = (
            host[4:]
            if found[1].startswith("www.")
            else host[2:]
            if found[1].startswith("m.")
            else host
        )
        site = host
        if host in SHARED_HOSTS:
            site += re.sub(r"^(/wall-?\d+)_.*$", r"\1", found[2] or "")
    text = f"{(row.get('source') or '').strip()}|{site}"
    return 0 if text == "|" else prep.stable_hash(text)


def _reference_homes(sources: list[int], places: list[int]) -> np.ndarray:
    """Each record's outlet's home region: the region most of its records name (the smaller
    hash among equals), where `HOME_RECORDS` or more name one and `HOME_SHARE` of them the same."""
    named = {}
    for s, r in zip(sources, places, strict=True):
        if s and r:
            named.setdefault(s, Counter())[r] += 1
    homes = {}
    for s, counter in named.items():
        region, most = min(counter.items(), key=lambda item: (-item[1], item[0]))
        total = sum(counter.values())
        if total >= HOME_RECORDS and most >= HOME_SHARE * total:
            homes[s] = region
    return np.array([homes.get(s, 0) for s in sources], dtype=np.int64)


def _reference_published(row: dict) -> int:
    """The day the page came out by: its `published_date`, else the date its address gives
    (the month's last day for a month), 0 none."""
    said = re.match(r"\s*(\d{4})-(\d\d)-(\d\d)", row.get("published_date") or "")
    found = said or re.search(
        r"/(20\d\d)[/-]([01]?\d)(?:[/-]([0-3]?\d))?(?:[/._-]|$)", row.get("url") or ""
    )
    if not found:
        return 0
    y, m, d = int(found[1]), int(found[2]), int(found[3] or 0)
    if not 1 <= m <= 12 or d > calendar.monthrange(y, m)[1]:
        return 0 if not said else _reference_published({"url": row.get("url")})
    return date(y, m, d or calendar.monthrange(y, m)[1]).toordinal()


def _reference_rank(row: dict) -> int:
    """The rank column's seniority, else that of the rank the name's cell opens with."""
    text = prep._text(row.get("full_name"))
    end = leading_rank(text)
    return codes.rank_code(prep._text(row.get("rank"))) or codes.rank_code(
        text[:end] if end else ""
    )


def _reference_call_sign(row: dict) -> int:
    """The record's call sign read from each of its texts in turn, the later ones winning."""
    found = call_signs.in_text(row.get("context") or "", row.get("spans"))
    for column in ("name_raw", "full_name"):
        found = call_signs.in_cell(prep._text(row.get(column))) or found
    return prep.stable_hash(found)


def _slips(names: list[str], rng: np.random.Generator) -> list[str]:
    """Each name with a slip or two: letters swapped, doubled or dropped, case changed."""
    out = []
    for name in names:
        letters = list(name)
        for _ in range(rng.integers(1, 3)):
            if len(letters) < 3:
                break
            k = int(rng.integers(0, len(letters) - 1))
            kind = rng.integers(0, 4)
            if kind == 0:
                letters[k], letters[k + 1] = letters[k + 1], letters[k]
            elif kind == 1:
                letters.insert(k, letters[k])
            elif kind == 2:
                del letters[k]
            else:
                letters[k] = letters[k].swapcase()
        out.append("".join(letters))
    return out


@pytest.fixture(scope="module")
def records() -> pa.Table:
    table = generate_records(1500, 7).drop_columns(["true_person"])
    rng = np.random.default_rng(15)
    generated = table.column("full_name").to_pylist()
    extra = NAMES + _slips(NAMES, rng) + _slips(generated[:500], rng)
    n = len(extra)
    more = pa.table(
        {
            "record_id": [f"x{k}" for k in range(n)],
            "full_name": extra,
            "age": pa.array([None, 30, 31, 150, -1] * (n // 5) + [7] * (n % 5), pa.int32()),
            "death_date": (["2024-02-30", "2024", "2023-07", None, "bad"] * n)[:n],
            "region": (["Башкирия", None, " Bashkortostan ", "", "Тыва", "null"] * n)[:n],
            # dated addresses (a day, a month, none, impossible ones) and outlets at home or not
            "url": (
                [
                    "https://news1.ru/2023/12/22/1.html",
                    "https://a.ru/2024/02/30/x",
                    None,
                    "https://p.com/world/2025/12/342",
                    "https://x.ru/news/2024-03-15-t",
                    "https://x.ru/2024/1234",
                    "https://x.ru/2024/13/01/",
                    "https://x.ru/2024/2/29",
                ]
                * n
            )[:n],  # fmt: skip
            "source": (["news-1", "news-2", None, "news-1", "vk", "news-1", "news-1"] * n)[:n],
            "published_date": ([None, "2024-01-05", "2024-02-31", "", "2023-11-30T08:00"] * n)[:n],
        }
    )
    return pa.concat_tables([table, more], promote_options="default")


def test_prepare_equals_the_per_record_reading(records):
    got, want = prep.prepare(records), _reference_features(records)
    for field in fields(prep.Features):
        a, b = getattr(got, field.name), getattr(want, field.name)
        assert a.dtype == b.dtype, field.name
        assert a.shape == b.shape, field.name
        differ = np.flatnonzero((a != b).reshape(len(a), -1).any(axis=1))
        names = records.column("full_name").take(differ[:5]).to_pylist()
        assert not len(differ), f"{field.name} differs on {len(differ)} records, e.g. {names}"


def test_column_reader_equals_name_key_on_every_shape(records):
    texts = sorted({prep._text(t) for t in records.column("full_name").to_pylist()})
    read = read_names(texts)
    keys = np.array(read.keys, dtype=object)
    for k, text in enumerate(texts):
        want = name_key(text)
        got = (
            keys[read.surname[k]], keys[read.given[k]], keys[read.patronymic[k]],
            keys[read.given_initial[k]], keys[read.patronymic_initial[k]],
            tuple(x for x in keys[read.given_options[k]] if x),
            {1: "m", 2: "f"}.get(int(read.gender[k])), bool(read.usable[k]),
        )  # fmt: skip
        assert got == (
            want.surname, want.given, want.patronymic, want.given_initial,
            want.patronymic_initial, want.given_options, want.gender, want.usable,
        ), text  # fmt: skip


def test_common_shapes_are_read_by_columns_not_one_by_one():
    left = []

    def read_one(texts):
        left.extend(texts)
        return [name_key(t) for t in texts]

    read_names(
        ["Петров Иван Сергеевич", "Иван Сергеевич Петров", "Иван Петров", "ПЕТРОВ И. С.",
         "И.С. Петров", "Ivan Petrov", "Ооржак Ай-Херел Аймирович", "Ивана Сергеевича Петрова"],
        read_one,
    )  # fmt: skip
    assert left == ["Ивана Сергеевича Петрова"]


def test_no_names_at_all():
    read = read_names([])
    assert read.keys == [""] and read.surname.shape == (0,) and read.given_options.shape == (0, 3)
