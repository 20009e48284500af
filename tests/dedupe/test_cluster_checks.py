"""The clustering's checks after the merges: a person holding two records that cannot be one
man's is clustered again, and two lone records that are each other's only likely partner are
one man."""

from dataclasses import replace

import numpy as np

from dedupe import dedupe_records
from dedupe.comparisons import Death
from dedupe.config import load_config
from dedupe.placing import contradicted_pairs, namesake_conflicts
from dedupe.prepare import prepare
from dedupe.score import score
from sandbox.records import generate_records
from tests.dedupe.test_dedupe_basics import people, rec

DOROKHOVS = [
    rec("viktor1", "Дорохов Виктор Константинович", birth_date="1997", settlement="Бичура"),
    rec("viktor2", "Виктор Константинович Дорохов", birth_date="1997-05-02", age=27),
    rec("vitalii1", "Дорохов Виталий Константинович", birth_date="1972-04-16", region="LEN"),
    rec("vitalii2", "ДОРОХОВ Виталий Константинович", birth_date="1972-04-16", age=52),
]


def test_a_pair_inside_a_person_that_no_block_compared_is_checked():
    """Виктор and Виталий never meet in a block (their given names differ), but a chain put
    them in one person: the check scores every pair inside it and finds the conflict."""
    # among a few hundred other men, as in a regional list (the prior is that of its length)
    others = generate_records(150, 3, noise="mild").drop(["true_person"]).to_pylist()
    f = prepare(DOROKHOVS + others)
    labels = np.arange(len(f), dtype=np.int64)
    labels[:4] = 0  # the four as one person
    bad = {tuple(p) for p in contradicted_pairs(f, labels, load_config(), 60).tolist()}
    assert {(0, 2), (0, 3), (1, 2), (1, 3)} <= bad
    assert (0, 1) not in bad and (2, 3) not in bad
    # a person of one man has nothing to undo
    labels[:4] = [0, 0, 2, 2]
    assert not len(contradicted_pairs(f, labels, load_config(), 60))


def test_a_short_form_does_not_chain_two_men_of_one_surname():
    """«Витя Дорохов» may be Виктор or Виталий; with a day of death both could have, it links
    to both men, but the two men's own records say they are two."""
    records = [
        *DOROKHOVS,
        rec("vitya", "Витя Дорохов", death_date="2024-06-08", settlement="Бичура"),
        rec("viktor3", "Дорохов Виктор", death_date="2024-06-08", birth_date="1997"),
        rec("vitalii3", "Дорохов Виталя", death_date="2024-06-08", birth_date="1972-04-16"),
    ]
    result = people(dedupe_records(records))
    assert not any({"viktor1", "vitalii1"} <= set(group) for group in result)


def test_two_lone_records_that_only_have_each_other_are_one_man():
    """Between the merge line and the attach line, two records with no other candidate:
    a partial post and a memorial entry."""
    records = [
        rec("post", "Кадыргулов Рашит", death_date="2024-03", region="Башкирия"),
        rec("wall", "Рашит Кадыргулов", death_date="2024-03-14"),
        rec("other", "Сафин Радик", death_date="2023-01-02"),
    ]
    # the merge line above what this pair scores, so only the lone records' rule can join them
    strict = replace(load_config(), merge=60.0)
    assert people(dedupe_records(records, config=strict)) == [["other"], ["post", "wall"]]
    # below even odds they join from the attach line on, when nothing in the pair is against
    weights = {name: dict(levels) for name, levels in strict.weights.items()}
    weights["death"]["month"] = -14.0  # the pair at about −1 bit
    doubtful = replace(strict, attach=-80.0, weights=weights)
    assert people(dedupe_records(records, config=doubtful)) == [["other"], ["post", "wall"]]
    assert people(dedupe_records(records, config=replace(doubtful, attach=-0.5))) == [
        ["other"],
        ["post"],
        ["wall"],
    ]
    # a pair with something against it (brothers whose given names and births differ) still
    # needs even odds: test_dedupe_basics.test_brothers_stay_apart


def test_a_wrong_date_of_death_does_not_keep_a_mans_reports_apart():
    """Five reports of Макаров Захар Романович of Мордовия; one wrote the day of death with day
    and month swapped (2023-04-08 for 2023-08-04), which is 130 days from the funeral date
    another report gives: a death conflict, but the evidence for one man outweighs it. Two
    namesakes born years apart stay two, however much else agrees."""
    region = {"region": "Республика Мордовия"}
    records = [
        rec("a", "МАКАРОВ Захар Романович", birth_date="1983-10-26", death_date="2023-08-04", **region),
        rec("b", "Макаров Захар Романович", death_date="2023-08-16", settlement="Ковылкино", **region),
        rec("c", "Макаров Захар Романович", birth_date="1983-10-26", death_date="2023-08-04", **region),
        rec("d", "Макаровым Захаром Романовичем", death_date="2023-04-08", **region),
        rec("e", "Макаров Захар Романович", birth_date="1961", death_date="2023-08-04", **region),
    ]  # fmt: skip
    assert people(dedupe_records(records)) == [["a", "b", "c", "d"], ["e"]]
    f = prepare(records)
    pairs = np.array([[1, 3], [0, 4]])
    scores, lv = score(f, pairs, load_config())
    assert lv.by_field["death"][0] == Death.CONFLICT and scores[0] >= 0
    assert namesake_conflicts(lv).tolist() == [True, True]  # by the dates alone
    assert namesake_conflicts(lv, scores).tolist() == [False, True]  # births years apart


def test_two_patronymics_inside_a_person_are_two_fathers():
    """From the harsh generator (10k, seed 1): a bare «Иванв Алесандр» of Челябинская область
    chained Александр Глебович and Александр Вадимович into one person; two patronymics that
    differ are two fathers, whatever the pair scores, and the person is clustered again."""
    records = [
        rec("gleb", "ИВАНОВ Александр Глебович", birth_date="1972-02-29", settlement="Челябинск"),
        rec("bare", "Иванв Алесандр", region="CHE"),
        rec("vadim", "Иванов Александр Вадимович", region="Южный Урал"),
        rec("v", "Иванов А. В.", region="Челябинская область"),
    ]
    others = generate_records(150, 3, noise="mild").drop(["true_person"]).to_pylist()
    f = prepare(records + others)
    labels = np.arange(len(f), dtype=np.int64)
    labels[:4] = 0
    bad = {tuple(p) for p in contradicted_pairs(f, labels, load_config(), 60).tolist()}
    assert {(0, 2), (0, 3)} <= bad  # a full patronymic, and an initial, that differ
    assert not bad & {(0, 1), (1, 2), (1, 3), (2, 3)}
    result = people(dedupe_records(records + others))
    assert not any({"gleb", "vadim"} <= set(group) for group in result)
