"""Sources as configuration: a TOML file per site, read strictly.

A volunteer adds a site by writing one file; a misspelt key or a missing selector is an error
that names the file and the key, never a silent default.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from spiders.validate import THIS_WAR, Window, earliest, latest, parse_iso

KINDS = ("news", "condolence", "social", "memorial", "cemetery", "press", "other")
MODES = ("text", "fields")
FIELD_NAMES = (
    "name",
    "surname",
    "given_name",
    "patronymic",
    "birth_date",
    "death_date",
    "lifespan",
    "age",
    "funeral_date",
    "place",
    "settlement",
    "region",
    "unit",
    "rank",
    "category",
    "text",
    "published",
)


class ConfigError(ValueError):
    """A source file that cannot be used, with the file and key named."""


@dataclass(frozen=True)
class Selector:
    """CSS by default; `xpath:` in front for XPath. `attr` reads an attribute instead of text,
    `regex` keeps the first group (or the match) of the selected text."""

    query: str
    kind: str = "css"
    attr: str | None = None
    regex: str | None = None
    required: bool = False

    @classmethod
    def parse(cls, value: Any, where: str) -> Selector:
        if isinstance(value, str):
            value = {"css": value}
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: a selector is a string or a table, not {value!r}")
        value = dict(value)
        css, xpath = value.pop("css", None), value.pop("xpath", None)
        attr, regex = value.pop("attr", None), value.pop("regex", None)
        for key, text in (("css", css), ("xpath", xpath), ("attr", attr), ("regex", regex)):
            if text is not None and not isinstance(text, str):
                raise ConfigError(f"{where}: {key} must be a string, not {text!r}")
        if isinstance(css, str) and css.startswith("xpath:"):
            css, xpath = None, css[len("xpath:") :]
        if bool(css) == bool(xpath):
            raise ConfigError(f"{where}: give exactly one of css or xpath")
        required = value.pop("required", False)
        if not isinstance(required, bool):
            raise ConfigError(f"{where}: 'required' must be true or false, not {required!r}")
        if value:
            raise ConfigError(f"{where}: unknown selector keys {sorted(value)}")
        _check_query(css, xpath, where)
        if regex:
            try:
                re.compile(regex)
            except re.error as exc:
                raise ConfigError(f"{where}: bad regex {regex!r}: {exc}") from exc
        return cls(css or xpath, "css" if css else "xpath", attr, regex, required)


def _check_query(css: str | None, xpath: str | None, where: str) -> None:
    """A selector that does not parse is an error now, not an empty page at crawl time."""
    from lxml import etree
    from parsel.csstranslator import HTMLTranslator

    try:
        query = HTMLTranslator().css_to_xpath(css) if css else xpath
        etree.XPath(query)
    except (SyntaxError, etree.XPathError) as exc:
        kind, text = ("css", css) if css else ("xpath", xpath)
        raise ConfigError(f"{where}: {kind} selector {text!r} does not parse: {exc}") from exc


@dataclass(frozen=True)
class PageRule:
    """Pages whose URL matches `url` hold records, read in `mode`."""

    url: re.Pattern
    mode: str
    record: Selector | None = None  # fields mode: one block per man
    fields: dict[str, Selector] = field(default_factory=dict)
    title: Selector | None = None  # text mode
    body: Selector | None = None
    published: Selector | None = None
    items: Selector | None = None  # text mode: several posts on one page (a wall)
    empty_ok: bool = False  # a page of this kind may hold no records


@dataclass(frozen=True)
class FollowRule:
    links: Selector
    url: re.Pattern | None = None  # only on pages whose URL matches


@dataclass(frozen=True)
class SourceConfig:
    name: str
    title: str
    kind: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    follow: tuple[FollowRule, ...]
    pages: tuple[PageRule, ...]
    allow: re.Pattern | None = None  # URLs outside this pattern are never requested
    encoding: str | None = None
    language: str = "ru"
    schedule: str | None = None
    min_records: int = 0
    max_records: int | None = None
    # the share of a crawl's pages that may fail before the crawl counts as failed (an outage)
    max_failed_share: float = 0.2
    validate: Window = THIS_WAR  # the dates and ages its records may have
    path: Path | None = None
    digest: str | None = None  # SHA-256 of the file: a changed config re-parses its pages

    def rule_for(self, url: str) -> PageRule | None:
        for rule in self.pages:
            if rule.url.search(url):
                return rule
        return None

    def with_base(self, base: str) -> SourceConfig:
        """Start URLs written as `{base}news/` resolved against a base URL (the stand-in site)."""
        from urllib.parse import urlsplit

        host = urlsplit(base).hostname or ""
        return replace(
            self,
            start_urls=tuple(u.replace("{base}", base) for u in self.start_urls),
            allowed_domains=tuple(host if d == "{host}" else d for d in self.allowed_domains),
        )


def _pop(
    table: dict, key: str, where: str, kind: type | tuple[type, ...], default: Any = ...
) -> Any:
    if key not in table:
        if default is ...:
            raise ConfigError(f"{where}: missing key {key!r}")
        return default
    value = table.pop(key)
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join(_TYPE_WORDS.get(k, k.__name__) for k in kinds)
        if key in ("page", "follow") and list in kinds:
            names = f"a list of tables, each written [[{key}]]"
        raise ConfigError(f"{where}: {key!r} must be {names}, not {_shown(value)}")
    return value


_TYPE_WORDS = {str: "a string", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a table"}  # fmt: skip


def _shown(value: Any) -> str:
    """A wrong value as a reader can place it: a table or list by its kind, a word as written."""
    if isinstance(value, dict):
        return f"a table (keys {', '.join(sorted(map(str, value))[:5])})"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _regex(value: str, where: str) -> re.Pattern:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: a regex is a string, not {value!r}")
    try:
        return re.compile(value)
    except re.error as exc:
        raise ConfigError(f"{where}: bad regex {value!r}: {exc}") from exc


def _page_rule(table: dict, where: str) -> PageRule:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: a page rule is a table, not {table!r}")
    table = dict(table)
    url = _regex(_pop(table, "url", where, str), where)
    mode = _pop(table, "mode", where, str)
    if mode not in MODES:
        raise ConfigError(f"{where}: mode must be one of {MODES}, not {mode!r}")
    sel = {
        k: Selector.parse(table.pop(k), f"{where}.{k}")
        for k in ("record", "title", "body", "published", "items")
        if k in table
    }
    fields_table = _pop(table, "fields", where, dict, {})
    fields = {}
    for key, value in fields_table.items():
        if key not in FIELD_NAMES:
            raise ConfigError(
                f"{where}.fields: unknown field {key!r} (known: {', '.join(FIELD_NAMES)})"
            )
        fields[key] = Selector.parse(value, f"{where}.fields.{key}")
    empty_ok = _pop(table, "empty_ok", where, bool, False)
    if table:
        raise ConfigError(f"{where}: unknown keys {sorted(table)}")
    if mode == "fields":
        if "record" not in sel:
            raise ConfigError(f"{where}: fields mode needs a `record` selector")
        if "name" not in fields and "surname" not in fields:
            raise ConfigError(f"{where}: fields mode needs a `name` (or `surname`) field")
    if mode == "text" and "body" not in sel and "items" not in sel:
        raise ConfigError(f"{where}: text mode needs a `body` (or `items`) selector")
    return PageRule(url=url, mode=mode, fields=fields, empty_ok=empty_ok, **sel)


_WINDOW_DATES = ("earliest_death", "latest_death", "earliest_birth")
_WINDOW_KEYS = (*_WINDOW_DATES, "min_age", "max_age")


def _window_date(key: str, value: Any, where: str) -> date:
    """A window's bound: a TOML date, a year (1937) or a partial ISO date ("1937-08");
    an earliest bound is the first day it may stand for, a latest one the last."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or parse_iso(value) is None:
        raise ConfigError(
            f'{where}: {key!r} must be a date (1937-08-05, "1937-08" or 1937), not {value!r}'
        )
    return (latest if key.startswith("latest") else earliest)(value)


