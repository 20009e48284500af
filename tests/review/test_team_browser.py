"""Team mode in real Chromium: a session cookie planted before login is worthless after it; a
non-ASCII token or CSRF value is a 403; a `javascript:` address is text, not a link; a
5,000-letter name keeps every page within the window's width; the decision buttons are on
screen at 1366×768 without scrolling; Enter in the note keeps the note and decides nothing;
undo brings the note back. Skips, like the other browser test, without Chromium."""

from __future__ import annotations

import pytest

from review.queue import Queue
from review.store import Store
from tests.review.test_review_browser import CHROMIUM, _ready, launch, serving, watched

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Chromium is not installed (/usr/bin/chromium)"
)

TOKEN = "team-token-0123456789"
LONG_NAME = "Щ" * 5000
WIDTH, HEIGHT = 1366, 768


@pytest.fixture
def served(tmp_path):
    from review.web import create_app

    store = Store(tmp_path / "review.sqlite")
    Queue(store).replace(
        [
            {"record_a": "h1", "record_b": "h2", "score": 0.4, "priority": 2, "reasons": "names"},
            {"record_a": "n1", "record_b": "n2", "score": 0.3, "priority": 1},
        ],
        [
            {"record_id": "h1", "person_id": "P1", "full_name": LONG_NAME, "url": "javascript:alert(1)", "context": f"{LONG_NAME} погиб", "region": "x" * 3000},
            {"record_id": "h2", "person_id": "P2", "full_name": "Щукин Иван", "url": "data:text/html,<b>x</b>"},
            {"record_id": "n1", "person_id": "P3", "full_name": "Петров Иван", "url": "https://example.org/n1"},
            {"record_id": "n2", "person_id": "P4", "full_name": "Петров И.", "url": "vbscript:msgbox(1)"},
        ],
        "run-1",
    )  # fmt: skip
    with serving(create_app(store, token=TOKEN)) as url:
        yield store, url


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        yield pw, browser
        browser.close()


def _page(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    return context, page, watched(page)


def _log_in(page, url: str, token: str = TOKEN) -> int:
    """Log in through the form; the status of the answer to the posted form."""
    page.goto(url + "/login")
    _ready(page, "#token")
    page.fill("#reviewer", "anna")
    page.fill("#token", token)
    with page.expect_response(
        lambda r: r.url.endswith("/login") and r.request.method == "POST"
    ) as answer:
        page.press("#token", "Enter")  # fmt: skip
    page.wait_for_load_state("load")
    return answer.value.status


def _fits(page) -> None:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{page.url}: {width[0]} px wide in a {width[1]} px window"


def _above_the_fold(page) -> None:
    for button in ("#note", "#save-note", "#same", "#different", "#unsure", "#skip"):
        box = page.locator(button).bounding_box()
        assert box and box["y"] + box["height"] <= HEIGHT, f"{button} below the fold: {box}"


def test_a_cookie_planted_before_login_cannot_act_after_it(served, chromium):
    store, url = served
    pw, browser = chromium
    attacker_ctx, attacker, _ = _page(browser)
    attacker.goto(url + "/login")
    _ready(attacker, "#token")
    planted = next(c for c in attacker_ctx.cookies() if c["name"] == "tally_review")
    planted_csrf = attacker.locator("input[name=csrf]").first.get_attribute("value")

    victim_ctx, victim, errors = _page(browser)
    victim_ctx.add_cookies([{k: planted[k] for k in ("name", "value", "domain", "path")}])
    assert _log_in(victim, url) == 303
    _ready(victim, "section.pair")
    now = next(c for c in victim_ctx.cookies() if c["name"] == "tally_review")
    assert now["value"] != planted["value"]

    api = pw.request.new_context(extra_http_headers={"Cookie": f"tally_review={planted['value']}"})
    asked = api.get(url + "/", max_redirects=0)
    assert asked.status == 303 and asked.headers["location"] == "/login"
    acted = api.post(url + "/pair/1/decide", form={"csrf": planted_csrf, "verdict": "same"})
    assert acted.status == 403 and store.active() == []
    api.dispose()
    assert not errors, errors
    attacker_ctx.close()
    victim_ctx.close()


def test_non_ascii_token_and_csrf_are_403(served, chromium):
    _, url = served
    _, browser = chromium
    context, page, errors = _page(browser)
    assert _log_in(page, url, token="пароль-пароль-пароль") == 403
    assert "wrong token" in page.locator("p.error").inner_text()
    page.goto(url + "/login")
    _ready(page, "#token")
    page.evaluate("document.querySelector('input[name=csrf]').value = 'токен-токен'")
    page.fill("#reviewer", "anna")
    page.fill("#token", TOKEN)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.press("#token", "Enter")
    assert answer.value.status == 403
    assert not errors, errors
    context.close()


def test_hostile_records_render_safely_and_fit(served, chromium):
    store, url = served
    _, browser = chromium
    context, page, errors = _page(browser)
    assert _log_in(page, url) == 303
    _ready(page, "section.pair[data-pair='1']")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert all(h.startswith(("/", "https://", "http://")) for h in hrefs), hrefs
    assert page.locator("text=javascript:alert(1)").count() == 1  # shown, as text
    assert page.locator("a", has_text="data:text/html").count() == 0
    _fits(page)
    _above_the_fold(page)
    store.decide("h1", "h2", "unsure", "Б" * 80, "долгая заметка " * 130)  # 2,000 letters
    page.reload()
    _ready(page, "p.decided")
    _fits(page)
    _above_the_fold(page)
    page.keyboard.press("d")
    _ready(page, "section.pair[data-pair='2']")
    assert "Recorded «different»" in page.locator("p.flash").inner_text()
    _fits(page)
    for path, selector in (
        ("/history", "table.history"),
        ("/person/P1", "table.records"),
        ("/search?q=" + "Щ" * 100, "table.persons"),
    ):
        page.goto(url + path)
        _ready(page, selector)
        _fits(page)
    assert page.locator("table.persons tbody tr").count() == 1
    assert store.active() == [("h1", "h2", "different")]
    assert not errors, errors
    context.close()


def test_enter_in_the_note_decides_nothing_and_undo_keeps_it(served, chromium):
    store, url = served
    _, browser = chromium
    context, page, errors = _page(browser)
    assert _log_in(page, url) == 303
    _ready(page, "section.pair[data-pair='1']")
    page.keyboard.press("n")
    page.keyboard.type("отцы разные")
    page.keyboard.press("Enter")
    page.wait_for_selector("p.flash:has-text('Note kept')")
    _ready(page, "section.pair[data-pair='1']")
    assert store.active() == [] and store.history() == []
    assert page.input_value("#note") == "отцы разные"

    page.click("#different")
    _ready(page, "section.pair[data-pair='2']")
    assert store.active() == [("h1", "h2", "different")]
    page.fill("#note", "half typed")  # on the next pair, then undo: neither note is lost
    page.click("#undo button")
    page.wait_for_selector("p.flash:has-text('Undone')")
    _ready(page, "section.pair[data-pair='1']")
    assert page.input_value("#note") == "отцы разные" and store.active() == []
    page.goto(url + "/pair/2")
    _ready(page, "section.pair[data-pair='2']")
    assert page.input_value("#note") == "half typed"
    assert not errors, errors
    context.close()
