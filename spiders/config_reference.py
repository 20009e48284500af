"""The source config's reference, from the same names the reader checks (`spiders.config`):
every key, its type, its default, what it does, and an example. `docs/SOURCES.md` is this
module's `render()`; a test keeps the two the same, so the reference cannot drift from what
`tally source check` accepts.

    .venv/bin/python -m spiders.config_reference > docs/SOURCES.md
"""

from __future__ import annotations

from dataclasses import dataclass

from spiders.config import FIELD_NAMES, KINDS, MODES


@dataclass(frozen=True)
class Key:
    name: str
    type: str
    default: str
    meaning: str


TOP = (
    Key("name", "string", "(required)", "the source's name: lowercase letters, digits, `-`, `_`; "
        "its runs, records and rows go by it"),
    Key("title", "string", "the name", "what people call the site"),
    Key("kind", "string", "(required)", "one of " + ", ".join(f"`{k}`" for k in KINDS)),
    Key("start_urls", "list of strings", "(required)", "where the crawl starts; `{base}` stands "
        "for a stand-in site's address (`--base-url`)"),
    Key("allowed_domains", "list of strings", "(required)", "no request ever leaves these hosts; "
        "`{host}` is the stand-in site's"),
    Key("allow", "regex", "none", "only URLs matching it are requested"),
    Key("encoding", "string", "none", "the page encoding, only when the site lies about it "
        "(`windows-1251`, `koi8-r`); otherwise it is detected"),
    Key("language", "string", "`ru`", "the language of the pages"),
    Key("schedule", "cron string", "none", "when `tally serve` crawls it (`0 */6 * * *`)"),
)  # fmt: skip
EXPECT = (
    Key("min_records", "whole number", "0", "fewer live records than this: the publish is refused"),
    Key("max_records", "whole number", "none", "more than this: the publish is refused"),
    Key("max_failed_share", "number 0–1", "0.2", "a larger share of failed pages is an outage: "
        "the crawl fails and is retried"),
)  # fmt: skip
VALIDATE = (
    Key("earliest_death", "date or year", "2022-02-24", "a death before it is rejected "
        "(`1937`, `\"1937-08\"`, `1937-08-05`: the first day it may stand for)"),
    Key("latest_death", "date or year", "today", "a death after it is rejected (the last day "
        "it may stand for)"),
    Key("earliest_birth", "date or year", "1930", "a birth before it is cleared from the record "
        "(the record is kept; a field reject says what it was)"),
    Key("min_age", "whole number", "16", "an age below it is cleared"),
    Key("max_age", "whole number", "80", "an age above it is cleared"),
)  # fmt: skip
FOLLOW = (
    Key("css / xpath", "selector", "(one required)", "the links to follow: the `href` of each "
        "selected `<a>`"),
    Key("url", "regex", "any page", "follow these links only on pages whose URL matches"),
)  # fmt: skip
PAGE = (
    Key("url", "regex", "(required)", "pages whose URL matches hold records; the first rule "
        "that matches reads the page"),
    Key("mode", "string", "(required)", " or ".join(f"`{m}`" for m in MODES) + ": free text "
        "read for dead men, or labelled fields, one block per man"),
    Key("record", "selector", "(fields mode: required)", "one block per man: a card, a table "
        "row, a list item"),
    Key("fields", "table", "{}", "field name → selector, read inside each record block "
        "(below)"),
    Key("title", "selector", "none", "text mode: the headline, read before the body"),
    Key("body", "selector", "(text mode: this or items)", "text mode: the article's text"),
    Key("items", "selector", "none", "text mode: several posts on one page (a wall), each read "
        "on its own"),
    Key("published", "selector", "none", "the page's date: «вчера» and a death date without "
        "a year are read from it"),
    Key("empty_ok", "true or false", "false", "a page of this kind may hold no records (else "
        "it is rejected: `layout: …`)"),
)  # fmt: skip
SELECTOR = (
    Key("css", "string", "", "a CSS selector (`div.card .fio`); `a::attr(href)` and "
        "`::text` work"),
    Key("xpath", "string", "", "an XPath instead (`//div[@class='card']`); a plain string "
        "starting `xpath:` is one too"),
    Key("attr", "string", "none", "read this attribute instead of the text (`datetime`, "
        "`title`)"),
    Key("regex", "regex", "none", "keep the first group (or the whole match) of the text read"),
    Key("required", "true or false", "false", "a block without it is rejected with the reason"),
)  # fmt: skip
FIELDS = {
    "name": "the whole name, any order and case (`ИВАНОВ Иван Иванович`, `Иванов И. И.`)",
    "surname": "the surname alone (with `given_name`, `patronymic`)",
    "given_name": "the given name alone",
    "patronymic": "the patronymic alone",
    "birth_date": "a date in any common form (`12.03.1990`, `12 марта 1990 г.`, `1990`)",
    "death_date": "the date of death, same forms",
    "lifespan": "both dates in one (`12.03.1990 – 20.02.2024`, `1898–1937`)",
    "age": "the age at death (`34`, `34 года`)",
    "funeral_date": "the date of the funeral",
    "place": "a settlement and/or region in any form (`с. Ивановка, Курская обл.`)",
    "settlement": "the settlement alone",
    "region": "the region: Russian or English name, abbreviation or ISO code",
    "unit": "the military unit (`36 омсбр`, `в/ч 12345`)",
    "rank": "the rank (`мл. сержант`)",
    "category": "volunteer, mobilised, prisoner, … in the page's own words",
    "text": "free text about the man: anything no other field gives is read from it",
    "published": "the page's date (fields mode)",
}

