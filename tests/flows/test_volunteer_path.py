"""The volunteer's path: a config given by its path names its runs by the config's name, a
wrong config is one line before Prefect starts, and `tally run --no-crawl` runs the later
stages (merge, publish, report) on what is loaded."""

from __future__ import annotations

import subprocess
import sys

import duckdb

from cli import main
from flows.crawl import source_name
from flows.paths import Home
from spiders.config import builtin_sources


def test_a_config_given_by_path_is_named_by_its_name(tmp_path):
    path = tmp_path / "some" / "folder" / "my-list.toml"
    path.parent.mkdir(parents=True)
    text = builtin_sources()["sandbox-news"].read_text(encoding="utf-8")
    path.write_text(text.replace('name = "sandbox-news"', 'name = "my-list"'), encoding="utf-8")
    assert source_name(Home.from_env(tmp_path / "var"), str(path)) == "my-list"


def test_a_wrong_config_stops_the_run_before_prefect_starts(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'name = "bad"\nkind = "news"\nstart_urls = "http://x/"\nallowed_domains = ["x"]\n'
        '[[page]]\nurl = "/"\nmode = "text"\nbody = "div"\n',
        encoding="utf-8",
    )
    code = (
        "import sys; from cli import main; rc = main(['run', '--source', sys.argv[1]]); "
        "print(rc, 'prefect' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(bad)],
        capture_output=True,
        text=True,
        env={"TALLY_HOME": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip().splitlines()[-1] == "2 False"
    err = out.stderr.strip().splitlines()
    assert len(err) == 1 and "'start_urls' must be a list" in err[0] and "bad.toml" in err[0]


def test_run_no_crawl_merges_publishes_and_reports_what_is_loaded(
    prefect_harness, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("TALLY_HOME", str(tmp_path / "var"))
    sheet = tmp_path / "list.csv"
    sheet.write_text(
        "ФИО;Дата гибели;Регион\nПетров Иван Сергеевич;2023-05-05;Бурятия\n"
        "Петров Иван Сергеевич;2023-05-05;Бурятия\nОндар Айдыс Сергеевич;2023-01-15;Тыва\n",
        encoding="utf-8",
    )
    assert main(["import", str(sheet), "--source", "volunteers", "--no-publish"]) == 0
    assert not (tmp_path / "published" / "tally.duckdb").exists()
    assert main(["run", "--no-crawl"]) == 0
    con = duckdb.connect(str(tmp_path / "published" / "tally.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM persons").fetchone()[0] == 2
    finally:
        con.close()
    assert main(["run", "--no-crawl", "--source", "x"]) == 2
