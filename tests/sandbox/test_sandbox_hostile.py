"""The hostile stand-in server (``Sandbox(..., hostile=True)``): 429s whose Retry-After is
enforced, pages moved behind an alias, redirect loops, an endless chain and an off-site redirect
that leave a page failed in the truth, every URL asked listed with its last status; and none of
it without ``hostile``."""

from __future__ import annotations

import http.client
import time
from collections import Counter
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlsplit

import pytest

from sandbox import faults as fl
from sandbox.redirects import OFFSITE_HOST, REASONS
from sandbox.server import Sandbox, SandboxServer
from sandbox.throttle import Throttle

SEED = 11
PEOPLE = 150
SLOW_TIMEOUT = 1.5


@pytest.fixture(scope="module")
def hostile():
    box = Sandbox(PEOPLE, seed=SEED, hostile=True, slow_timeout=SLOW_TIMEOUT)
    server = SandboxServer(box).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def tame() -> Sandbox:
    """The same site with the old faults only (its wrong charsets are the hostile one's)."""
    return Sandbox(PEOPLE, seed=SEED, faults=True, slow_timeout=SLOW_TIMEOUT)


def get(server: SandboxServer, path: str, timeout: float = 5.0):
    """(status, headers, body) of one GET; no redirect is followed, no fault retried."""
    host, port = server.httpd.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def fetch(server: SandboxServer, path: str):
    """(status, headers, body) once the transient faults are retried away (503, 429, a reset,
    a truncated body, a time-out); no redirect is followed."""
    for _ in range(6):
        try:
            answer = get(server, path, timeout=SLOW_TIMEOUT)
        except (OSError, http.client.HTTPException):
            continue
        if answer[0] == 429:
            time.sleep(server.sandbox.throttle.waiting(fl.target_of(*_split(path))) + 0.05)
        elif answer[0] != 503:
            return answer
    raise AssertionError(f"{path}: still failing")


def plan(server: SandboxServer):
    return server.sandbox.redirects


def failing(server: SandboxServer, kind: str) -> list[str]:
    return sorted(u for u, k in plan(server).kinds.items() if k == kind)


def throttled(server: SandboxServer, dated: bool) -> str:
    """The unasked page whose 429 asks for the shortest single wait, in one form."""
    readable = [e["url"] for e in server.sandbox.truth()["pages"] if e["status"] != "failed"]
    found = [
        (fault.delay, url)
        for url in readable
        if (fault := fl.fault_for(SEED, url, SLOW_TIMEOUT, hostile=True))
        and fault.kind == "429"
        and fault.attempts == 1
        and fault.dated == dated
        and url not in plan(server).answers
        and server.sandbox.attempts[url] == 0
    ]
    return min(found)[1]


def _split(url: str) -> tuple[str, dict[str, str]]:
    path, _, query = url.partition("?")
    return path, dict(parse_qsl(query))


def _follow(box: Sandbox, path: str, hops: int = 10):
    """The answer at the end of a path's redirects; None past `hops` or off the site."""
    for _ in range(hops + 1):
        response = box.handle(*_split(path))
        if response.status not in (301, 302):
            return response
        path = dict(response.headers)["Location"]
        if not path.startswith("/"):
            return None
    return None


# -- 429 Too Many Requests ---------------------------------------------------------------------
def test_429_with_seconds_then_429_when_early_then_the_page(hostile):
    url = throttled(hostile, dated=False)
    first = get(hostile, url)
    early = get(hostile, url)
    time.sleep(int(early[1]["Retry-After"]) + 0.05)
    late = get(hostile, url)
    assert (
        first[0],
        int(first[1]["Retry-After"]) in (1, 2, 3),
        early[0],
        late[0],
        hostile.sandbox.throttle.refused[url],
        hostile.sandbox.throttle.too_early[url],
    ) == (429, True, 429, 200, 2, 1)


def test_429_with_an_http_date_is_held_to_the_date(hostile):
    url = throttled(hostile, dated=True)
    first = get(hostile, url)
    until = parsedate_to_datetime(first[1]["Retry-After"]).timestamp()
    ahead = until - time.time()
    early = get(hostile, url)
    time.sleep(max(0.0, until - time.time()) + 0.05)
    late = get(hostile, url)
    assert (first[0], 0 < ahead <= 4, early[0], late[0]) == (429, True, 429, 200)


