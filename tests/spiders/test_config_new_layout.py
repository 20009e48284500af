"""A volunteer adds a site no built-in source knows — by writing a config file, no Python —
and tally crawls it: a memorial list of <dl> blocks read by XPath, obituaries read as free
text, served in koi8-r without a declaration."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from flows.crawl import crawl_source, load_crawl
from flows.paths import Home
from warehouse.db import connect

pytestmark = pytest.mark.e2e

WALL = """<html><head><title>Стена памяти</title></head><body>
<div id="wall">
<dl class="hero"><dt>Фамилия, имя, отчество</dt><dd class="fio">Сидоренко Павел Викторович</dd>
<dt>Годы жизни</dt><dd class="years">04.11.1988 - 13.07.2023</dd>
<dt>Откуда</dt><dd class="from">с. Бураево, Республика Башкортостан</dd></dl>
<dl class="hero"><dt>Фамилия, имя, отчество</dt><dd class="fio">ОЧИРОВ Баир Цыренович</dd>
<dt>Годы жизни</dt><dd class="years">1999 - 2024</dd>
<dt>Откуда</dt><dd class="from">Улан-Удэ</dd></dl>
</div>
<p class="more"><a href="/stories/1">Истории героев</a></p>
</body></html>"""

STORY = """<html><head><title>Истории</title></head><body>
<section class="obit"><h2>Вспоминаем Андрея Кравца</h2>
<div class="obit-text"><p>Андрей Николаевич Кравец, уроженец Стерлитамака, погиб 2 марта 2024 года.
Ему было 41 год. Служил в 36-й отдельной гвардейской мотострелковой бригаде.</p>
<p>Глава города Сергей Петров выразил соболезнования семье.</p></div></section>
</body></html>"""

CONFIG = """
name = "volunteer-wall"
title = "Стена памяти (a volunteer's new source)"
kind = "memorial"
start_urls = ["{base}wall"]
allowed_domains = ["{host}"]
schedule = "0 5 * * *"

[expect]
min_records = 3
max_records = 100

[[follow]]
css = "p.more a"

[[page]]
url = '/wall$'
mode = "fields"
record = { xpath = "//div[@id='wall']/dl[@class='hero']" }

[page.fields]
name = { xpath = "dd[@class='fio']", required = true }
lifespan = { xpath = "dd[@class='years']" }
place = { xpath = "dd[@class='from']" }

[[page]]
url = '/stories/\\d+$'
mode = "text"
items = "section.obit"
title = "h2"
body = "div.obit-text"
"""


class _Site(BaseHTTPRequestHandler):
    pages = {"/wall": WALL, "/stories/1": STORY, "/robots.txt": "User-agent: *\nAllow: /\n"}

    def do_GET(self):
        body = self.pages.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html")  # no charset: the bytes are koi8-r
        payload = (body or "").encode("koi8-r")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    home = Home.from_env(tmp_path_factory.mktemp("volunteer") / "var")
    home.sources.mkdir(parents=True)
    (home.sources / "volunteer-wall.toml").write_text(CONFIG, encoding="utf-8")
    try:
        result = crawl_source(
            "volunteer-wall",
            home,
            base_url=f"http://127.0.0.1:{server.server_port}/",
            today="2026-01-30",
        )
    finally:
        server.shutdown()
    load = load_crawl(result, home)
    with connect(home.warehouse) as con:
        rows = con.execute(
            "SELECT full_name, birth_date, death_date, region, settlement, unit, age FROM records"
        ).fetchall()
    return load, {r[0]: r[1:] for r in rows}


def test_every_man_on_the_new_layout_is_read(crawled):
    _, records = crawled
    assert set(records) == {
        "Сидоренко Павел Викторович",
        "Очиров Баир Цыренович",
        "Кравец Андрей Николаевич",
    }


def test_the_labelled_fields_are_read(crawled):
    _, records = crawled
    assert records["Сидоренко Павел Викторович"][:4] == (
        "1988-11-04",
        "2023-07-13",
        "BA",
        "Бураево",
    )


def test_the_free_text_is_read(crawled):
    _, records = crawled
    assert records["Кравец Андрей Николаевич"] == (
        None,
        "2024-03-02",
        "BA",
        "Стерлитамак",
        "36 омсбр",
        41,
    )


def test_every_page_is_parsed(crawled):
    load, _ = crawled
    assert (load.pages_parsed, load.pages_rejected, load.pages_failed) == (2, 0, 0)


def test_the_config_file_is_checked_like_any_source(tmp_path):
    from spiders.config import ConfigError, load_config

    path = tmp_path / "bad.toml"
    path.write_text(CONFIG.replace("lifespan", "lifespna"), encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown field 'lifespna'"):
        load_config(path)


def test_json_of_the_summary_is_written(crawled):
    load, _ = crawled
    assert json.dumps(load.as_dict())
