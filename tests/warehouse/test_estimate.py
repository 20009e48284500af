"""The figures the seeds' articles quote, from tally's own estimate (DOMAIN.md): 106,745 named
at 45–65 % coverage → 164,223–237,211; with 21,000–23,500 more → 185,223–260,711; 112,000 over
4,168 km² → 27 per km²."""

import json
import subprocess
import sys

import pytest

from warehouse.estimate import estimate, parse_range


def test_named_over_coverage():
    e = estimate(106_745, (0.45, 0.65))
    assert (e.low, e.high) == (164_223, 237_211)


def test_plus_the_group_the_list_cannot_see():
    e = estimate(106_745, (0.45, 0.65), (21_000, 23_500))
    assert e.with_extra == (185_223, 260_711)


def test_per_square_kilometre():
    e = estimate(112_000, km2=4_168)
    assert round(e.named / e.km2) == 27
    assert "27 named dead" in "\n".join(e.lines())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("0.45-0.65", (0.45, 0.65)),
        ("45%–65%", (0.45, 0.65)),
        ("0.65..0.45", (0.45, 0.65)),
        ("21,000–23,500", (21000, 23500)),
        ("21000", (21000, 21000)),
    ],
)
def test_ranges_as_people_write_them(text, expected):
    assert parse_range(text) == pytest.approx(expected)


def test_a_coverage_above_one_is_refused():
    with pytest.raises(ValueError, match="coverage"):
        estimate(100, (0.5, 1.5))


def test_the_command_line_prints_the_seed_figures():
    run = subprocess.run(
        [sys.executable, "-m", "cli", "estimate", "--named", "106745", "--coverage",
         "0.45-0.65", "--extra", "21000-23500", "--format", "json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    out = json.loads(run.stdout)
    assert (out["low"], out["high"]) == (164_223, 237_211)
    assert out["with_extra"] == [185_223, 260_711]
