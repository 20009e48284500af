"""Parsing a page: a pure function of (bytes, URL) and the source's config to records, rejects
and links. The spider only makes requests; tests call `parse_page` on saved pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from parsel import Selector as Doc

from schema.records import new_reject, tell_apart
from spiders.config import PageRule, Selector, SourceConfig
from spiders.extract.html import decode_html, fragment_text
from spiders.fields import record_from_fields, records_from_text

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class LayoutError(ValueError):
    """The page does not have the shape its config expects."""


@dataclass
class PageResult:
    url: str
    status: str  # parsed | rejected
    records: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    reason: str | None = None
    charset: str | None = None


def select(node: Doc, sel: Selector) -> list[Doc]:
    return node.css(sel.query) if sel.kind == "css" else node.xpath(sel.query)


def select_text(node: Doc, sel: Selector, *, html: bool = False) -> str | None:
    """Text of the first match (or the attribute), through the selector's regex."""
    found = select(node, sel)
    if not found:
        return None
    first = found[0]
    if sel.attr:
        value = first.attrib.get(sel.attr)
    elif html:
        value = fragment_text(first.get())
    else:
        value = (
            fragment_text(first.get())
            if first.root is not None and hasattr(first.root, "tag")
            else first.get()
        )
    if value is None:
        return None
    value = value.strip()
    if sel.regex:
        match = re.search(sel.regex, value)
        if not match:
            return None
        value = (match.group(1) if match.groups() else match.group(0)).strip()
    return value or None


def _one(node: Doc, sel: Selector, what: str) -> Doc:
    found = select(node, sel)
    if len(found) != 1:
        raise LayoutError(f"{what} selector {sel.query!r} matched {len(found)} elements, not 1")
    return found[0]


def links_of(config: SourceConfig, doc: Doc, url: str) -> list[str]:
    out: list[str] = []
    for rule in config.follow:
        if rule.url is not None and not rule.url.search(url):
            continue
        for node in select(doc, rule.links):
            href = (
                node.attrib.get(rule.links.attr or "href")
                if hasattr(node.root, "tag")
                else node.get()
            )
            if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
                continue
            try:
                target = urljoin(url, href.strip()).split("#")[0]
                if allowed(config, target):
                    out.append(target)
            except ValueError:  # «http://[oops»: no address, so nothing to follow
                continue
    return list(dict.fromkeys(out))


def allowed(config: SourceConfig, url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    host = parts.hostname or ""
    if not any(host == d or host.endswith("." + d) for d in config.allowed_domains):
        return False
    return config.allow is None or bool(config.allow.search(url))


def parse_page(
    config: SourceConfig,
    body: bytes,
    url: str,
    *,
    fetched_at: str,
    content_type: str | None = None,
    spider: str = "source",
    today: date | None = None,
    answered_at: str | None = None,
) -> PageResult:
    """Records, rejects and links of one page. A page whose layout does not match its rule is
    rejected with the reason; its links are still followed. `url` is the page's identity (its
    rule, its records' url and ids); `answered_at`, where a redirect took the request, is what
    relative links are read against."""
    text, charset = decode_html(body, content_type, config.encoding)
    # lxml refuses control characters in names it hands back (an attribute named «\x01»)
    doc = Doc(text=_CONTROL.sub("\ufffd", text))
    links = links_of(config, doc, answered_at or url)
    result = PageResult(url=url, status="parsed", links=links, charset=charset)
    rule = config.rule_for(url)
    if rule is None:
        return result
    base = {"source": config.name, "spider": spider, "url": url, "fetched_at": fetched_at}
    try:
        if rule.mode == "fields":
            _parse_fields(rule, doc, base, result)
        else:
            _parse_text(rule, doc, base, result)
        tell_apart(result.records)
    except LayoutError as exc:
        result.status = "rejected"
        result.reason = f"layout: {exc}"
        result.rejects.append(
            new_reject(
                source=config.name,
                url=url,
                scope="page",
                reason=result.reason,
                fetched_at=fetched_at,
            )
        )
    return result


def _parse_fields(rule: PageRule, doc: Doc, base: dict, result: PageResult) -> None:
    blocks = select(doc, rule.record)
    if not blocks and not rule.empty_ok:
        raise LayoutError(f"record selector {rule.record.query!r} matched nothing")
    published = _published(rule, doc)
    for block in blocks:
        raw = {key: select_text(block, sel) for key, sel in rule.fields.items()}
        missing = [k for k, sel in rule.fields.items() if sel.required and not raw.get(k)]
        if missing:
            result.rejects.append(
                new_reject(
                    source=base["source"],
                    url=base["url"],
                    scope="record",
                    reason=f"missing required field(s): {', '.join(missing)}",
                    field=missing[0],
                    raw=raw,
                    fetched_at=base["fetched_at"],
                )
            )
            continue
        record, reject = record_from_fields(raw, base, published)
        if reject:
            result.rejects.append(reject)
        else:
            result.records.append(record)


def _published(rule: PageRule, doc: Doc) -> date | None:
    from spiders.extract.dates import parse_date

    if rule.published is None:
        return None
    raw = select_text(doc, rule.published)
    if not raw:
        return None
    value = parse_date(raw[:10]) if re.match(r"\d{4}-\d{2}-\d{2}", raw) else parse_date(raw)
    if value and len(value) == 10:
        return date.fromisoformat(value)
    return None


def _parse_text(rule: PageRule, doc: Doc, base: dict, result: PageResult) -> None:
    published = _published(rule, doc)
    if rule.items is not None:
        blocks = select(doc, rule.items)
        if not blocks and not rule.empty_ok:
            raise LayoutError(f"items selector {rule.items.query!r} matched nothing")
        for block in blocks:
            title = select_text(block, rule.title) if rule.title else None
            body = (
                fragment_text(block.get())
                if rule.body is None
                else select_text(block, rule.body, html=True)
            )
            when = _published(rule, block) or published
            records, rejects = records_from_text(title or "", body or "", base, when)
            result.records.extend(records)
            result.rejects.extend(rejects)
        return
    body_node = _one(doc, rule.body, "body")
    title = select_text(doc, rule.title) if rule.title else None
    if rule.title is not None and title is None:
        raise LayoutError(f"title selector {rule.title.query!r} matched nothing")
    body = fragment_text(body_node.get())
    records, rejects = records_from_text(title or "", body, base, published)
    result.records.extend(records)
    result.rejects.extend(rejects)