def test_a_crawler_that_retries_at_once_keeps_failing(hostile):
    url = throttled(hostile, dated=False)
    statuses = [get(hostile, url)[0] for _ in range(5)]
    assert (statuses, hostile.sandbox.throttle.too_early[url]) == ([429] * 5, 4)


def test_throttle_asks_for_each_wait_and_counts_the_early():
    throttle, fault = Throttle(), fl.Fault("429", attempts=2, delay=2.0)
    answers = [throttle.retry_after("/a", fault, now=t) for t in (100.0, 101.0, 102.0, 104.0)]
    assert (answers, throttle.refused["/a"], throttle.too_early["/a"]) == (
        ["2", "1", "2", None],
        3,
        1,
    )


def test_throttle_dates_end_on_a_whole_second():
    throttle, fault = Throttle(), fl.Fault("429", delay=2.0, dated=True)
    header = throttle.retry_after("/a", fault, now=100.4)
    assert (
        parsedate_to_datetime(header).timestamp(),
        throttle.retry_after("/a", fault, now=102.9) is not None,
        throttle.retry_after("/a", fault, now=103.0),
    ) == (103.0, True, None)


def test_429_shares_are_near_the_plan_and_only_when_hostile():
    urls = [f"/oldnews/news.php?id={n}" for n in range(20000)]
    hostile = Counter(f.kind for u in urls if (f := fl.fault_for(SEED, u, hostile=True)))
    tame = Counter(f.kind for u in urls if (f := fl.fault_for(SEED, u)))
    share = dict(fl.HOSTILE_SHARES)["429"]
    assert (abs(hostile["429"] / len(urls) - share) < 0.005, tame["429"], hostile - tame) == (
        True,
        0,
        Counter({"429": hostile["429"]}),
    )


# -- redirects ---------------------------------------------------------------------------------
def test_a_moved_page_redirects_to_an_alias_that_serves_it(hostile, tame):
    page, alias = next(iter(plan(hostile).moved.items()))
    moved = fetch(hostile, page)
    served = fetch(hostile, moved[1]["Location"])
    assert (moved[0] in (301, 302), moved[1]["Location"], served[0]) == (True, alias, 200)
    assert served[2] == tame.handle(*_split(page)).body


def test_a_loop_answers_itself_or_its_partner_every_time(hostile):
    answers = {}
    for page in failing(hostile, "loop"):
        first = fetch(hostile, page)[1]["Location"]
        back = fetch(hostile, first)[1]["Location"]
        again = fetch(hostile, page)[1]["Location"]
        answers[page] = (first == page or back == page) and again == first
    assert answers and all(answers.values())


def test_there_are_loops_of_both_shapes_and_one_per_site(hostile):
    loops = failing(hostile, "loop")
    selfish = [p for p in loops if plan(hostile).answers[p].headers[0][1] == p]
    sites = {e["site"] for e in hostile.sandbox.truth()["pages"] if e["url"] in loops}
    assert (0 < len(selfish) < len(loops), sites) == (True, set(hostile.sandbox.truth()["kinds"]))


def test_the_chain_is_longer_than_ten_hops(hostile):
    (page,) = failing(hostile, "chain")
    seen, url = [page], page
    for _ in range(11):
        status, headers, _ = fetch(hostile, url)
        assert status in (301, 302)
        url = headers["Location"]
        seen.append(url)
    assert len(set(seen)) == 12


def test_the_offsite_redirect_leaves_the_host(hostile):
    (page,) = failing(hostile, "offsite")
    status, headers, _ = fetch(hostile, page)
    assert (status, urlsplit(headers["Location"]).hostname) == (302, OFFSITE_HOST)


# -- the truth ---------------------------------------------------------------------------------
def test_unreachable_pages_are_failed_with_their_reason(hostile):
    entries = {e["url"]: e for e in hostile.sandbox.truth()["pages"]}
    wrong = [
        url
        for url, kind in plan(hostile).kinds.items()
        if (entries[url]["status"], entries[url]["reason"], entries[url]["records"])
        != ("failed", REASONS[kind], 0)
    ]
    assert wrong == []