EXAMPLE = """name = "executed-moscow"
title = "Расстрельные списки: Москва"
kind = "memorial"
start_urls = ["https://lists.example.org/moscow/"]
allowed_domains = ["lists.example.org"]
encoding = "windows-1251"

[expect]
min_records = 1000

[validate]                              # not this war: the list's own years
earliest_death = 1937
latest_death = 1941
earliest_birth = 1850
max_age = 95

[[follow]]
css = "div.pages a"

[[page]]
url = '/moscow/'
mode = "fields"
record = "li.entry"

[page.fields]
name = { css = "b", required = true }
text = "span.bio"
death_date = { css = "span.bio", regex = 'Расстрелян\\s+(\\d+\\s+\\w+\\s+\\d{4})' }
"""


def _table(keys: tuple[Key, ...]) -> list[str]:
    rows = ["| key | type | default | what it does |", "|---|---|---|---|"]
    return rows + [f"| `{k.name}` | {k.type} | {k.default} | {k.meaning} |" for k in keys]


def render() -> str:
    out = [
        "# Source config reference",
        "",
        "<!-- generated by `python -m spiders.config_reference`; edit that module, not this "
        "file -->",
        "",
        "A source is one TOML file in `var/sources/` (or `spiders/sources/` to ship it). Check "
        "one with `tally source check FILE` (well under a second, one line per problem), see "
        "what it reads from one page with `tally extract PAGE --config FILE --url URL`, crawl "
        "it with `tally crawl FILE`. A key tally does not know is an error, never ignored. "
        "Editing a config re-reads the archived pages at the next crawl without fetching them "
        "again (`tally crawl SOURCE --reparse` re-reads all).",
        "",
        "## Top-level keys",
        "",
        *_table(TOP),
        "",
        "## `[expect]`: what a healthy crawl looks like",
        "",
        *_table(EXPECT),
        "",
        "## `[validate]`: the dates and ages its records may have",
        "",
        "Without it a source counts this war's dead. The project-wide default is the "
        "`[validate]` table of `var/tally.toml` (same keys); a source's own keys win.",
        "",
        *_table(VALIDATE),
        "",
        "## `[[follow]]`: links to follow (repeatable)",
        "",
        *_table(FOLLOW),
        "",
        "## `[[page]]`: pages that hold records (repeatable)",
        "",
        *_table(PAGE),
        "",
        "## Selectors",
        "",
        "A selector is a string (CSS) or a table with exactly one of `css` or `xpath`. A "
        "selector or regex that does not parse is an error when the config is read.",
        "",
        *_table(SELECTOR),
        "",
        "## Field names (`[page.fields]`)",
        "",
        "| field | what it holds |",
        "|---|---|",
        *[f"| `{name}` | {FIELDS[name]} |" for name in FIELD_NAMES],
        "",
        "## Example: a list of another time, cp1251, paginated",
        "",
        "```toml",
        EXAMPLE.rstrip("\n"),
        "```",
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
