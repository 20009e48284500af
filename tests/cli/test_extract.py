"""`tally extract`: a volunteer sees what tally reads from one page — each man, each field with
the words it came from, and what was refused and why."""

from __future__ import annotations

import pytest

from cli import main
from tests.conftest import FIXTURES

PAGE = FIXTURES.parents[0] / "sources" / "sandbox-news" / "04-news-2024-09-30-1068-html.html"
URL = "http://127.0.0.1:8765/news/2024/09/30/1068.html"


@pytest.fixture
def as_crawled(capsys):
    code = main(["extract", str(PAGE), "--config", "sandbox-news", "--url", URL,
                 "--base-url", "http://127.0.0.1:8765/", "--today", "2026-01-30"])  # fmt: skip
    return code, capsys.readouterr().out


def test_each_man_is_shown_with_the_words_each_field_came_from(as_crawled):
    code, out = as_crawled
    assert (code, "Тихонов Виктор Андреевич" in out, "← «26 августа 2024 года»" in out) == (
        0,
        True,
        True,
    )


def test_what_a_crawl_would_refuse_says_why(as_crawled):
    assert "refused: death_date: death date 2028-08-25 is in the future" in as_crawled[1]


def test_a_page_no_rule_of_the_source_matches_is_one_clear_line(capsys):
    code = main(["extract", str(PAGE), "--config", "sandbox-news"])
    err = capsys.readouterr().err
    assert (code, "no [[page]] rule of sandbox-news matches" in err, err.count("\n")) == (
        2,
        True,
        1,
    )


def test_plain_text_is_read_as_free_text(tmp_path, capsys):
    page = tmp_path / "post.txt"
    page.write_text(
        "В зоне СВО погиб житель Уфы Иван Сергеевич Петров. Ему было 34 года.", encoding="utf-8"
    )
    assert main(["extract", str(page)]) == 0
    out = capsys.readouterr().out
    assert "Петров Иван Сергеевич" in out and "← «Уфы»" in out
