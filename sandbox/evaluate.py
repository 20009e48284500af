"""Extraction measured against the stand-in truth, field by field: each page of each site is
parsed by its source config exactly as a crawl would, without the network."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qsl, urlsplit

from lexicon.text import fold
from spiders.config import SourceConfig, builtin_sources, load_config
from spiders.pages import parse_page
from spiders.validate import check_record

FIELDS = (
    "birth_date",
    "death_date",
    "funeral_date",
    "age",
    "region",
    "settlement",
    "unit",
    "rank",
    "category",
)
BASE = "http://127.0.0.1:9/"


@dataclass
class Evaluation:
    shown: Counter = field(default_factory=Counter)  # (site, field) -> pages showing it
    right: Counter = field(default_factory=Counter)  # (site, field) -> extracted right
    extra: Counter = field(default_factory=Counter)  # site -> records not in the truth
    rejects_expected: int = 0
    rejects_found: int = 0
    misses: dict[str, list] = field(default_factory=lambda: defaultdict(list))

    def rate(self, name: str, site: str | None = None) -> float:
        keys = [k for k in self.shown if k[1] == name and (site is None or k[0] == site)]
        shown = sum(self.shown[k] for k in keys)
        return sum(self.right[k] for k in keys) / shown if shown else 1.0

    def table(self) -> list[tuple[str, int, float]]:
        names = ("name", *FIELDS)
        return [
            (n, sum(v for k, v in self.shown.items() if k[1] == n), self.rate(n)) for n in names
        ]


def configs_by_prefix() -> dict[str, SourceConfig]:
    """The built-in sandbox sources, keyed by the site prefix their start URL points at."""
    out = {}
    for name, path in builtin_sources().items():
        if name.startswith("sandbox-"):
            config = load_config(path).with_base(BASE)
            out[urlsplit(config.start_urls[0]).path] = config
    return out


def _key(name: str | None) -> str:
    return fold(name or "").replace(".", "").replace(" ", "")


def evaluate(sandbox, today=None) -> Evaluation:
    """Parse every page that holds truth records and compare, field by field."""
    truth = sandbox.truth()
    configs = configs_by_prefix()
    by_url: dict[str, list[dict]] = defaultdict(list)
    for record in truth["records"]:
        by_url[record["url"]].append(record)
    result = Evaluation()
    for url, expected in by_url.items():
        parts = urlsplit(url)
        prefix = next(p for p in sorted(configs, key=len, reverse=True) if parts.path.startswith(p))
        response = sandbox.handle(parts.path, dict(parse_qsl(parts.query)))
        page = parse_page(
            configs[prefix],
            response.body,
            BASE.rstrip("/") + url,
            fetched_at="2026-01-30T12:00:00",
            content_type=response.content_type,
            today=today,
        )
        _compare(result, expected, page)
    return result


def _compare(result: Evaluation, expected: list[dict], page) -> None:
    got: dict[str, list[dict]] = defaultdict(list)
    for record in page.records:
        got[_key(record["full_name"])].append(record)
    used: set[int] = set()
    for truth in expected:
        site = truth["site"]
        candidates = [r for r in got.get(_key(truth["full_name"]), []) if id(r) not in used]
        if truth.get("expect_reject"):
            result.rejects_expected += 1
            fatal = [p for r in candidates for p in check_record(r, date(2026, 1, 30)) if p.fatal]
            if not candidates or fatal:
                result.rejects_found += 1
            else:
                result.misses["reject"].append(
                    (truth["url"], truth["full_name"], truth["expect_reject"])
                )
            continue
        result.shown[(site, "name")] += 1
        if not candidates:
            result.misses["name"].append(
                (truth["url"], truth["full_name"], [r["full_name"] for r in page.records])
            )
            continue
        best = max(candidates, key=lambda r: sum(r.get(f) == truth.get(f) for f in FIELDS))
        used.add(id(best))
        result.right[(site, "name")] += 1
        for name in FIELDS:
            if truth.get(name) is None:
                continue
            result.shown[(site, name)] += 1
            if str(best.get(name)) == str(truth[name]):
                result.right[(site, name)] += 1
            else:
                result.misses[name].append(
                    (truth["url"], truth[name], best.get(name), best.get(f"{name}_raw"))
                )
    for records in got.values():
        for record in records:
            if id(record) not in used and not any(
                _key(t["full_name"]) == _key(record["full_name"]) for t in expected
            ):
                result.extra[expected[0]["site"]] += 1
                result.misses["extra"].append((record["url"], record["full_name"]))
