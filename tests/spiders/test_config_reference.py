"""docs/SOURCES.md is the config reference generated from the names the reader checks: it is
up to date, it names every field and window key, and its example is a config that loads."""

from __future__ import annotations

import tomllib
from pathlib import Path

from spiders import config_reference as ref
from spiders.config import _WINDOW_KEYS, FIELD_NAMES, parse_config

DOC = Path(__file__).resolve().parents[2] / "docs" / "SOURCES.md"


def test_the_published_reference_is_the_generated_one():
    assert DOC.read_text(encoding="utf-8") == ref.render(), (
        "docs/SOURCES.md is stale: .venv/bin/python -m spiders.config_reference > docs/SOURCES.md"
    )


def test_every_field_and_window_key_is_documented():
    assert list(ref.FIELDS) == list(FIELD_NAMES)
    assert [k.name for k in ref.VALIDATE] == list(_WINDOW_KEYS)


def test_the_example_loads():
    config = parse_config(tomllib.loads(ref.EXAMPLE), "example")
    assert config.validate.earliest_death.year == 1937 and config.pages[0].mode == "fields"


def test_every_documented_key_is_one_the_reader_accepts():
    data = tomllib.loads(ref.EXAMPLE)
    values = {"title": "t", "language": "ru", "schedule": "0 3 * * *", "allow": "/x/",
              "encoding": "utf-8"}  # fmt: skip
    for key in ref.TOP:
        if key.name not in data:
            parse_config({**data, key.name: values[key.name]}, "example")
    for key in ref.EXPECT:
        parse_config({**data, "expect": {key.name: 1}}, "example")
    page = data["page"][0]
    for key, value in {"title": "h1", "items": "li", "published": "time", "empty_ok": True}.items():
        assert key in {k.name for k in ref.PAGE}
        parse_config({**data, "page": [{**page, key: value}]}, "example")
