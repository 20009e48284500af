"""The source config parser and the page parser fuzzed. `parse_config` on arbitrary TOML-like
tables, and on real configs with keys dropped or their values replaced, raises nothing but
`ConfigError`. `parse_page` with every shipped config, on arbitrary bytes and on its saved
pages cut, spliced and sprinkled with junk, always returns a `PageResult` (rejected is fine).
Derandomized, so CI sees the same examples every run."""

from __future__ import annotations

import json
import os
import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spiders.config import ConfigError, builtin_sources, find_source, parse_config
from spiders.pages import PageResult, parse_page

SOURCES = Path(__file__).resolve().parent.parent / "sources"
BASE = "http://127.0.0.1:8765/"
N = int(os.environ.get("FUZZ_N", 0))  # FUZZ_N=5000: a long, random hunt on one's own machine


def _settings(examples: int) -> settings:
    return settings(
        max_examples=N or examples,
        deadline=None,
        derandomize=not N,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


KEYS = st.sampled_from(
    ["name", "kind", "title", "start_urls", "allowed_domains", "follow", "page", "expect",
     "allow", "encoding", "schedule", "language", "url", "mode", "record", "fields", "css",
     "xpath", "attr", "regex", "required", "body", "title", "items", "empty_ok", "min_records",
     "max_records", "published", "surname", "lifespan"]
)  # fmt: skip
SCALARS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["news", "fields", "text", "div.x", "xpath://a", "(", "[a-", "{base}x/"]),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.datetimes(),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(KEYS | st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=12,
)
TABLES = st.dictionaries(KEYS, VALUES, max_size=8)


def _real_configs() -> list[dict]:
    return [tomllib.loads(p.read_text("utf-8")) for p in builtin_sources().values()]


@st.composite
def mutated_config(draw) -> dict:
    """A shipped config with a few keys, at any depth, dropped or given another value."""
    config = draw(st.sampled_from(_real_configs()))

    def mutate(node):
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                roll = draw(st.integers(0, 9))
                if roll == 0:
                    continue  # dropped
                out[key] = draw(VALUES) if roll == 1 else mutate(value)
            return out
        if isinstance(node, list):
            return [mutate(v) for v in node]
        return node

    return mutate(config)


@_settings(300)
@given(table=st.one_of(TABLES, mutated_config()))
def test_parse_config_raises_only_config_error(table):
    try:
        parse_config(table, "fuzz.toml")
    except ConfigError as exc:
        assert "fuzz.toml" in str(exc)


def _configs():
    return {name: find_source(name).with_base(BASE) for name in sorted(builtin_sources())}


CONFIGS = _configs()
# every saved page: (source, file, URL, content type), from the sources' expected.json
PAGES = [
    (folder.name, folder / page["file"], BASE.rstrip("/") + page["url"], page["content_type"])
    for folder in sorted(p.parent for p in SOURCES.glob("*/expected.json"))
    for page in json.loads((folder / "expected.json").read_text("utf-8"))["pages"]
]
URLS = st.sampled_from(
    [f"{BASE}memorial/", f"{BASE}news/1.html", f"{BASE}kniga/?page=2", f"{BASE}cemetery/1",
     f"{BASE}condolences/", f"{BASE}social/wall", "http://[::1/x", "http://127.0.0.1:8765/%"]
    + [url for _, _, url, _ in PAGES]
)  # fmt: skip
CONTENT_TYPES = st.sampled_from(
    [None, "text/html", "text/html; charset=windows-1251", "text/html; charset=koi8-r",
     "text/html; charset=utf-16", "text/html; charset=nonsense", "application/octet-stream"]
)  # fmt: skip


JUNK = st.sampled_from(
    [b"<", b"</div>", b'"', b"\x00", b"\x01", b"&#0;", b"\xff\xfe", b"<a href='http://[x'>",
     b'<div class="pager"><a href="//[">', b'<a href="/x/"<\x01>']
)  # fmt: skip


@st.composite
def mutated_page(draw) -> tuple[str, bytes, str, str | None]:
    """A saved page of a source, cut, spliced and sprinkled with junk, at its own URL."""
    name, path, url, content_type = draw(st.sampled_from(PAGES))
    body = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(body)))
        span = draw(st.integers(0, 400))
        op = draw(st.sampled_from(["cut", "insert", "repeat", "truncate"]))
        if op == "cut":
            del body[at : at + span]
        elif op == "insert":
            body[at:at] = draw(JUNK) + draw(st.binary(max_size=20))
        elif op == "repeat":
            body[at:at] = body[at : at + span]
        else:
            del body[at:]
    return name, bytes(body), url, draw(st.one_of(st.just(content_type), CONTENT_TYPES))


def _parse(name: str, body: bytes, url: str, content_type) -> None:
    result = parse_page(
        CONFIGS[name],
        body,
        url,
        fetched_at=datetime(2026, 1, 30, 12).isoformat(),
        content_type=content_type,
        today=date(2026, 1, 30),
    )
    assert isinstance(result, PageResult) and result.status in ("parsed", "rejected")


@_settings(150)
@given(name=st.sampled_from(sorted(CONFIGS)), body=st.binary(max_size=2000), url=URLS,
       content_type=CONTENT_TYPES)  # fmt: skip
def test_parse_page_on_arbitrary_bytes_returns_a_result(name, body, url, content_type):
    _parse(name, body, url, content_type)


@_settings(150)
@given(page=mutated_page())
def test_parse_page_on_mutated_saved_pages_returns_a_result(page):
    _parse(*page)


# What the fuzz found, kept as plain tests.


def test_a_link_that_is_no_address_is_not_followed():
    body = b'<div class="pager"><a href="http://[oops">2</a><a href="?page=2">2</a></div>'
    result = parse_page(
        CONFIGS["sandbox-memorial"], body, f"{BASE}memorial/", fetched_at="2026-01-30T12:00:00"
    )
    assert result.links == [f"{BASE}memorial/?page=2"]


def test_a_control_character_in_an_attribute_name_is_no_crash():
    body = b'<div class="pager"><a href="?page=2"<\x01>2</a></div><div class="mem-card"></div>'
    result = parse_page(
        CONFIGS["sandbox-memorial"], body, f"{BASE}memorial/", fetched_at="2026-01-30T12:00:00"
    )
    assert isinstance(result, PageResult)


def test_a_config_with_values_of_the_wrong_type_is_a_config_error():
    for table in (
        {"name": "x", "kind": "news", "page": [0]},
        {"name": "x", "kind": "news", "follow": ["a"], "page": []},
        {"name": "x", "kind": "news", "follow": [{"css": "a", "url": 5}], "page": []},
        {"name": "x", "kind": "news", "follow": [{"css": "a", "regex": []}], "page": []},
        {"name": "x", "kind": "news", "page": [], "start_urls": [1], "allowed_domains": []},
    ):
        with pytest.raises(ConfigError):
            parse_config(table, "x.toml")