def parse_window(table: Any, where: str, base: Window = THIS_WAR) -> Window:
    """A `[validate]` table over `base` (the project's window, or this war's): only the keys
    it gives change."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [validate] is a table, not {table!r}")
    unknown = sorted(set(table) - set(_WINDOW_KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown keys {unknown} (known: {', '.join(_WINDOW_KEYS)})")
    values: dict[str, Any] = {}
    for key in _WINDOW_DATES:
        if key in table:
            values[key] = _window_date(key, table[key], where)
    for key in ("min_age", "max_age"):
        if key in table:
            age = table[key]
            if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 130:
                raise ConfigError(f"{where}: {key!r} must be a whole number 0–130, not {age!r}")
            values[key] = age
    window = replace(base, **values)
    if window.min_age > window.max_age:
        raise ConfigError(f"{where}: min_age {window.min_age} is above max_age {window.max_age}")
    if window.latest_death and window.latest_death < window.earliest_death:
        raise ConfigError(
            f"{where}: latest_death {window.latest_death} is before earliest_death "
            f"{window.earliest_death}"
        )
    return window


def project_window(path: Path | str | None) -> Window:
    """The project-wide window from the `[validate]` table of `var/tally.toml` (this war
    when the file or the table is missing)."""
    if path is None or not Path(path).exists():
        return THIS_WAR
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    return parse_window(data.get("validate", {}), f"{path} [validate]")


def _follow_rule(table: Any, where: str) -> FollowRule:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: a follow rule is a table, not {table!r}")
    return FollowRule(
        links=Selector.parse({k: v for k, v in table.items() if k != "url"}, where),
        url=_regex(table["url"], where) if "url" in table else None,
    )


def _strings(table: dict, key: str, where: str) -> tuple[str, ...]:
    values = _pop(table, key, where, list)
    if not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{where}: {key!r} must be a list of strings, not {values!r}")
    return tuple(values)


def parse_config(data: dict, where: str = "<config>", project: Window = THIS_WAR) -> SourceConfig:
    """A source from its TOML table; `project` is the window its `[validate]` starts from."""
    data = dict(data)
    name = _pop(data, "name", where, str)
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        raise ConfigError(f"{where}: name {name!r} must be lowercase letters, digits, - or _")
    kind = _pop(data, "kind", where, str)
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind must be one of {KINDS}, not {kind!r}")
    expect = _pop(data, "expect", where, dict, {})
    min_records = _pop(expect, "min_records", f"{where}.expect", int, 0)
    max_records = _pop(expect, "max_records", f"{where}.expect", int, None)
    max_failed = _pop(expect, "max_failed_share", f"{where}.expect", (int, float), 0.2)
    if isinstance(max_failed, bool) or not 0 <= max_failed <= 1:
        raise ConfigError(f"{where}.expect: 'max_failed_share' must be between 0 and 1")
    if expect:
        raise ConfigError(f"{where}.expect: unknown keys {sorted(expect)}")
    follow = tuple(
        _follow_rule(f, f"{where}.follow[{i}]")
        for i, f in enumerate(_pop(data, "follow", where, list, []))
    )
    pages = tuple(
        _page_rule(p, f"{where}.page[{i}]") for i, p in enumerate(_pop(data, "page", where, list))
    )
    allow = _pop(data, "allow", where, str, None)
    config = SourceConfig(
        name=name,
        title=_pop(data, "title", where, str, name),
        kind=kind,
        start_urls=_strings(data, "start_urls", where),
        allowed_domains=_strings(data, "allowed_domains", where),
        follow=follow,
        pages=pages,
        allow=_regex(allow, where) if allow else None,
        encoding=_pop(data, "encoding", where, str, None) or None,
        language=_pop(data, "language", where, str, "ru"),
        schedule=_pop(data, "schedule", where, str, None),
        min_records=min_records,
        max_records=max_records,
        max_failed_share=float(max_failed),
        validate=parse_window(
            _pop(data, "validate", where, dict, {}), f"{where}.validate", project
        ),
    )
    if data:
        raise ConfigError(f"{where}: unknown keys {sorted(data)}")
    if not config.start_urls:
        raise ConfigError(f"{where}: start_urls is empty")
    return config


def load_config(path: Path | str, project: Window = THIS_WAR) -> SourceConfig:
    path = Path(path)
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    config = parse_config(data, str(path), project)
    # the window is part of what a page gives: a project-wide change re-parses too
    digest = hashlib.sha256(raw + repr(config.validate).encode()).hexdigest()
    return replace(config, path=path, digest=digest)


def builtin_sources() -> dict[str, Path]:
    """The sources shipped with tally, by name."""
    folder = resources.files("spiders.sources")
    return {p.name[:-5]: Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml")}


def find_source(
    name_or_path: str, extra_dirs: list[Path] | None = None, project: Window = THIS_WAR
) -> SourceConfig:
    """A source by name (built-in or in an extra folder) or by path to its file; `project` is
    the project-wide window its `[validate]` starts from."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        return load_config(path, project)
    for folder in extra_dirs or []:
        candidate = Path(folder) / f"{name_or_path}.toml"
        if candidate.exists():
            return load_config(candidate, project)
    builtin = builtin_sources()
    if name_or_path in builtin:
        return load_config(builtin[name_or_path], project)
    raise ConfigError(f"no source named {name_or_path!r} (built-in: {', '.join(sorted(builtin))})")
