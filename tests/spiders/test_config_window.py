"""A source's window of dates and ages (`[validate]`), over the project's (`var/tally.toml`)
over this war's: the same pipeline counts a book of memory of another war or a list of the
executed of 1937."""

from __future__ import annotations

from datetime import date

import pytest

from spiders.config import ConfigError, load_config, parse_config, project_window
from spiders.validate import THIS_WAR, Window, check_record

MINIMAL = {
    "name": "executed",
    "kind": "memorial",
    "start_urls": ["http://x/"],
    "allowed_domains": ["x"],
    "page": [{"url": "/", "mode": "fields", "record": "li", "fields": {"name": "b"}}],
}


def _record(**values):
    base = {"source": "s", "url": "u", "name_raw": "Абрамов Иван", "fetched_at": "2024-01-01"}
    return {**base, "full_name": "Абрамов Иван Петрович", **values}


def test_without_a_validate_table_it_is_this_war():
    assert parse_config(dict(MINIMAL)).validate == THIS_WAR
    fatal = [p for p in check_record(_record(death_date="1937-10-10"), date(2026, 1, 1)) if p.fatal]
    assert fatal and "before the war (2022-02-24)" in fatal[0].reason


def test_a_validate_table_widens_the_window():
    table = {"earliest_death": date(1936, 1, 1), "latest_death": "1941", "earliest_birth": 1860,
             "min_age": 14, "max_age": 95}  # fmt: skip
    window = parse_config({**MINIMAL, "validate": table}).validate
    assert window == Window(date(1936, 1, 1), date(1941, 12, 31), date(1860, 1, 1), 14, 95)
    record = _record(death_date="1937-10-10", birth_date="1884", age=53)
    assert check_record(record, date(2026, 1, 1), window) == []
    late = [p.reason for p in check_record(_record(death_date="1942-01"), date(2026, 1, 1), window)]
    assert late == ["death date 1942-01 is after the source's window (1941-12-31)"]
    early = check_record(_record(death_date="1935"), date(2026, 1, 1), window)
    assert "before the source's window (1936-01-01)" in early[0].reason
    old = check_record(_record(death_date="1937", birth_date="1850"), date(2026, 1, 1), window)
    assert [(p.field, p.fatal) for p in old] == [("birth_date", False)]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"earliest_deaht": "1937"}, "unknown keys ['earliest_deaht']"),
        ({"earliest_death": "в 1937"}, "'earliest_death' must be a date"),
        ({"min_age": "16"}, "'min_age' must be a whole number"),
        ({"min_age": 50, "max_age": 40}, "min_age 50 is above max_age 40"),
        ({"earliest_death": 1941, "latest_death": 1937}, "is before earliest_death"),
    ],
)
def test_a_bad_validate_table_names_the_key(table, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_config({**MINIMAL, "validate": table}, "executed.toml")


def test_the_projects_window_is_every_sources_default(tmp_path):
    settings = tmp_path / "tally.toml"
    settings.write_text("[validate]\nearliest_death = 1914\nmax_age = 90\n", encoding="utf-8")
    project = project_window(settings)
    assert project == Window(earliest_death=date(1914, 1, 1), max_age=90)
    source = tmp_path / "executed.toml"
    source.write_text(
        'name = "executed"\nkind = "memorial"\nstart_urls = ["http://x/"]\n'
        'allowed_domains = ["x"]\n[validate]\nearliest_death = 1937-01-01\n'
        '[[page]]\nurl = "/"\nmode = "fields"\nrecord = "li"\n[page.fields]\nname = "b"\n',
        encoding="utf-8",
    )
    config = load_config(source, project)
    # the source's own key wins; what it leaves out comes from the project
    assert config.validate == Window(earliest_death=date(1937, 1, 1), max_age=90)
    assert project_window(tmp_path / "missing.toml") == THIS_WAR


def test_a_config_digest_changes_with_the_file_and_the_window(tmp_path):
    source = tmp_path / "s.toml"
    text = (
        'name = "s"\nkind = "memorial"\nstart_urls = ["http://x/"]\nallowed_domains = ["x"]\n'
        '[[page]]\nurl = "/"\nmode = "fields"\nrecord = "li"\n[page.fields]\nname = "b"\n'
    )
    source.write_text(text, encoding="utf-8")
    first = load_config(source).digest
    assert load_config(source).digest == first
    assert load_config(source, Window(earliest_death=date(1914, 1, 1))).digest != first
    source.write_text(text + 'rank = ".rank"\n', encoding="utf-8")
    assert load_config(source).digest != first
