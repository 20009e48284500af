import pytest

from spiders.config import ConfigError, builtin_sources, load_config, parse_config

MINIMAL = {
    "name": "my-site",
    "kind": "memorial",
    "start_urls": ["http://example.org/"],
    "allowed_domains": ["example.org"],
    "page": [{"url": "/wall/", "mode": "fields", "record": "div.card", "fields": {"name": "h3"}}],
}


def test_every_builtin_source_loads():
    for name, path in builtin_sources().items():
        assert load_config(path).name == name


def test_minimal_config_parses():
    assert parse_config(dict(MINIMAL)).pages[0].record.query == "div.card"


def test_unknown_top_level_key_is_an_error():
    with pytest.raises(ConfigError, match="unknown keys.*startUrls"):
        parse_config({**MINIMAL, "startUrls": []})


def test_unknown_field_is_an_error():
    page = {**MINIMAL["page"][0], "fields": {"name": "h3", "nmae": "h4"}}
    with pytest.raises(ConfigError, match="unknown field 'nmae'"):
        parse_config({**MINIMAL, "page": [page]})


def test_fields_mode_needs_a_name():
    page = {**MINIMAL["page"][0], "fields": {"lifespan": ".dates"}}
    with pytest.raises(ConfigError, match="needs a `name`"):
        parse_config({**MINIMAL, "page": [page]})


def test_text_mode_needs_a_body():
    with pytest.raises(ConfigError, match="needs a `body`"):
        parse_config({**MINIMAL, "page": [{"url": "/n/", "mode": "text", "title": "h1"}]})


def test_bad_regex_names_the_key():
    with pytest.raises(ConfigError, match=r"page\[0\].*bad regex"):
        parse_config({**MINIMAL, "page": [{**MINIMAL["page"][0], "url": "("}]})


def test_xpath_selector():
    page = {**MINIMAL["page"][0], "record": {"xpath": "//div[@class='card']"}}
    assert parse_config({**MINIMAL, "page": [page]}).pages[0].record.kind == "xpath"


def test_base_placeholder_resolves():
    config = parse_config({**MINIMAL, "start_urls": ["{base}wall/"], "allowed_domains": ["{host}"]})
    resolved = config.with_base("http://127.0.0.1:8000/")
    assert (resolved.start_urls, resolved.allowed_domains) == (
        ("http://127.0.0.1:8000/wall/",),
        ("127.0.0.1",),
    )
