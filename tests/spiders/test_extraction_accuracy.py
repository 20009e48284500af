"""Extraction compared field by field with the truth of a fresh stand-in site of 2,000 people:
every kind of page (news, condolences, social walls, books of memory, cemetery captions,
English press, an old cp1251 portal), parsed by its source config."""

import pytest

from sandbox.evaluate import evaluate
from sandbox.server import Sandbox

GOALS = {"name": 0.99, "death_date": 0.97, "birth_date": 0.97, "region": 0.97}


@pytest.fixture(scope="module")
def result():
    return evaluate(Sandbox(2000, seed=3))


@pytest.mark.parametrize(("field", "goal"), sorted(GOALS.items()))
def test_field_is_extracted_as_the_page_says(result, field, goal):
    assert result.rate(field) >= goal


def test_planted_bad_records_are_rejected(result):
    assert result.rejects_found == result.rejects_expected


def test_few_records_the_truth_does_not_have(result):
    shown = sum(v for (_, f), v in result.shown.items() if f == "name")
    assert sum(result.extra.values()) <= 0.01 * shown


def test_every_kind_of_page_is_read(result):
    assert all(result.rate("name", site) >= 0.97 for site, _ in result.shown)
