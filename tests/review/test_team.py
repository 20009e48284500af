"""The review app as a team's server: sessions renewed at login, expiring and bounded; a token
strong enough and guessed slowly; comparisons that cannot crash; a limit on every field; the
security headers on every response, the framework's error pages too; only web links."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from review import auth
from review.auth import LoginBrake, Sessions, check_token, same_text
from review.queue import Queue
from review.store import Store
from review.web import create_app
from tests.review.test_review import csrf_of, login

TOKEN = "team-token-0123456789"


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "review.sqlite")
    Queue(store).replace(
        [{"record_a": "a1", "record_b": "a2", "score": 0.3}],
        [
            {"record_id": "a1", "person_id": "P1", "full_name": "Петров Иван", "url": "javascript:alert(1)"},
            {"record_id": "a2", "person_id": "P2", "full_name": "Петров И.", "url": "https://example.org/a2"},
        ],
        "run-1",
    )  # fmt: skip
    return store


@pytest.fixture
def client(store):
    return TestClient(create_app(store, token=TOKEN), raise_server_exceptions=False)


def test_a_cookie_planted_before_login_cannot_act_after_it(store, client):
    planted = client.get("/login")
    planted_cookie, planted_csrf = client.cookies["tally_review"], csrf_of(planted.text)
    answer, csrf = login(client, token=TOKEN)
    assert answer.status_code == 303
    assert client.cookies["tally_review"] != planted_cookie and csrf != planted_csrf
    attacker = TestClient(client.app)
    attacker.cookies.set("tally_review", planted_cookie)
    assert attacker.get("/", follow_redirects=False).headers["location"] == "/login"
    refused = attacker.post("/pair/1/decide", data={"verdict": "same", "csrf": planted_csrf})
    assert refused.status_code == 403 and store.active() == []


def test_a_forged_cookie_is_nobody(client):
    client.cookies.set("tally_review", "made-up.value.here")
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"


def test_sessions_expire_when_idle_and_after_a_day():
    now = [1000.0]
    sessions = Sessions(idle=60, absolute=300, clock=lambda: now[0])
    sid, _ = sessions.log_in(None, "anna")
    cookie = sessions.cookie(sid)
    now[0] += 59
    assert sessions.find(cookie) is not None
    now[0] += 61
    assert sessions.find(cookie) is None  # idle too long
    sid, _ = sessions.log_in(None, "anna")
    cookie = sessions.cookie(sid)
    for _ in range(7):
        now[0] += 50
        found = sessions.find(cookie)
    assert found is None  # busy all along, but past the absolute limit


def test_a_flood_of_visitors_never_pushes_a_reviewer_out(monkeypatch):
    monkeypatch.setattr(auth, "MAX_VISITORS", 10)
    sessions = Sessions()
    sid, _ = sessions.log_in(None, "anna")
    for _ in range(100):
        sessions.visitor()
    assert len(sessions) == 11 and sessions.find(sessions.cookie(sid)) is not None


def test_a_short_token_is_refused_and_a_long_one_kept(store):
    with pytest.raises(ValueError, match="at least 16"):
        check_token("a")
    assert check_token(TOKEN) == TOKEN and check_token(None) is None
    with pytest.raises(ValueError):
        create_app(store, token="short")


def test_wrong_tokens_are_slowed_down_then_locked_out(client):
    for _ in range(auth.FREE_FAILURES):
        assert login(client, token="wrong-token-wrong-token")[0].status_code == 403
    locked, _ = login(client, token=TOKEN)  # even the right token waits now
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) >= 1
    now = [0.0]
    brake = LoginBrake(clock=lambda: now[0])
    waits = []
    for _ in range(auth.FREE_FAILURES + 3):
        brake.failed("10.0.0.1")
        waits.append(brake.wait("10.0.0.1"))
    assert waits[: auth.FREE_FAILURES - 1] == [0] * (auth.FREE_FAILURES - 1)
    assert waits[auth.FREE_FAILURES - 1 :] == [2, 4, 8, 16]
    assert brake.wait("10.0.0.2") == 0  # one address, not everyone


def test_comparisons_are_bytes_safe():
    assert not same_text("пароль", "password") and not same_text("", "x")
    assert same_text("пароль", "пароль")


@pytest.mark.parametrize("field", ["token", "csrf"])
def test_a_non_ascii_token_or_csrf_is_403_not_500(client, field):
    csrf = csrf_of(client.get("/login").text)
    data = {"csrf": csrf, "reviewer": "anna", "token": TOKEN, field: "токен-" * 4}
    assert client.post("/login", data=data).status_code == 403


def _logged_in(client) -> tuple[TestClient, str]:
    answer, csrf = login(client, token=TOKEN)
    assert answer.status_code == 303
    return client, csrf


@pytest.mark.parametrize(
    ("url", "field", "size"),
    [
        ("/pair/1/decide", "note", 2001),
        ("/pair/1/decide", "verdict", 201),
        ("/split", "note", 2001),
        ("/undo", "note", 2001),
        ("/merge", "person_a", 201),
    ],
)
def test_a_field_too_long_is_refused_and_nothing_stored(store, client, url, field, size):
    client, csrf = _logged_in(client)
    data = {"csrf": csrf, "verdict": "same", "record_id": "a1", "person_b": "P2", field: "я" * size}
    refused = client.post(url, data=data)
    assert refused.status_code == 422 and f"{field}: " in refused.text
    assert "nothing was saved" in refused.text and store.history() == []


@pytest.mark.parametrize("pair", ["0", "99999999999999999999999", "x"])
def test_a_pair_number_out_of_range_is_422(client, pair):
    client, csrf = _logged_in(client)
    assert client.get(f"/pair/{pair}").status_code == 422
    assert client.post(f"/pair/{pair}/decide", data={"csrf": csrf}).status_code == 422


def test_a_huge_body_is_413(client):
    client, _ = _logged_in(client)
    big = client.post("/pair/1/decide", data={"note": "x" * 100_000})
    assert big.status_code == 413 and big.headers["x-frame-options"] == "DENY"


def test_a_long_reviewer_name_or_one_with_control_characters_is_refused(client):
    csrf = csrf_of(client.get("/login").text)
    data = {"csrf": csrf, "reviewer": "a" * 81, "token": TOKEN}
    assert client.post("/login", data=data).status_code == 422
    for name in ("anna\x00", "anna\u202eannA"):  # a NUL, a right-to-left override
        data = {"csrf": csrf, "reviewer": name, "token": TOKEN}
        assert client.post("/login", data=data).status_code == 400


def test_logging_out_ends_the_session(client):
    client, csrf = _logged_in(client)
    cookie = client.cookies["tally_review"]
    assert client.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    client.cookies.set("tally_review", cookie)
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"


def test_every_response_carries_the_security_headers(client):
    client.app.add_api_route("/boom", lambda: 1 / 0)
    answers = {
        "page": client.get("/login"),
        "static": client.get("/static/review.css"),
        "redirect": client.get("/", follow_redirects=False),
        "404": client.get("/no/such/page"),
        "405": client.delete("/login"),
        "422": client.get("/pair/not-a-number"),
        "403": client.post("/logout"),
        "500": client.get("/boom"),
    }
    for name, answer in answers.items():
        headers = answer.headers
        assert "frame-ancestors 'none'" in headers.get("content-security-policy", ""), name
        assert headers.get("x-content-type-options") == "nosniff", name
        assert headers.get("referrer-policy") == "no-referrer", name
        assert headers.get("x-frame-options") == "DENY", name
    assert answers["500"].status_code == 500 and "Traceback" not in answers["500"].text
    assert "strict-transport-security" not in answers["page"].headers


def test_behind_tls_cookies_are_secure(store):
    client = TestClient(create_app(store, token=TOKEN, behind_tls=True))
    answer = client.get("/login")
    assert "secure" in answer.headers["set-cookie"].lower()
    assert "max-age" in answer.headers["strict-transport-security"]


def test_only_web_addresses_are_links(client):
    client, _ = _logged_in(client)
    page = client.get("/pair/1")
    assert 'href="https://example.org/a2"' in page.text
    assert 'href="javascript:' not in page.text and "javascript:alert(1)" in page.text


def test_enter_in_the_note_keeps_it_and_decides_nothing(store, client):
    client, csrf = _logged_in(client)
    page = client.get("/pair/1").text
    first = page.split('<form id="decide"')[1].split('type="submit"')[1]
    assert 'value="note"' in first.split(">")[0]  # the button Enter presses
    kept = client.post("/pair/1/decide", data={"csrf": csrf, "verdict": "note", "note": "отцы"})
    assert store.active() == [] and 'value="отцы"' in kept.text and "nothing decided" in kept.text


def test_undo_keeps_the_note_and_says_what_it_did(store, client):
    client, csrf = _logged_in(client)
    done = client.post("/pair/1/decide", data={"csrf": csrf, "verdict": "same", "note": "одно"})
    assert "Recorded «same» for Петров Иван / Петров И." in done.text
    undone = client.post("/undo", data={"csrf": csrf})
    assert "Undone: «same»" in undone.text and 'value="одно"' in undone.text
    assert store.active() == []


def test_the_history_names_the_men(store, client):
    client, csrf = _logged_in(client)
    client.post("/pair/1/decide", data={"csrf": csrf, "verdict": "different"})
    history = client.get("/history").text
    assert "Петров Иван" in history and 'href="/person/P1"' in history
    assert 'href="/pair/1"' in history
