"""A list of the dead of another time, added by a config alone: saved cp1251 pages of the
executed of 1937–41 (tests/fixtures/executions_1937/, made up in the shape of Memorial's
Moscow lists, no charset declared) crawled for real through a config whose `[validate]`
window is 1937–1941 — every entry becomes a record, with its birth year and the day of the
shooting (not the arrest, sentence or rehabilitation)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from flows.crawl import crawl_source, load_crawl
from flows.paths import Home
from warehouse.db import connect

pytestmark = pytest.mark.e2e
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "executions_1937"
EXPECTED = {  # full name → (birth, death): the README's 16 entries
    "Абрамов Иван Петрович": ("1898", "1937-10-10"),
    "Данберг Ян Янович": ("1891", "1938-01-03"),
    "Рауман Ян Янович": ("1891", "1938-01-03"),
    "Юзефович Иосиф Сигизмундович": ("1884", "1937-08-21"),
    "Мамедов Али Гусейн оглы": ("1902", "1938-03-28"),
    "Шмидт Генрих Карлович": ("1879", "1937-11-04"),
    "Ковальский Станислав Иосифович": ("1895", "1937-09-20"),
    "Никитин Николай Иванович": ("1900", "1938-03-14"),
    "Попов Николай Иванович": ("1900", "1938-03-14"),
    "Ким Ен Сук": ("1904", "1937-11-05"),
    "Гольдштейн Моисей Абрамович": ("1888", "1938-05-29"),
    "Бекмуратов Турсун": ("1906", "1938-02-19"),
    "Щербаков Пётр Ефимович": ("1872", "1937-08-28"),
    "Белоусова Анна Петровна": ("1901", "1938-04-03"),
    "Тер-Аракелян Ашот Мкртычевич": ("1897", "1938-09-16"),
    "Кузнецов Василий Степанович": ("1915", "1941-10-16"),
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    shutil.copytree(FIXTURE, site / "moscow", ignore=shutil.ignore_patterns("*.toml", "*.md"))
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    home = Home.from_env(tmp_path_factory.mktemp("home") / "var")
    home.sources.mkdir(parents=True)
    shutil.copy(FIXTURE / "executed-moscow.toml", home.sources)
    try:
        result = crawl_source(
            "executed-moscow", home, base_url=f"http://127.0.0.1:{server.server_port}/"
        )
        load = load_crawl(result, home)
    finally:
        server.shutdown()
    with connect(home.warehouse) as con:
        records = con.execute(
            "SELECT full_name, birth_date, death_date FROM records WHERE removed_at IS NULL"
        ).fetchall()
        rejects = con.execute("SELECT scope, reason FROM rejects").fetchall()
    return result, load, records, rejects


def test_every_page_is_read(crawled):
    result, *_ = crawled
    assert result.complete and result.summary["pages"]["parsed"] == 3


def test_every_entry_is_a_record_with_its_dates(crawled):
    _, load, records, rejects = crawled
    assert [r for r in rejects if r[0] == "record"] == []
    assert {name: (birth, death) for name, birth, death in records} == EXPECTED
    assert load.records == len(EXPECTED)


def test_without_the_window_they_would_all_be_rejected():
    from spiders.config import load_config
    from spiders.validate import check_record

    config = load_config(FIXTURE / "executed-moscow.toml")
    record = {"source": "s", "url": "u", "name_raw": "x", "fetched_at": "2024-01-01",
              "full_name": "Абрамов Иван Петрович", "death_date": "1937-10-10"}  # fmt: skip
    from datetime import date

    assert check_record(record, date(2026, 1, 1), config.validate) == []
    assert check_record(record, date(2026, 1, 1))[0].reason.endswith("before the war (2022-02-24)")
