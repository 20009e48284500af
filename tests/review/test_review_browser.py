"""A whole review in real Chromium: log in, decide with the keyboard, undo, decide again, and
the judgement rows and the next dedupe run's persons say what the maintainer said.

Needs Debian's `chromium` (/usr/bin/chromium; `.ci/run` installs it) and the Python
Playwright package; without Chromium the test skips and says why."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from review.queue import Queue

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Chromium is not installed (/usr/bin/chromium): `apt-get install chromium` "
    "(Debian's package) to run the browser test; .ci/run installs it",
)


def _ready(page, selector: str) -> None:
    """The page shows `selector` and has run its scripts (the keyboard shortcuts are a deferred
    script: a key pressed before it ran is lost, and the test waits for nothing)."""
    page.wait_for_selector(selector)
    page.wait_for_load_state("load")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app):
    """The review app on a free port of 127.0.0.1, in a thread, for the length of the block:
    its address."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the review app did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def launch(pw):
    """Debian's Chromium, headless, as every browser test runs it."""
    return pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])


def watched(page) -> list[str]:
    """The page's script errors, as they happen."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.fixture
def served(tmp_path):
    from review.store import Store
    from review.web import create_app
    from tests.conftest import build_review_home

    home = build_review_home(tmp_path, men=300, seed=11)
    store = Store(home.review_db)
    with serving(create_app(store, runs_dir=home.runs)) as url:
        yield home, store, url


def _persons(home) -> dict[str, str]:
    with duckdb.connect(str(home.warehouse), read_only=True) as con:
        return dict(con.execute("SELECT record_id, person_id FROM record_person").fetchall())


def _shown_pair(page) -> int:
    return int(page.locator("section.pair").get_attribute("data-pair"))


def test_a_whole_review_with_the_keyboard(served, tmp_path):
    from playwright.sync_api import sync_playwright

    from flows.stages import dedupe_stage

    home, store, url = served
    assert Queue(store).counts()["open"] >= 2, "the generated records leave pairs for review"
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page()
        errors = watched(page)
        page.goto(url + "/")
        page.fill("#reviewer", "anna")
        page.press("#reviewer", "Enter")
        _ready(page, "section.pair")

        first = _shown_pair(page)
        pair_one = Queue(store).pair(first)
        page.keyboard.press("s")  # same
        _ready(page, f"section.pair:not([data-pair='{first}'])")
        assert store.verdict(pair_one.record_a, pair_one.record_b).verdict == "same"

        page.keyboard.press("z")  # undo: back to the first pair, the decision taken back
        _ready(page, f"section.pair[data-pair='{first}']")
        assert store.verdict(pair_one.record_a, pair_one.record_b) is None

        page.keyboard.press("n")  # a note, then decide again: different
        page.keyboard.type("different fathers")
        page.keyboard.press("Escape")
        page.keyboard.press("d")
        _ready(page, f"section.pair:not([data-pair='{first}'])")

        second = _shown_pair(page)
        pair_two = Queue(store).pair(second)
        page.keyboard.press("s")
        _ready(page, f"section.pair:not([data-pair='{second}']), h1:text('Nothing left')")

        page.goto(url + "/history")
        _ready(page, "table.history")
        shot = tmp_path / "review-history.png"
        page.screenshot(path=str(shot), full_page=True)
        rows = page.locator("table.history tbody tr").count()
        browser.close()
    assert not errors, errors
    assert shot.stat().st_size > 5000
    keep = os.environ.get("TALLY_SCREENSHOTS")  # a folder to keep the screenshot in
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)

    # three decisions (each the edges between every record of the two persons): the undone
    # «same» kept (soft-deleted), «different» and «same» active
    history = store.history(reviewer="anna")
    assert rows == len(history)
    decisions = {j.decision for j in history}
    assert len(decisions) == 3
    undone = {j.decision: j for j in history if j.deleted_at}
    assert len(undone) == 1
    [gone] = undone.values()
    assert gone.verdict == "same" and gone.deleted_by == "anna"
    assert all(j.deleted_at for j in history if j.decision == gone.decision)
    active = {(j.record_a, j.record_b): j for j in history if not j.deleted_at}
    assert active[(pair_one.record_a, pair_one.record_b)].verdict == "different"
    assert active[(pair_one.record_a, pair_one.record_b)].note == "different fathers"
    assert active[(pair_two.record_a, pair_two.record_b)].verdict == "same"

    # the next dedupe run obeys both and asks about neither again
    figures = dedupe_stage(home)
    assert figures["judgements_obeyed"] == len(active)  # every edge of both decisions
    persons = _persons(home)
    assert persons[pair_one.record_a] != persons[pair_one.record_b]
    assert persons[pair_two.record_a] == persons[pair_two.record_b]
    assert Queue(store).pair_of(pair_one.record_a, pair_one.record_b) is None
    assert Queue(store).pair_of(pair_two.record_a, pair_two.record_b) is None
