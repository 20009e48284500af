"""Every shipped source config against its saved pages (`tests/sources/<name>/`): each page
parses with the config as it is, gives exactly the men its truth names with every field the
page states, refuses the planted bad entries, and follows links only inside the source.
A source without a folder here does not ship."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from spiders.config import builtin_sources, find_source
from spiders.pages import PageResult, allowed, parse_page
from spiders.validate import check_record

HERE = Path(__file__).resolve().parent
FETCHED = "2026-01-30T12:00:00"
SOURCES = sorted(builtin_sources())


def _cases() -> list[tuple[str, dict]]:
    out = []
    for name in SOURCES:
        path = HERE / name / "expected.json"
        if path.exists():
            out += [(name, page) for page in json.loads(path.read_text("utf-8"))["pages"]]
    return out


CASES = _cases()


def _parse(name: str, page: dict) -> PageResult:
    """The page as a crawl keeps it: parsed, then each record validated (a record with a fatal
    problem is refused, as the crawl's validation pipeline refuses it)."""
    expected = json.loads((HERE / name / "expected.json").read_text("utf-8"))
    config = find_source(name).with_base(expected["base"])
    today = date.fromisoformat(expected["today"])
    result = parse_page(
        config,
        (HERE / name / page["file"]).read_bytes(),
        expected["base"].rstrip("/") + page["url"],
        fetched_at=FETCHED,
        content_type=page["content_type"],
        today=today,
    )
    result.records = [
        r for r in result.records if not any(p.fatal for p in check_record(dict(r), today))
    ]
    return result


@pytest.mark.parametrize("name", SOURCES)
def test_every_shipped_source_has_saved_pages(name):
    assert (HERE / name / "expected.json").exists(), (
        f"{name} has no saved page: run `python -m tests.sources.save_pages {name}` "
        "(or save a real page and write its expected records by hand)"
    )


def _id(case) -> str:
    return f"{case[0]}:{case[1]['file']}"


@pytest.mark.parametrize(("name", "page"), CASES, ids=[_id(c) for c in CASES])
def test_page_gives_exactly_the_men_it_names(name, page):
    got = sorted(r["full_name"] for r in _parse(name, page).records)
    assert got == sorted(r["full_name"] for r in page["records"])


@pytest.mark.parametrize(("name", "page"), CASES, ids=[_id(c) for c in CASES])
def test_page_fields_match_what_it_says(name, page):
    records = _parse(name, page).records
    wrong = []
    for want in page["records"]:
        mine = [r for r in records if r["full_name"] == want["full_name"]]
        for field, value in want.items():
            if field == "corrected":
                continue
            if mine and all(r.get(field) != value for r in mine):
                wrong.append(
                    f"{want['full_name']}: {field} {[r.get(field) for r in mine]} ≠ {value}"
                )
    assert not wrong, "; ".join(wrong)


@pytest.mark.parametrize(("name", "page"), CASES, ids=[_id(c) for c in CASES])
def test_page_refuses_planted_entries(name, page):
    kept = {r["full_name"] for r in _parse(name, page).records}
    assert not kept & {r["full_name"] for r in page["refused"]}


@pytest.mark.parametrize(("name", "page"), CASES, ids=[_id(c) for c in CASES])
def test_links_stay_inside_the_source(name, page):
    config = find_source(name).with_base("http://127.0.0.1:8765/")
    assert all(allowed(config, link) for link in _parse(name, page).links)
