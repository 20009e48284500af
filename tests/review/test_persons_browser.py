"""Review by persons in real Chromium: merge two persons of two records each, and the next
dedupe run keeps all four as one man; split two of them out together, and the next run makes
one new person of those two; undo both, and the run after gives back the original persons.

Needs Debian's `chromium` (/usr/bin/chromium) and the Python Playwright package; without
Chromium the test skips and says why."""

from __future__ import annotations

import time
from collections import defaultdict

import duckdb
import pytest

from review.persons import date_conflicts
from review.queue import Queue
from tests.review.test_review_browser import (  # noqa: F401
    CHROMIUM,
    _ready,
    launch,
    served,
    watched,
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Chromium is not installed (/usr/bin/chromium)"
)


def _persons(home) -> dict[str, str]:
    with duckdb.connect(str(home.warehouse), read_only=True) as con:
        return dict(con.execute("SELECT record_id, person_id FROM record_person").fetchall())


def _partition(persons: dict[str, str]) -> set[frozenset[str]]:
    groups = defaultdict(set)
    for rid, pid in persons.items():
        groups[pid].add(rid)
    return {frozenset(g) for g in groups.values()}


def _until(condition, what: str, seconds: float = 60) -> None:
    """Wait for a condition on the server's side (the store), however loaded the machine."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_merge_split_and_undo_persons_whole(served):  # noqa: F811 (the fixture)
    from playwright.sync_api import sync_playwright

    from flows.stages import dedupe_stage

    home, store, url = served
    before = _persons(home)
    groups = defaultdict(list)
    for rid, pid in sorted(before.items()):
        groups[pid].append(rid)
    p, q = [pid for pid, rids in sorted(groups.items()) if len(rids) == 2][:2]
    (a1, a2), (b1, b2) = groups[p], groups[q]
    queue = Queue(store)
    warning = date_conflicts(queue.person_records(p), queue.person_records(q))
    name_q = queue.person_records(q)[0]["full_name"]

    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page()
        errors = watched(page)
        page.goto(url + "/login")
        page.fill("#reviewer", "anna")
        page.press("#reviewer", "Enter")
        _ready(page, "header")

        # merge Q into P: one decision binding all four records
        page.goto(f"{url}/search?q={name_q}&merge_into={p}")
        _ready(page, f"#merge-{q}")
        page.click(f"#merge-{q}")
        if warning:  # conflicting dates: shown before the merge is confirmed
            _ready(page, "#merge-warning")
            assert warning in page.inner_text("#merge-warning")
            page.click("#confirm-merge")
        _until(lambda: len(store.active()) == 4, "the merge's four edges")
        assert {j.warning for j in store.history(reviewer="anna")} == {warning}
        assert len({j.decision for j in store.history(reviewer="anna")}) == 1
        dedupe_stage(home)
        merged = _persons(home)
        assert len({merged[r] for r in (a1, a2, b1, b2)}) == 1
        whole = merged[a1]
        assert sum(pid == whole for pid in merged.values()) == 4

        # split a1 and b1 out together: one decision, one new person of two
        page.goto(f"{url}/person/{whole}")
        _ready(page, "#split-out")
        page.check(f"input[name=record_id][value='{a1}']")
        page.check(f"input[name=record_id][value='{b1}']")
        page.click("#split-out")
        _until(lambda: len(store.history(reviewer="anna")) > 4, "the split's edges")
        decisions = {j.decision for j in store.history(reviewer="anna", include_deleted=False)}
        assert len(decisions) == 2
        dedupe_stage(home)
        split = _persons(home)
        assert split[a1] == split[b1] != split[a2] == split[b2]
        assert sum(pid == split[a1] for pid in split.values()) == 2
        assert sum(pid == split[a2] for pid in split.values()) == 2

        # undo both, each whole: the run after gives back the persons of the start
        page.goto(f"{url}/person/{split[a1]}")
        _ready(page, "#undo")
        page.keyboard.press("z")
        _until(lambda: len(store.active()) == 4, "the split taken back whole")
        _ready(page, "#undo")
        page.keyboard.press("z")
        _until(lambda: store.active() == [], "the merge taken back whole")
        _ready(page, "#undo")
        browser.close()
    assert not errors, errors
    dedupe_stage(home)
    after = _persons(home)
    assert _partition(after) == _partition(before)
    assert after[a1] == after[a2] != after[b1] == after[b2]
    # a merge retires one of the two ids (dedupe.ids): the merged man keeps one of them, and
    # after both undos one of the two men has his id back
    assert whole in (p, q) and {after[a1], after[b1]} & {p, q}
