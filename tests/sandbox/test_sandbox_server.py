"""The stand-in server: robots.txt, conditional requests, the request log, faults that a
retrying crawler survives, a threaded server, and pages that change between crawls."""

from __future__ import annotations

import html
import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl

import pytest

from sandbox import faults as fl
from sandbox.server import Sandbox, SandboxServer

SEED = 11
SLOW_TIMEOUT = 1.5


@pytest.fixture(scope="module")
def plain():
    server = SandboxServer(Sandbox(150, seed=SEED)).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def faulty():
    server = SandboxServer(Sandbox(150, seed=SEED, faults=True, slow_timeout=SLOW_TIMEOUT)).start()
    yield server
    server.stop()


def get(server: SandboxServer, path: str, headers: dict | None = None, timeout: float = 5.0):
    """(status, headers, body), or the exception's name when the request fails."""
    host, port = server.httpd.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    except (OSError, http.client.HTTPException) as exc:
        return type(exc).__name__, {}, b""
    finally:
        conn.close()


def pages(server: SandboxServer) -> list[str]:
    return [e["url"] for e in server.sandbox.truth()["pages"] if e["status"] != "failed"]


def first_with(server: SandboxServer, kind: str) -> str:
    for url in pages(server):
        fault = fl.fault_for(SEED, url, SLOW_TIMEOUT)
        if fault and fault.kind == kind and server.sandbox.attempts[url] == 0:
            return url
    raise LookupError(kind)


# -- politeness ------------------------------------------------------------------------------
def test_robots_txt_disallows_private(plain):
    status, _, body = get(plain, "/robots.txt")
    assert (status, body) == (200, b"User-agent: *\nDisallow: /private/\n")


def test_list_pages_offer_private_and_offsite_links(plain):
    _, _, body = get(plain, "/news/?page=2")
    assert b'href="/private/' in body and b'href="http://example.org/' in body


def test_requests_are_logged_by_path_and_by_url(plain):
    get(plain, "/news/?page=3")
    get(plain, "/news/?page=3")
    assert (plain.requests["/news/"] >= 2, plain.sandbox.attempts["/news/?page=3"]) == (True, 2)


# -- conditional requests -----------------------------------------------------------------------
def test_every_page_carries_etag_and_last_modified(plain):
    missing = [
        u for u in pages(plain)[:60] if not {"ETag", "Last-Modified"} <= set(get(plain, u)[1])
    ]
    assert missing == []


