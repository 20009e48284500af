"""bench/namesakes.py: how crowded with namesakes the generators' men are (the floor under
dedupe's errors at a million)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "bench" / "namesakes.py"
_spec = importlib.util.spec_from_file_location("bench_namesakes", _PATH)
namesakes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(namesakes)


def test_crowding_counts_the_other_men_of_a_name():
    surnames = ["Иванов", "Иванов", "Иванов", "Петров"]
    given = ["Иван", "Иван", "Пётр", "Иван"]
    patronymics = ["Иванович", "Иванович", "Иванович", "Иванович"]
    c = namesakes.crowding(surnames, given, patronymics)
    assert c["surnames"] == 2
    assert c["full_namesakes"] == pytest.approx(2 / 4)  # the two Иван Ивановичи see each other
    assert c["with_one"] == pytest.approx(0.5) and c["with_five"] == 0
    assert c["surname_given_namesakes"] == pytest.approx(2 / 4)
    assert c["sp2_surname"] == pytest.approx((3 / 4) ** 2 + (1 / 4) ** 2)
    assert c["sp2_patronymic"] == pytest.approx(1.0)


def test_the_reference_grows_with_the_list():
    assert namesakes.reference(1) == 0
    assert namesakes.reference(500_001) == pytest.approx(100 * namesakes.reference(5_001))


@pytest.mark.parametrize("draw", ["harsh_men", "foreign_men"])
def test_both_generators_men_are_measured(draw):
    surnames, given, patronymics = getattr(namesakes, draw)(2_000, 1)
    assert len(surnames) == len(given) == len(patronymics) == 2_000
    c = namesakes.crowding(surnames, given, patronymics)
    assert 100 < c["surnames"] < 2_000
    assert 0 < c["full_namesakes"] < c["surname_given_namesakes"]
