"""`tally source check FILE`: a config read as a crawl would read it, before anything heavy
starts; one clear line per file, exit 2 when one is wrong."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cli import main

GOOD = """name = "executed-moscow"
kind = "memorial"
start_urls = ["http://lists.example/moscow/"]
allowed_domains = ["lists.example"]

[validate]
earliest_death = 1937
latest_death = 1941

[[follow]]
css = "div.pages a"

[[page]]
url = '/moscow/'
mode = "fields"
record = "li.entry"

[page.fields]
name = { css = "b", required = true }
text = "span.bio"
death_date = { css = "span.bio", regex = 'Расстрелян\\s+([^.]+?)\\s*г?\\.' }
"""


def _write(tmp_path, text, name="source.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_good_config_is_one_line_saying_what_it_is(tmp_path, capsys):
    assert main(["source", "check", _write(tmp_path, GOOD)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "'executed-moscow' (memorial)" in out[0]
    assert "deaths from 1937-01-01 to 1941-12-31" in out[0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('record = "li.entry"', "record = 3"), "a selector is a string or a table, not 3"),
        (('kind = "memorial"', "kind = 7"), "'kind' must be a string, not 7"),
        (("latest_death = 1941", 'latest_death = "soon"'), "'latest_death' must be a date"),
        (("required = true", 'required = "yes"'), "'required' must be true or false"),
        (("Расстрелян", "Расстрелян(("), "bad regex"),
        (('text = "span.bio"', 'text = "span[[bio"'), "css selector 'span[[bio' does not parse"),
        (('text = "span.bio"', "text = { xpath = '//span[' }"), "xpath selector '//span['"),
        (("[[page]]", "[[pages]]"), "'page' must be a list of tables, each written [[page]]"),
        (('name = "executed-moscow"', 'name = "executed-moscow'), "not valid TOML"),
    ],
)
def test_each_error_is_one_clear_line_and_exit_2(tmp_path, capsys, change, message):
    old, new = change
    assert old in GOOD
    assert main(["source", "check", _write(tmp_path, GOOD.replace(old, new))]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("✗ ") and message in err[0], err
    assert "source.toml" in err[0]


def test_several_files_each_get_their_line(tmp_path, capsys):
    good = _write(tmp_path, GOOD)
    bad = _write(tmp_path, GOOD.replace('kind = "memorial"', 'kind = "diary"'), "bad.toml")
    assert main(["source", "check", good, bad]) == 2
    captured = capsys.readouterr()
    assert captured.out.count("✓") == 1 and captured.err.count("✗") == 1


def test_it_loads_neither_prefect_nor_the_warehouse(tmp_path):
    code = (
        "import sys; from cli import main; rc = main(['source', 'check', sys.argv[1]]); "
        "heavy = [m for m in ('prefect', 'duckdb', 'scrapy', 'fastapi', 'dedupe', 'pymorphy3') "
        "if m in sys.modules]; print(rc, heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, _write(tmp_path, GOOD)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip().splitlines()[-1] == "0 []"