def test_matching_etag_gets_304_without_body(plain):
    url = pages(plain)[-1]
    _, headers, _ = get(plain, url)
    status, _, body = get(plain, url, {"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


def test_if_modified_since_gets_304(plain):
    url = pages(plain)[-2]
    _, headers, _ = get(plain, url)
    assert get(plain, url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304


def test_stale_etag_gets_the_page(plain):
    url = pages(plain)[-3]
    assert get(plain, url, {"If-None-Match": '"stale"'})[0] == 200


def test_last_modified_is_the_publication_day(plain):
    article = next(u for u in pages(plain) if u.startswith("/news/20"))
    _, headers, _ = get(plain, article)
    year, month, day = article.split("/")[2:5]
    assert f"{int(day):02d} " in headers["Last-Modified"] and year in headers["Last-Modified"]


# -- faults ----------------------------------------------------------------------------------
def _first_failed_then_ok(server: SandboxServer, url: str) -> tuple[bool, bool]:
    first = get(server, url, timeout=1.0)
    later = [get(server, url, timeout=1.0) for _ in range(3)]
    return first[0] != 200, any(x[0] == 200 for x in later)


@pytest.mark.parametrize("kind", ["503", "reset", "truncated", "timeout"])
def test_transient_faults_fail_first_and_succeed_later(faulty, kind):
    assert _first_failed_then_ok(faulty, first_with(faulty, kind)) == (True, True)


def test_truncated_body_is_shorter_than_promised(faulty):
    url = first_with(faulty, "truncated")
    host, port = faulty.httpd.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=2)
    conn.request("GET", url)
    response = conn.getresponse()
    with pytest.raises(http.client.IncompleteRead):
        response.read()


def test_slow_pages_arrive_late_without_blocking_others(faulty):
    candidates = [
        (fault.delay, url)
        for url in pages(faulty)
        if (fault := fl.fault_for(SEED, url, SLOW_TIMEOUT))
        and fault.kind == "slow"
        and faulty.sandbox.attempts[url] == 0
    ]
    slow = min(candidates)[1]
    result = {}

    def fetch_slow() -> None:
        start = time.monotonic()
        result["status"] = get(faulty, slow, timeout=10)[0]
        result["took"] = time.monotonic() - start

    worker = threading.Thread(target=fetch_slow)
    worker.start()
    time.sleep(0.1)
    start = time.monotonic()
    get(faulty, "/robots.txt")
    quick = time.monotonic() - start
    worker.join()
    assert (result["status"], result["took"] >= 2.0, quick < 1.0) == (200, True, True)


def test_faults_are_deterministic_by_url():
    urls = [f"/news/?page={n}" for n in range(400)]
    assert [fl.fault_for(SEED, u) for u in urls] == [fl.fault_for(SEED, u) for u in urls]


def test_fault_shares_are_near_the_plan():
    urls = [f"/oldnews/news.php?id={n}" for n in range(20000)]
    kinds = [f.kind for u in urls if (f := fl.fault_for(SEED, u))]
    shares = {k: kinds.count(k) / len(urls) for k, _ in fl.SHARES}
    assert all(abs(shares[k] - share) < 0.006 for k, share in fl.SHARES)


def _local(server: SandboxServer, url: str):
    path, _, query = url.partition("?")
    return server.sandbox.handle(path, dict(parse_qsl(query)))


def test_wrong_charset_is_permanent_and_mislabelled(faulty, plain):
    wrong = [u for u in pages(faulty) if fl.wrong_charset(SEED, u)]
    same_text = all(
        html.unescape(_local(faulty, u).body.decode(fl.WRONG_CHARSET[_local(plain, u).charset]))
        == html.unescape(_local(plain, u).body.decode(_local(plain, u).charset))
        for u in wrong
    )
    news = next(u for u in wrong if fl.fault_for(SEED, u, SLOW_TIMEOUT) is None)
    first, second = get(faulty, news), get(faulty, news)
    assert (
        bool(wrong),
        same_text,
        first[2] == second[2] != get(plain, news)[2],
        first[1]["Content-Type"] == get(plain, news)[1]["Content-Type"],
    ) == (True, True, True, True)


def test_truth_is_the_same_with_and_without_faults(faulty, plain):
    assert faulty.sandbox.truth() == plain.sandbox.truth()


def test_a_retrying_crawler_loses_nothing(faulty):
    """Every page answers 200 within five attempts, whatever its fault."""

    def fetch(url: str) -> bool:
        return any(get(faulty, url, timeout=SLOW_TIMEOUT)[0] == 200 for _ in range(5))

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(fetch, pages(faulty)))
    assert all(results)


# -- changes over time ----------------------------------------------------------------------
@pytest.fixture
def changing():
    server = SandboxServer(Sandbox(120, seed=3)).start()
    yield server
    server.stop()


def test_removed_page_answers_404_and_leaves_lists_and_truth(changing):
    url = next(u for u in pages(changing) if u.startswith("/news/20"))
    changing.sandbox.remove(url)
    truth = changing.sandbox.truth()
    listed = b"".join(get(changing, u)[2] for u in pages(changing) if "/news/" in u and "?" in u)
    assert (
        get(changing, url)[0],
        url.encode() in listed + get(changing, "/news/")[2],
        any(r["url"] == url for r in truth["records"]),
        any(e["url"] == url for e in truth["pages"]),
    ) == (404, False, False, False)


def test_edited_page_changes_body_etag_and_truth(changing):
    sandbox = changing.sandbox
    url = next(
        e["url"]
        for e in sandbox.truth()["pages"]
        if e["url"].startswith("/news/20") and e["records"]
    )
    before = get(changing, url)
    records_before = [r for r in sandbox.truth()["records"] if r["url"] == url]
    sandbox.edit(url)
    after = get(changing, url)
    records_after = [r for r in sandbox.truth()["records"] if r["url"] == url]
    assert (
        after[2] != before[2],
        after[1]["ETag"] != before[1]["ETag"],
        get(changing, url, {"If-None-Match": before[1]["ETag"]})[0],
        [r["pid"] for r in records_after] == [r["pid"] for r in records_before],
    ) == (True, True, 200, True)


@pytest.mark.parametrize("prefix", ["/condolences/", "/en/news/", "/oldnews/news.php"])
def test_other_sites_can_remove_and_edit(changing, prefix):
    sandbox = changing.sandbox
    if prefix == "/condolences/":
        site = next(s for s in sandbox.sites if s.name == "condolence")
        muni = next(m for m in site.order if m.live())
        urls = [f"/condolences/{muni.slug}/{p.pid}/" for p in muni.live()[:2]]
    else:
        urls = [
            e["url"] for e in sandbox.truth()["pages"]
            if e["url"].startswith(prefix) and e["status"] == "parsed"
        ][:2]  # fmt: skip
    sandbox.edit(urls[0])
    sandbox.remove(urls[-1])
    assert (get(changing, urls[0])[0], get(changing, urls[-1])[0]) == (200, 404)


def test_unknown_page_cannot_be_removed(changing):
    with pytest.raises(KeyError):
        changing.sandbox.remove("/news/1999/01/01/1.html")
