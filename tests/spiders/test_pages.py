"""Parsing saved pages: a pure function of (bytes, URL); the clock is fixed by the arguments."""

import json
from datetime import date

import pytest

from spiders.config import find_source
from spiders.pages import parse_page
from tests.conftest import FIXTURES

BASE = "http://127.0.0.1:8765/"
FETCHED = "2026-01-30T12:00:00"
PAGES = FIXTURES / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text())


def parse(
    source: str, name: str, url: str, body: bytes | None = None, content_type: str | None = None
):
    config = find_source(source).with_base(BASE)
    body = body if body is not None else (PAGES / name).read_bytes()
    return parse_page(
        config,
        body,
        BASE.rstrip("/") + url,
        fetched_at=FETCHED,
        content_type=content_type,
        today=date(2026, 1, 30),
    )


@pytest.fixture(scope="module")
def article():
    return parse("sandbox-news", "news_article.html", EXPECTED["news_article.html"]["url"])


@pytest.fixture(scope="module")
def memorial():
    return parse("sandbox-memorial", "memorial_page1.html", "/memorial/")


def test_article_yields_its_one_man(article):
    assert [r["full_name"] for r in article.records] == [
        p["full_name"] for p in EXPECTED["news_article.html"]["people"]
    ]


SHOWN = {
    k: v
    for k, v in EXPECTED["news_article.html"]["people"][0].items()
    if v is not None and k not in ("pid", "site", "url", "full_name")
}


@pytest.mark.parametrize("field", sorted(SHOWN))
def test_article_field_matches_truth(article, field):
    assert article.records[0][field] == SHOWN[field]


def test_article_keeps_the_raw_text_of_each_value(article):
    record = article.records[0]
    spans = json.loads(record["spans"])
    assert all(record["context"][s:e] for s, e in spans.values())


def test_article_record_knows_its_page(article):
    record = article.records[0]
    assert (record["source"], record["url"], record["published_date"]) == (
        "sandbox-news",
        BASE.rstrip("/") + EXPECTED["news_article.html"]["url"],
        "-".join(EXPECTED["news_article.html"]["url"].split("/")[2:5]),
    )


def test_list_page_yields_links_and_no_records():
    result = parse("sandbox-news", "news_list.html", "/news/")
    assert (result.records, len(result.links) > 10) == ([], True)


def test_list_page_links_stay_inside_the_source():
    result = parse("sandbox-news", "news_list.html", "/news/")
    assert all(link.startswith(BASE + "news/") for link in result.links)


def test_memorial_page_is_decoded_from_windows_1251(memorial):
    assert memorial.charset == "windows-1251"


def test_memorial_page_yields_every_card(memorial):
    assert sorted(r["full_name"] for r in memorial.records) == sorted(
        p["full_name"] for p in EXPECTED["memorial_page1.html"]["people"]
    )


@pytest.mark.parametrize(
    "field", ["birth_date", "death_date", "region", "settlement", "unit", "rank"]
)
def test_memorial_fields_match_truth(memorial, field):
    truth = {
        (p["full_name"], p["death_date"]): p[field]
        for p in EXPECTED["memorial_page1.html"]["people"]
    }
    got = {(r["full_name"], r["death_date"]): r[field] for r in memorial.records}
    assert all(got[k] == v for k, v in truth.items() if v is not None)


def test_memorial_page_without_a_charset_declaration_still_decodes():
    body = (
        (PAGES / "memorial_page1.html").read_bytes().replace(b'<meta charset="windows-1251">', b"")
    )
    result = parse("sandbox-memorial", "", "/memorial/", body=body)
    assert len(result.records) == len(EXPECTED["memorial_page1.html"]["people"])


def test_a_page_whose_layout_changed_is_rejected_with_the_reason():
    body = (PAGES / "news_article.html").read_bytes().replace(b"article__body", b"story-text")
    result = parse("sandbox-news", "", EXPECTED["news_article.html"]["url"], body=body)
    assert (result.status, result.reason) == (
        "rejected",
        "layout: body selector 'div.article__body' matched 0 elements, not 1",
    )


def test_a_rejected_page_leaves_a_reject_row():
    body = (PAGES / "news_article.html").read_bytes().replace(b"article__body", b"story-text")
    result = parse("sandbox-news", "", EXPECTED["news_article.html"]["url"], body=body)
    assert [r["scope"] for r in result.rejects] == ["page"]


def test_a_card_without_a_name_is_rejected_and_the_rest_kept():
    html = (PAGES / "memorial_page1.html").read_bytes().decode("windows-1251")
    first = html.index('<div class="mem-card__name">')
    end = html.index("</div>", first)
    broken = (html[:first] + '<div class="mem-card__name">улица Ленина, 5' + html[end:]).encode(
        "windows-1251"
    )
    result = parse("sandbox-memorial", "", "/memorial/", body=broken)
    assert (len(result.records), len(result.rejects)) == (
        len(EXPECTED["memorial_page1.html"]["people"]) - 1,
        1,
    )