def test_truth_changes_only_by_the_unreachable_pages(hostile, tame):
    plain_truth = tame.truth()
    truth, gone = hostile.sandbox.truth(), set(plan(hostile).failing)
    kept = [r for r in plain_truth["records"] if r["url"] not in gone]
    valid = [r for r in kept if not r["expect_reject"]]
    unchanged = [e for e in plain_truth["pages"] if e["url"] not in gone]
    assert (
        truth["records"] == kept,
        [e for e in truth["pages"] if e["url"] not in gone] == unchanged,
        truth["people_reported"] == len({r["pid"] for r in valid}),
        truth["records_by_site"] == dict(Counter(r["site"] for r in valid)),
        [p["reported"] for p in truth["people"]]
        == [p["pid"] in {r["pid"] for r in valid} for p in truth["people"]],
    ) == (True, True, True, True, True)


def test_the_lost_men_are_those_on_the_unreachable_pages(hostile, tame):
    gone = plan(hostile).failing
    lost = {e["url"]: e["lost"] for e in hostile.sandbox.truth()["pages"] if e["url"] in gone}
    on_them = {url: [r["pid"] for r in tame.truth()["records"] if r["url"] == url] for url in gone}
    assert lost == on_them


def test_a_configured_crawler_that_follows_redirects_reaches_the_page_truth(hostile):
    """Follow each source config from its start URL, redirects too (on the site, ten hops at
    most), reading each page in the charset it is really in: the pages reached and their
    status are exactly the hostile page truth."""
    from spiders.config import find_source
    from spiders.pages import parse_page
    from tests.sandbox.test_sandbox_sites import SOURCES

    base, box = "http://127.0.0.1:8000/", hostile.sandbox
    truth = box.truth()
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
            response = _follow(box, path)
            if response is None or response.status != 200:
                reached[(site, path)] = "failed"
                continue
            # a charset-detecting crawler reads a page whose declared charset lies
            result = parse_page(
                config, response.body, url, fetched_at="2026-01-30T00:00:00",
                content_type=f"text/html; charset={response.charset}",
            )  # fmt: skip
            reached[(site, path)] = result.status
            queue.extend(result.links)
    assert reached == {(e["site"], e["url"]): e["status"] for e in truth["pages"]}


# -- every URL asked ---------------------------------------------------------------------------
def test_every_url_asked_is_listed_with_its_last_status():
    """Redirects, their targets, 429s and 404s: every URL asked is there, with what it got."""
    box = Sandbox(40, seed=SEED, hostile=True, slow_timeout=SLOW_TIMEOUT)
    server = SandboxServer(box).start()
    try:
        redirects = server.sandbox.redirects
        page, alias = next(iter(redirects.moved.items()))
        (chain,) = [u for u, k in redirects.kinds.items() if k == "chain"]
        refused = next(
            url
            for n in range(10000)
            if (f := fl.fault_for(SEED, url := f"/nothing/{n}", hostile=True)) and f.kind == "429"
        )
        moved = fetch(server, page)[0]
        hop = fetch(server, chain)[1]["Location"]
        answers = {
            page: moved,
            alias: fetch(server, alias)[0],
            chain: 302,
            hop: fetch(server, hop)[0],
            refused: get(server, refused)[0],
            "/news/?page=x": fetch(server, "/news/?page=x")[0],
            "/robots.txt": fetch(server, "/robots.txt")[0],
        }
        assert (server.sandbox.asked(), set(answers.values())) == (
            answers,
            {moved, 200, 302, 429, 404},
        )
    finally:
        server.stop()


# -- without hostile, nothing changes ---------------------------------------------------------
def test_without_hostile_no_page_redirects(hostile, tame):
    urls = [*plan(hostile).moved, *plan(hostile).failing, *plan(hostile).answers]
    statuses = Counter(tame.handle(*_split(url)).status for url in urls)
    assert (statuses[200] > 0, set(statuses) <= {200, 404}, tame.redirects) == (True, True, None)


@pytest.mark.parametrize(
    "path", ["/news/?page=x", "/memorial/?page=x", "/news/?page=1.5", "/memorial/?page="]
)
def test_a_page_number_that_is_not_a_number_is_answered(hostile, path):
    assert fetch(hostile, path)[0] == (200 if path.endswith("=") else 404)


def test_a_condolence_page_number_that_is_not_a_number_is_404(hostile):
    group = next(
        e["url"]
        for e in hostile.sandbox.truth()["pages"]
        if e["site"] == "condolence" and e["url"].count("/") == 3 and "?" not in e["url"]
    )
    assert fetch(hostile, group + "?PAGEN_1=x")[0] == 404
