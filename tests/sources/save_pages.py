"""Save a few pages of every built-in source with the truth of what they say, for
`tests/sources/test_sources.py` (City Bureau's rule: no source ships without a saved page and
its expected records).

    python -m tests.sources.save_pages            # every sandbox-* source
    python -m tests.sources.save_pages NAME ...   # some

The stand-in site is generated with a fixed world (`Sandbox(PEOPLE, seed=SEED)`); each source
gets its list page and the first item pages its config reads that hold records (one with a
record the validator must refuse, when the site plants one). `expected.json` is the truth the
generator wrote for those pages: a reader can check it by eye against the saved HTML.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from sandbox.server import Sandbox
from spiders.config import find_source

HERE = Path(__file__).resolve().parent
PEOPLE, SEED = 150, 7
BASE = "http://127.0.0.1:8765/"
ITEM_PAGES = 3
# where the page's own words say something else than the generator's truth, checked by hand:
# (source, full_name, field) → (what the page says, why)
CORRECTIONS = {
    ("sandbox-press-en", "Belikov Ruslan", "region"): (
        "MOS",
        "the page says «Troitsk in the Moscow region»; the generator meant Troitsk of New Moscow "
        "(MOW), which the text does not say",
    ),
}


def _fetch(sandbox: Sandbox, url: str):
    parts = urlsplit(url)
    return sandbox.handle(parts.path, dict(parse_qsl(parts.query)))


def _file_name(url: str, n: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-")[-50:] or "index"
    return f"{n:02d}-{slug}.html"


def save(name: str, sandbox: Sandbox) -> dict:
    config = find_source(name).with_base(BASE)
    truth = sandbox.truth()
    by_url: dict[str, list[dict]] = {}
    for record in truth["records"]:
        by_url.setdefault(record["url"], []).append(record)
    rules = [re.compile(rule.url) for rule in config.pages]
    read = [u for u in by_url if any(r.search(u) for r in rules)]
    planted = [u for u in read if any(r["expect_reject"] for r in by_url[u])]
    chosen = sorted(read)[:ITEM_PAGES] + [
        u for u in planted[:1] if u not in sorted(read)[:ITEM_PAGES]
    ]
    start = urlsplit(config.start_urls[0])
    listing = start.path + (f"?{start.query}" if start.query else "")
    folder = HERE / name
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.html"):
        old.unlink()
    pages = []
    for n, path in enumerate([listing, *[u for u in chosen if u != listing]]):
        response = _fetch(sandbox, path)
        file = _file_name(path, n)
        (folder / file).write_bytes(response.body)
        shown = by_url.get(path, [])
        pages.append(
            {
                "file": file,
                "url": path,
                "status": response.status,
                "content_type": response.content_type,
                "records": [_expected(name, r) for r in shown if not r["expect_reject"]],
                "refused": [
                    {"full_name": r["full_name"], "reason": r["expect_reject"]}
                    for r in shown
                    if r["expect_reject"]
                ],
            }
        )
    expected = {
        "source": name,
        "base": BASE,
        "today": truth["today"],
        "origin": f"tally's stand-in site, Sandbox({PEOPLE}, seed={SEED}); regenerate with "
        "`python -m tests.sources.save_pages`",
        "pages": pages,
    }
    (folder / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return expected


def _expected(name: str, record: dict) -> dict:
    keep = ("full_name", "birth_date", "death_date", "funeral_date", "age", "region",
            "settlement", "unit", "rank", "category")  # fmt: skip
    out = {k: record[k] for k in keep if record.get(k) is not None}
    for field in keep:
        fixed = CORRECTIONS.get((name, record["full_name"], field))
        if fixed:
            out[field] = fixed[0]
            out.setdefault("corrected", {})[field] = fixed[1]
    return out


def main(names: list[str]) -> None:
    sandbox = Sandbox(PEOPLE, SEED)
    for name in names or sorted(
        p.stem for p in (HERE.parents[1] / "spiders" / "sources").glob("*.toml")
    ):
        expected = save(name, sandbox)
        n = sum(len(p["records"]) for p in expected["pages"])
        print(f"{name}: {len(expected['pages'])} pages, {n} records", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
