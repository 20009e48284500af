"""Candidate pairs are exactly the pairs the blocking rules describe: records sharing a key,
all against all in a group of up to `cap`, a window of neighbours by date of death in a bigger
one, and surnames one letter apart (with the same given name, and with the same initial)
paired across surnames. The
reference below walks the groups one record at a time."""

import re
from collections import defaultdict

import numpy as np
import pyarrow as pa
import pytest

from dedupe import blocking as B
from dedupe.prepare import prepare, stable_hash
from sandbox.records import generate_records


def _pairs_of_groups(entries, rank, cap, window, differ=None) -> set[tuple[int, int]]:
    groups = defaultdict(list)
    for key, record in entries:
        if key:
            groups[key].append(record)
    out = set()
    for records in groups.values():
        records.sort(key=lambda r: rank[r])
        reach = len(records) - 1 if len(records) <= cap else window
        for k, a in enumerate(records):
            for b in records[k + 1 : k + 1 + reach]:
                if a != b and (differ is None or differ[a] != differ[b]):
                    out.add((min(a, b), max(a, b)))
    return out


def _reference_pairs(f, cap=40, window=6) -> np.ndarray:
    rank = B.death_rank(f)
    out = set()
    for name, key in B.blocking_keys(f).items():
        c, w = (cap // 3, window // 2) if name in B._BROAD else (cap, window)
        out |= _pairs_of_groups(zip(key.tolist(), range(len(f)), strict=True), rank, c, w)
    # surnames a letter apart, with the same given name (or initial), and with the same initial
    for given, c, w in [
        (B.given_or_initial(f), cap, window),
        (f.given_initial, cap // 3, window // 2),
    ]:
        records, variants = [], []
        for r in range(len(f)):
            text = f.surname_text[r]
            if not f.usable[r] or not f.surname[r] or len(text) < 4 or not given[r]:
                continue
            text = B.letters(text)
            left_out = (
                re.sub(r"(.)\1+", r"\1", text[:k] + text[k + 1 :]) for k in range(len(text))
            )
            for v in {text, *left_out}:
                records.append(r)
                variants.append(stable_hash("~" + v))
        keys = B.combine(np.array(variants, dtype=np.int64), given[records])
        out |= _pairs_of_groups(zip(keys.tolist(), records, strict=True), rank, c, w, f.surname)
    return np.array(sorted(out), dtype=np.int64).reshape(-1, 2)


@pytest.fixture(scope="module")
def features():
    table = generate_records(1200, 5).drop_columns(["true_person"])
    # a crowd of namesakes who died within weeks (groups past `cap`), and slips in the surname
    n = 150
    surnames = ["Иванов", "Иваннов", "Ивнов", "Иванвов", "Иванов"]
    crowd = pa.table(
        {
            "record_id": [f"c{k}" for k in range(n)],
            "full_name": [f"{surnames[k % 5]} Иван Иванович" for k in range(n)],
            "death_date": [f"2024-03-{1 + k % 28:02d}" for k in range(n)],
            "birth_date": [f"19{70 + k % 3}" for k in range(n)],
            "region": ["Тыва" if k % 2 else None for k in range(n)],
        }
    )
    return prepare(pa.concat_tables([table, crowd], promote_options="default"))


def test_candidate_pairs_are_the_pairs_the_rules_describe(features):
    got, want = B.candidate_pairs(features), _reference_pairs(features)
    assert len(want) > 1000
    assert np.array_equal(got, want)


@pytest.mark.parametrize("cores", [1, 2, 4])
def test_the_keys_paired_on_threads_give_the_same_pairs(features, monkeypatch, cores):
    monkeypatch.setattr(B, "THREADS_FROM", 0)  # a big list's way, on this small one
    monkeypatch.setattr(B.os, "cpu_count", lambda: cores)
    assert np.array_equal(B.candidate_pairs(features), _reference_pairs(features))


def test_only_the_marked_records_pairs_are_kept(features):
    only = np.zeros(len(features), dtype=bool)
    only[::7] = True
    want = _reference_pairs(features)
    want = want[only[want[:, 0]] | only[want[:, 1]]]
    assert np.array_equal(B.candidate_pairs(features, only=only), want)


def test_no_records_no_pairs():
    assert B.candidate_pairs(prepare([])).shape == (0, 2)


def test_both_names_slipped_meet_on_the_day_of_death():
    """«Вова Егоов» and «Vladimir Yegorov» share no name key and are more than one letter
    apart; the day of death with the initials of both names still brings them together."""
    f = prepare(
        [
            {"record_id": "a", "full_name": "Вова Егоов", "death_date": "2023-01-15"},
            {"record_id": "b", "full_name": "Vladimir Yegorov", "death_date": "2023-01-15"},
            {"record_id": "c", "full_name": "Vladimir Yegorov", "death_date": "2023-01-16"},
        ]
    )
    keys = B.blocking_keys(f)["death_day+initials"]
    assert keys[0] == keys[1] != 0 and keys[2] != keys[0]
    assert [0, 1] in B.candidate_pairs(f).tolist()


def test_an_age_and_a_town_are_keys_too():
    """«Игорь Тарасов, 55» meets the dated record of his name through the age at death the
    dates give; «Пюпов Алексей» meets «ПОПОВ Алексей» of one town through the given name."""
    f = prepare(
        [
            {"record_id": "a", "full_name": "Игорь Тарасов", "age": "55"},
            {"record_id": "b", "full_name": "Тарасов Игорь Михайлович", "birth_date": "1967-10-20", "death_date": "2023-07-24"},
            {"record_id": "c", "full_name": "Пюпов Алексей Александрович", "settlement": "Онега"},
            {"record_id": "d", "full_name": "ПОПОВ Алексей Александрович", "settlement": "г. Онега"},
        ]
    )  # fmt: skip
    keys = B.blocking_keys(f)
    assert keys["name+age"][0] == keys["name+age"][1] != 0
    assert keys["given+settlement"][2] == keys["given+settlement"][3] != 0


def test_initials_meet_the_full_name_in_one_unit():
    """«Карпов А.А, войсковая часть 80501» and «рядовой КАРПОВ Александр Анатольевич, в/ч80501»
    share no date, region or town: the unit brings them together."""
    f = prepare(
        [
            {"record_id": "a", "full_name": "Карпов А.А", "unit": "войсковая часть 80501"},
            {"record_id": "b", "full_name": "рядовой КАРПОВ Александр Анатольевич", "unit": "в/ч80501"},
            {"record_id": "c", "full_name": "Карпов Андрей", "unit": "в/ч 80502"},
        ]
    )  # fmt: skip
    keys = B.blocking_keys(f)["surname+initial+unit"]
    assert keys[0] == keys[1] != 0 and keys[2] != keys[0]
    assert [0, 1] in B.candidate_pairs(f).tolist()


def test_a_letter_left_out_between_two_alike_meets_its_surname():
    """«Соолов» is Соколов less к; its key writes the two о once (solov), and so does the
    variant of sokolov the blocking keeps."""
    f = prepare(
        [
            {"record_id": "a", "full_name": "Соолов Михаил Алексеевич", "region": "Тверская область"},
            {"record_id": "b", "full_name": "Соколов Михаил", "region": "Тверская область"},
        ]
    )  # fmt: skip
    assert f.surname_text.tolist() == ["solov", "sokolov"]
    assert [0, 1] in B.candidate_pairs(f).tolist()


def _crowd_and_post(post: dict) -> list[dict]:
    """60 men «Иванов Иван» a fortnight apart in death (a group past `cap`) and one post."""
    first = np.datetime64("2022-03-01")
    men = [
        {"record_id": f"m{k}", "full_name": "Иванов Иван", "region": "Тыва",
         "death_date": str(first + 14 * k)}
        for k in range(60)
    ]  # fmt: skip
    return [*men, {"record_id": "post", "full_name": "Иванов Иван", **post}]


def test_a_dated_page_puts_an_undated_post_among_the_men_who_died_then():
    """A post with no date of death sits, in a crowd's window, where its page's date puts it
    (a month before): beside the man who died weeks before it was published, not among the
    records with no date at all."""
    f = prepare(_crowd_and_post({"url": "https://news.ru/2023/06/20/1.html"}))
    man = [r["record_id"] for r in _crowd_and_post({})].index("m33")  # died a fortnight before
    assert str(np.datetime64("2022-03-01") + 14 * 33) == "2023-06-06"
    assert [man, len(f) - 1] in B.candidate_pairs(f).tolist()
    undated = prepare(_crowd_and_post({"url": "https://news.ru/news/1.html"}))
    assert [man, len(f) - 1] not in B.candidate_pairs(undated).tolist()


def test_a_post_with_no_region_meets_the_men_of_its_outlets_region():
    """A post that names no region is keyed by its outlet's home region (`dedupe.outlets`)."""
    local = [
        {"record_id": f"k{k}", "full_name": f"Петров{'а' * k} Олег", "region": "Республика Тыва",
         "source": "tuva-news"}
        for k in range(5)
    ]  # fmt: skip
    f = prepare([*local, *_crowd_and_post({"source": "tuva-news"})])
    keys = B.blocking_keys(f)["name+region"]
    assert keys[-1] != 0 and keys[-1] == keys[5]  # the post and the men of Тыва
    elsewhere = prepare([*local, *_crowd_and_post({"source": "federal-news"})])
    assert B.blocking_keys(elsewhere)["name+region"][-1] == 0
