"""The review queue puts first the pairs whose answer moves the count most."""

from __future__ import annotations

from types import SimpleNamespace

from dedupe.api import ReviewPair
from review.queue import prioritise


def ranked(assignment: dict[str, str], review: list[ReviewPair]) -> list[tuple[str, str]]:
    rows = prioritise(SimpleNamespace(assignment=assignment, review=review))
    rows.sort(key=lambda r: -r["priority"])
    return [(r["record_a"], r["record_b"]) for r in rows]


ASSIGNMENT = {"a": "P1", "b": "P2", "c": "P3", "d": "P4", "e": "P4", "f": "P5", "g": "P6"}


def test_a_coin_toss_between_two_persons_comes_before_a_near_certain_one():
    """p as the count's draws take it: 1.25 bits below the score (BETWEEN_SHIFT)."""
    review = [
        ReviewPair("a", "b", -1.0, ""),  # p 0.17: p(1-p) 0.14
        ReviewPair("c", "d", -2.5, ""),  # p 0.07: p(1-p) 0.06, though it moves three records
        ReviewPair("f", "g", 1.2, ""),  # p 0.49: p(1-p) 0.25
    ]
    assert ranked(ASSIGNMENT, review) == [("f", "g"), ("a", "b"), ("c", "d")]


def test_a_pair_inside_one_person_and_a_second_pair_between_two_move_nothing():
    review = [
        ReviewPair("d", "e", 0.0, "", "contradiction"),  # a contradiction still comes first
        ReviewPair("d", "e", 0.0, ""),  # inside P4: moves no man
        ReviewPair("c", "e", 0.1, ""),  # P3–P4 again, weaker: answered by the one below
        ReviewPair("c", "d", 0.3, ""),
        ReviewPair("a", "b", -1.5, ""),
    ]
    order = ranked(ASSIGNMENT, review)
    assert order[0] == ("d", "e")
    assert order[1:3] == [("c", "d"), ("a", "b")]
    assert set(order[3:]) == {("d", "e"), ("c", "e")}


def test_a_blocked_merge_comes_before_any_uncertain_pair():
    review = [ReviewPair("c", "d", 0.0, ""), ReviewPair("a", "b", 3.0, "", "blocked")]
    assert ranked(ASSIGNMENT, review)[0] == ("a", "b")
