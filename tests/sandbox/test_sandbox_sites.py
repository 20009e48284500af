"""The stand-in sites: deterministic, every listed page served, truth that matches the text,
the encodings each site is specified to use, and the bad input planted on purpose."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from functools import cache
from urllib.parse import parse_qsl, urlsplit

import pytest

from sandbox.grammar import MONTHS_EN, MONTHS_GEN, MONTHS_LOC
from sandbox.server import Sandbox
from sandbox.sites.base import REJECT_REASONS
from sandbox.sites.phrases import RANK_ABBR, region_aliases, region_en, region_name

SOURCES = {
    "news": "sandbox-news",
    "memorial": "sandbox-memorial",
    "condolence": "sandbox-condolence",
    "social": "sandbox-social",
    "memorial_table": "sandbox-memorial-table",
    "cemetery": "sandbox-cemetery",
    "press_en": "sandbox-press-en",
    "oldnews": "sandbox-oldnews",
}


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    return Sandbox(300, seed=7)


@pytest.fixture(scope="module")
def truth(sandbox) -> dict:
    return sandbox.truth()


def fetch(sandbox: Sandbox, url: str):
    parts = urlsplit(url)
    return sandbox.handle(parts.path, dict(parse_qsl(parts.query)))


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


@cache
def _text_of(sandbox_id: int, url: str) -> str:
    response = fetch(_SANDBOXES[sandbox_id], url)
    raw = html.unescape(re.sub(r"<[^>]+>", " ", response.body.decode(response.charset)))
    return fold(re.sub(r"\s+", " ", raw))


_SANDBOXES: dict[int, Sandbox] = {}


def text_of(sandbox: Sandbox, url: str) -> str:
    _SANDBOXES[id(sandbox)] = sandbox
    return _text_of(id(sandbox), url)


def digest(people: int, seed: int) -> str:
    box = Sandbox(people, seed)
    truth = box.truth()
    h = hashlib.sha256(json.dumps(truth, sort_keys=True, ensure_ascii=False).encode())
    for entry in truth["pages"]:
        h.update(fetch(box, entry["url"]).body)
    return h.hexdigest()


# -- determinism ----------------------------------------------------------------------------
def test_same_seed_gives_the_same_truth_and_pages_in_another_process():
    code = "from tests.sandbox.test_sandbox_sites import digest; print(digest(60, 2))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == digest(60, 2)


def test_another_seed_gives_another_world():
    assert Sandbox(40, 1).truth()["records"] != Sandbox(40, 2).truth()["records"]


# -- every page is there, and accounted for -------------------------------------------------
def test_every_listed_page_answers(sandbox, truth):
    expected = {"parsed": 200, "rejected": 200, "failed": 404}
    wrong = [
        e["url"] for e in truth["pages"] if fetch(sandbox, e["url"]).status != expected[e["status"]]
    ]
    assert wrong == []


def test_every_site_lists_its_pages(truth):
    assert {e["site"] for e in truth["pages"]} == set(SOURCES)


def test_every_record_is_on_a_listed_parsed_page(truth):
    parsed = {e["url"] for e in truth["pages"] if e["status"] == "parsed"}
    assert all(r["url"] in parsed for r in truth["records"])


def test_page_truth_counts_the_records(truth):
    counts = Counter(r["url"] for r in truth["records"] if not r["expect_reject"])
    assert all(e["records"] == counts.get(e["url"], 0) for e in truth["pages"])


def test_page_truth_is_what_a_configured_crawler_reaches(sandbox, truth):
    """Follow each source config from its start URL (robots.txt obeyed): the pages reached and
    their status (parsed, rejected by layout, failed) are exactly the page truth."""
    from spiders.config import find_source
    from spiders.pages import parse_page

    base = "http://127.0.0.1:8000/"
    reached = {}
    for site, source in SOURCES.items():
        config = find_source(source).with_base(base)
        queue, seen = list(config.start_urls), set()
        while queue:
            url = queue.pop()
            path = url[len(base) - 1 :]
            if url in seen or path.startswith("/private/"):
                continue
            seen.add(url)
            response = fetch(sandbox, path)
            if response.status != 200:
                reached[(site, path)] = "failed"
                continue
            result = parse_page(
                config, response.body, url, fetched_at="2026-01-30T00:00:00",
                content_type=response.content_type,
            )  # fmt: skip
            reached[(site, path)] = result.status
            queue.extend(result.links)
    assert reached == {(e["site"], e["url"]): e["status"] for e in truth["pages"]}


def test_some_pages_are_rejected_or_dead(truth):
    statuses = Counter(e["status"] for e in truth["pages"])
    assert statuses["rejected"] >= 1 and statuses["failed"] >= 1


# -- the truth matches the text ---------------------------------------------------------------
def _date_forms(iso: str) -> list[str]:
    if len(iso) == 4:
        return [iso]
    if len(iso) == 7:
        y, m = int(iso[:4]), int(iso[5:])
        names = (MONTHS_GEN[m - 1], MONTHS_LOC[m - 1], MONTHS_EN[m - 1].lower())
        return [f"{n} {y}" for n in names] + [f"{m:02d}.{y}"]
    d = date.fromisoformat(iso)
    short = ("янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
    return [
        f"{d.day} {short[d.month - 1]} {d.year}",
        d.strftime("%d.%m.%Y"),
        d.strftime("%d.%m.%y"),
        f"{d.day} {MONTHS_GEN[d.month - 1]}",
        f"{MONTHS_EN[d.month - 1].lower()} {d.day},",
        f"{d.day} {MONTHS_EN[d.month - 1].lower()}",
    ]


def _stem(word: str) -> str:
    return fold(word)[: max(3, len(word) - 2)]


def _region_forms(code: str) -> list[str]:
    words = [w for w in region_name(code).split() if len(w) > 4 and w != "Республика"]
    return (
        [_stem(w) for w in words]
        + [_stem(a) for a in region_aliases(code)]
        + [fold(region_en(code))]
    )


def _settlement_forms(name: str | None, region: str | None) -> list[str]:
    from lexicon.places import find_settlements
    from sandbox.sites.phrases import _settlement_row

    if not name:
        return []
    # a record whose region the page leaves open (a town of two regions) may be written in
    # the case forms of any of them
    regions = [region] if region else sorted({s.region_code for s in find_settlements(name)})
    forms = [name]
    for code in regions:
        row = _settlement_row(name, code) or {}
        forms += [row.get("gen"), row.get("loc"), row.get("name_en")]
    forms += [s.name_en for s in find_settlements(name)]
    return [fold(f) for f in forms if f]


def _missing_fields(record: dict, text: str) -> list[str]:
    missing = []
    if not any(
        fold(p) in text
        for p in (
            [record["full_name"]]
            if record["expect_reject"] == "not a name"
            else [_stem(record["full_name"].split()[0])]
        )
    ):
        missing.append("full_name")
    for key in ("birth_date", "death_date", "funeral_date"):
        if record[key] and not any(f in text for f in _date_forms(record[key])):
            missing.append(key)
    if record["age"] and str(record["age"]) not in text:
        missing.append("age")
    towns = _settlement_forms(record["settlement"], record["region"])
    if towns and not any(f in text for f in towns):
        missing.append("settlement")
    if record["region"] and not any(f in text for f in [*_region_forms(record["region"]), *towns]):
        missing.append("region")
    if record["unit"] and not any(
        p in text for p in (re.sub(r"\D", "", record["unit"]) or "", "шторм", "вагнер") if p
    ):
        missing.append("unit")
    if record["rank"]:
        from lexicon.ranks import ranks

        forms = [
            _stem(record["rank"].split()[-1])[:4],
            *map(fold, RANK_ABBR.get(record["rank"], ())),
        ]
        forms.append(ranks()[record["rank"]].rank_en)
        if not any(f in text for f in forms):
            missing.append("rank")
    return missing


def test_every_record_says_only_what_its_page_shows(sandbox, truth):
    bad = []
    for record in truth["records"]:
        missing = _missing_fields(record, text_of(sandbox, record["url"]))
        if missing:
            bad.append((record["site"], record["url"], record["full_name"], missing))
    assert bad == []


def test_english_names_are_latin_surname_first(truth):
    names = [r["full_name"] for r in truth["records"] if r["site"] == "press_en"]
    assert names and all(re.fullmatch(r"[A-Za-z'’ -]+", n) for n in names)


def test_graves_give_initials_and_walls_give_short_forms(truth):
    by_site = {s: [r["full_name"] for r in truth["records"] if r["site"] == s] for s in SOURCES}
    initials = [n for n in by_site["cemetery"] if re.fullmatch(r"\S+ \w\. \w\.", n)]
    short = [n for n in by_site["social"] if n.split()[1] in {"Саша", "Дима", "Лёша", "Женя", "Ваня", "Серёжа", "Андрюша", "Миша", "Коля", "Вова", "Юра", "Паша"}]  # fmt: skip
    assert initials and short


def test_first_name_only_posts_are_not_counted(sandbox, truth):
    """A relative's post that names the dead man by his first name only is on a parsed page
    but gives no record: the records of a wall page are its posts that name a surname."""
    social = next(s for s in sandbox.sites if s.name == "social")
    per_page = Counter(r["url"] for r in truth["records"] if r["site"] == "social")
    uncounted, expected = 0, Counter()
    for wall in social.order:
        for i, post in enumerate(wall.posts):
            url = wall.page_url(i // 10 + 1)
            expected[url] += post.shown is not None
            uncounted += bool(post.about and post.shown is None)
    assert uncounted > 0 and +expected == per_page


def test_unreadable_captions_are_listed_and_shown(sandbox, truth):
    entries = [e for e in truth["pages"] if e.get("unreadable")]
    assert entries and all(
        fold(line.split(" / ")[0].strip("…")) in text_of(sandbox, e["url"])
        for e in entries
        for line in e["unreadable"]
    )


# -- encodings ----------------------------------------------------------------------------------
def _first(truth: dict, site: str) -> str:
    return next(e["url"] for e in truth["pages"] if e["site"] == site and e["records"])


@pytest.mark.parametrize(
    ("site", "charset", "in_header", "in_meta", "marker"),
    [
        ("condolence", "windows-1251", True, False, "Администрация"),
        ("memorial_table", "koi8-r", False, True, "Книга памяти"),
        ("cemetery", "windows-1251", False, False, "захоронений"),
        ("oldnews", "windows-1251", False, False, "Байкальский вестник"),
        ("memorial", "windows-1251", True, True, "Книга памяти"),
        ("social", "utf-8", True, True, "ВКонтакте"),
        ("press_en", "utf-8", True, True, "The Monitor"),
        ("news", "utf-8", True, True, "Вести района"),
    ],
)
def test_each_site_is_encoded_and_declared_as_specified(
    sandbox, truth, site, charset, in_header, in_meta, marker
):
    response = fetch(sandbox, _first(truth, site))
    text = response.body.decode(charset)
    declared_meta = bool(re.search(r"<meta[^>]+charset", text, re.IGNORECASE))
    declared_header = "charset=" in response.content_type
    assert (marker in text, declared_header, declared_meta) == (True, in_header, in_meta)


def test_single_byte_sites_are_not_utf8(sandbox, truth):
    bodies = [
        fetch(sandbox, _first(truth, s)).body
        for s in ("condolence", "cemetery", "oldnews", "memorial_table")
    ]
    failures = 0
    for body in bodies:
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            failures += 1
    assert failures == len(bodies)


# -- who is reported, and the bad input ---------------------------------------------------------
def test_many_men_are_reported_by_two_kinds_of_source(truth):
    kinds = truth["kinds"]
    reported = [p for p in truth["people"] if p["reported"]]
    several = [p for p in reported if len({kinds[s] for s in p["reported_by"]}) >= 2]
    assert len(several) >= 0.4 * len(reported)


def test_people_reported_counts_only_valid_records(truth):
    valid = {r["pid"] for r in truth["records"] if not r["expect_reject"]}
    assert truth["people_reported"] == len(valid)


def test_planted_rejects_exist_and_are_rare(truth):
    planted = [r for r in truth["records"] if r["expect_reject"]]
    reasons = {r["expect_reject"] for r in planted}
    assert reasons <= set(REJECT_REASONS) and len(reasons) >= 3
    assert 0.005 < len(planted) / len(truth["records"]) < 0.05


def test_nothing_appears_after_the_crawl_day(truth):
    today = truth["today"]
    assert all((r["death_date"] or "") <= today for r in truth["records"] if not r["expect_reject"])
