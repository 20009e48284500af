"""The report from the published snapshot: every public view answers, rates per 100,000 men
carry 95 % intervals, the nowcast never undercuts what is counted, a comparison series gives the
coverage share, and `tally report --html` writes a page whose charts have something in them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from cli import main
from flows.stages import publish_stage
from warehouse.analysis import comparison, nowcast, poisson_interval, read_series, rows
from warehouse.publish import PUBLIC_VIEWS
from warehouse.report import gather, open_snapshot

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PROBATE = FIXTURES / "probate_registry_estimate.csv"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    from tests.conftest import build_review_home

    home = build_review_home(tmp_path_factory.mktemp("report"), men=400, seed=3)
    publish_stage(home)
    return home


@pytest.fixture
def env(published, monkeypatch):
    monkeypatch.setenv("TALLY_HOME", str(published.root))
    monkeypatch.setenv("TALLY_PUBLISHED", str(published.published))
    return published


def test_every_public_view_answers(published):
    con = duckdb.connect(str(published.snapshot), read_only=True)
    for view in PUBLIC_VIEWS:
        assert con.execute(f"SELECT count(*) FROM {view}").fetchone()[0] >= 0, view
    assert con.execute("SELECT count(*) FROM deaths_by_week").fetchone()[0] > 0
    con.close()


@pytest.mark.parametrize(
    "k, low, high", [(1, 0.0253, 5.572), (10, 4.795, 18.39), (100, 81.36, 121.6)]
)
def test_poisson_interval_is_close_to_the_exact_one(k, low, high):
    lo, hi = poisson_interval(k)
    assert lo == pytest.approx(low, rel=0.03) and hi == pytest.approx(high, rel=0.01)


def test_rates_per_100k_men_with_intervals(published):
    con = open_snapshot(published.snapshot)
    report = gather(con)
    con.close()
    rates = [r for r in report["regions_per_capita"] if r["per_100k"] is not None]
    assert rates
    for r in rates:
        assert r["per_100k_low"] <= r["per_100k"] <= r["per_100k_high"]
        assert r["per_100k"] == pytest.approx(r["deaths"] / r["men_16_61"] * 1e5)


def test_nowcast_is_never_below_the_count_so_far(published):
    con = open_snapshot(published.snapshot)
    weeks = nowcast(con)
    con.close()
    assert weeks
    for w in weeks:
        assert w["low"] >= w["observed"] and w["estimate"] >= w["observed"]
        assert w["high"] >= w["estimate"] and 0 < w["reported_share"] <= 1
    assert weeks[-1]["reported_share"] <= weeks[0]["reported_share"]  # recent = less reported


def test_a_comparison_series_gives_the_coverage_share(published):
    series = read_series(PROBATE, "rnd")
    assert series["by_month"]["2022-03"] > 1000
    con = open_snapshot(published.snapshot)
    comp = comparison(con, [series])[0]
    con.close()
    months = [p for p in comp["points"] if p["series"]]
    assert months and all(p["coverage"] == p["named"] / p["series"] for p in months)
    assert 0 <= comp["coverage"] < 1


def test_a_broken_series_names_its_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("week,value\n2022-03-01,10\n2022-03-08,many\n")
    with pytest.raises(ValueError, match="line 3"):
        read_series(bad)


def test_report_json_and_html_with_charts(env, tmp_path, capsys):
    out = tmp_path / "html"
    assert (
        main(["report", "--format", "json", "--html", str(out), "--compare", f"{PROBATE}:rnd"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["persons"] > 0 and data["regions_per_capita"] and data["comparison"]
    page = (out / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="chart">(.*?)</figure>', page, flags=re.S)
    titles = [re.search(r"<b>(.*?)</b>", f).group(1) for f in figures]
    for wanted in ("Deaths by month", "Deaths by week", "per 100,000 men", "Category by year",
                   "Age at death", "Recent weeks", "Coverage"):  # fmt: skip
        assert any(wanted in t for t in titles), (wanted, titles)
    for figure in figures:
        marks = re.findall(
            r'<rect class="bar"[^>]*height="([0-9.]+)"|<path class="line" d="([^"]+)"', figure
        )
        assert any((h and float(h) > 0) or (d and "L" in d) for h, d in marks), figure[:200]
    assert "<script" not in page  # a static page: nothing to run


@pytest.mark.parametrize("name", ["Башкирия", "Республика Башкортостан", "Bashkortostan", "BA"])
def test_a_region_named_in_russian_english_or_by_code(published, name):
    from warehouse.analysis import region_figures

    con = open_snapshot(published.snapshot)
    figures = region_figures(con, name)
    con.close()
    assert figures["region"] == "BA" and figures["men_16_61"] > 0
    if figures["deaths"]:
        assert figures["per_100k_low"] <= figures["per_100k"] <= figures["per_100k_high"]


def test_an_unknown_region_is_an_error(env, capsys):
    assert main(["report", "--region", "Нарния"]) == 2
    assert "no region called" in capsys.readouterr().err


def test_the_published_rates_and_the_report_agree(published):
    """One method for the 95 % intervals: the file's deaths_per_capita is the report's."""
    con = open_snapshot(published.snapshot)
    table = rows(con, "SELECT * FROM deaths_per_capita ORDER BY region")
    report = sorted(gather(con)["regions_per_capita"], key=lambda r: r["region"])
    con.close()
    assert table == report and any(r["per_100k"] for r in table)
    assert all(r["per_100k_low"] <= r["per_100k"] for r in table if r["per_100k"] is not None)


def test_the_html_chart_by_month_leaves_out_the_year_only_row_and_says_so():
    from warehouse.html_report import render_html

    report = {"persons": 3, "records": 3, "published_at": "2026-01-30", "by_year": [],
              "by_month": [{"month": "2024-02", "deaths": 2}, {"month": "2024-??", "deaths": 1}]}  # fmt: skip
    page = render_html(report)
    assert "1 more dated only by year" in page and "2024-??" not in page


def test_the_count_is_published_with_its_interval(published):
    con = open_snapshot(published.snapshot)
    try:
        persons, expected, low, high, pending = con.execute(
            "SELECT persons, persons_expected, persons_low, persons_high, pairs_pending "
            "FROM metadata"
        ).fetchone()
    finally:
        con.close()
    assert low <= expected <= high and low <= persons * 1.2 and high >= persons * 0.8
    assert pending >= 0


def test_the_report_prints_the_interval_beside_the_count(env, capsys):
    assert main(["report"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert re.search(
        r"[\d,]+ men named \(between [\d,]+ and [\d,]+ (once the [\d,]+ pairs? awaiting "
        r"review (are|is) decided|no pairs await review)\)",
        out,
    ), out[:600]
