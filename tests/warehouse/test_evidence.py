"""Archived copies a reader can cite: records point at their capture relative to the runs
folder and carry its WARC-Record-ID and page hash into the published file; old absolute
references still read; `tally archive export` copies the archives the snapshot cites, and
`tally archive show --archive` reads the copy."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from cli import main
from schema.archive import read_capture, relative_ref
from schema.records import new_record
from spiders.archive import ArchiveMiddleware
from tests.conftest import write_run
from warehouse.db import connect
from warehouse.evidence import fill_warc_record_ids
from warehouse.load import load_run
from warehouse.publish import publish_snapshot

PAGE = "<html><body><p>Погиб Петров Иван Сергеевич</p></body></html>".encode()
OTHER = "<html><body><p>Погиб Смирнов Олег Петрович</p></body></html>".encode()


def _archive(runs: Path, run_id: str, url: str, body: bytes = PAGE) -> dict:
    """One page through the archive middleware, as a crawl's downloader sees it: the meta the
    spider gets."""
    (runs / run_id).mkdir(parents=True, exist_ok=True)
    mw = ArchiveMiddleware(crawler=None)
    request = Request(url)
    response = HtmlResponse(url, body=body, request=request, encoding="utf-8",
                            headers={"Content-Type": "text/html; charset=utf-8"})  # fmt: skip
    mw.process_response(request, response, SimpleNamespace(run_dir=str(runs / run_id)))
    mw.close()
    return request.meta


def test_the_middleware_points_at_the_capture_relative_to_the_runs_folder(tmp_path):
    runs = tmp_path / "runs"
    meta = _archive(runs, "crawl-1", "http://127.0.0.1/news/1.html")
    assert meta["archive_ref"] == "crawl-1/archive.warc.gz#0"
    capture = read_capture(meta["archive_ref"], runs)
    assert capture.warc_record_id == meta["warc_record_id"]
    assert capture.warc_record_id.startswith("<urn:uuid:")
    assert capture.sha256 == meta["sha256"] == hashlib.sha256(PAGE).hexdigest()


def test_a_relative_reference_needs_the_runs_folder(tmp_path):
    meta = _archive(tmp_path / "runs", "crawl-1", "http://127.0.0.1/news/1.html")
    with pytest.raises(ValueError, match="relative to a runs folder"):
        read_capture(meta["archive_ref"])


def test_an_old_absolute_reference_reads_as_it_is_and_after_a_move(tmp_path):
    runs = tmp_path / "runs"
    meta = _archive(runs, "crawl-1", "http://127.0.0.1/news/1.html")
    old = f"{runs}/{meta['archive_ref']}"  # what warehouses made before hold
    assert read_capture(old).url == "http://127.0.0.1/news/1.html"
    moved = tmp_path / "elsewhere"
    runs.rename(moved)
    assert read_capture(old, moved).warc_record_id == meta["warc_record_id"]
    assert relative_ref(old) == meta["archive_ref"]


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A warehouse whose records point at their captures: one the new way, one with the
    absolute reference (and no WARC id) a warehouse made before holds; published."""
    root, published = tmp_path / "var", tmp_path / "published"
    runs = root / "runs"
    new = _archive(runs, "crawl-new", "http://127.0.0.1/news/1.html")
    old = _archive(runs, "crawl-old", "http://127.0.0.1/news/2.html", OTHER)
    records = [
        new_record(
            record_id=f"r{n}",
            source="s",
            spider="source",
            url=url,
            name_raw=name,
            full_name=name,
            fetched_at="2026-01-30T10:00:00",
            archive_ref=ref,
            page_sha256=meta["sha256"],
            warc_record_id=wid,
        )  # fmt: skip
        for n, (url, name, ref, meta, wid) in enumerate(
            [
                (
                    "http://127.0.0.1/news/1.html",
                    "Петров Иван",
                    new["archive_ref"],
                    new,
                    new["warc_record_id"],
                ),
                (
                    "http://127.0.0.1/news/2.html",
                    "Смирнов Олег",
                    f"{runs}/{old['archive_ref']}",
                    old,
                    None,
                ),
            ]  # fmt: skip
        )
    ]
    with connect(root / "warehouse.duckdb") as con:
        load_run(con, write_run(tmp_path / "load", records), run_id="load", source="s")
        filled = fill_warc_record_ids(con)  # what migration 006 does for the old records
        publish_snapshot(con, published)
    monkeypatch.setenv("TALLY_HOME", str(root))
    monkeypatch.setenv("TALLY_PUBLISHED", str(published))
    return SimpleNamespace(
        root=root, runs=runs, published=published, new=new, old=old, filled=filled
    )


def test_published_records_cite_their_copy_by_relative_path_hash_and_warc_id(home):
    con = duckdb.connect(str(home.published / "tally.duckdb"), read_only=True)
    rows = con.execute(
        "SELECT archive_ref, page_sha256, warc_record_id FROM records ORDER BY record_id"
    ).fetchall()
    assert home.filled == 1
    assert rows == [
        (m["archive_ref"], m["sha256"], m["warc_record_id"]) for m in (home.new, home.old)
    ]


def test_archive_export_copies_the_cited_archives_and_show_reads_the_copy(home, tmp_path, capsys):
    copy = tmp_path / "copy"
    assert main(["archive", "export", str(copy)]) == 0
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*.warc.gz")) == [
        "crawl-new/archive.warc.gz",
        "crawl-old/archive.warc.gz",
    ]
    assert main(["archive", "export", str(copy)]) == 0
    assert "0 archives copied" in capsys.readouterr().err  # already there: left alone
    con = duckdb.connect(str(home.published / "tally.duckdb"), read_only=True)
    ref, wid = con.execute(
        "SELECT archive_ref, warc_record_id FROM records WHERE record_id = 'r0'"
    ).fetchone()
    con.close()
    shutil.rmtree(home.runs)  # the copy alone
    assert main(["archive", "show", ref, "--archive", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "Погиб Петров" in out and wid in out
    assert main(["archive", "show", "http://127.0.0.1/news/2.html", "--archive", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "Погиб Смирнов" in out and "crawl-old/archive.warc.gz#0" in out


def test_archive_export_names_an_archive_it_cannot_find(home, tmp_path, capsys):
    (home.runs / "crawl-old" / "archive.warc.gz").unlink()
    assert main(["archive", "export", str(tmp_path / "copy")]) == 1
    assert "missing: crawl-old/archive.warc.gz" in capsys.readouterr().err


def test_migrating_an_old_warehouse_keeps_its_absolute_references_and_finds_their_ids(tmp_path):
    """A warehouse at schema 5 holds absolute references and no WARC ids: migration 006 leaves
    the references as they are and reads each id from the archive it still finds."""
    import importlib

    from warehouse.db import migrate, migrations

    runs = tmp_path / "runs"
    meta = _archive(runs, "crawl-1", "http://127.0.0.1/news/1.html")
    old_ref = f"{runs}/{meta['archive_ref']}"
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR, "
                "applied_at TIMESTAMP)")  # fmt: skip
    for version, name, sql in migrations()[:5]:
        if sql.startswith("module:"):
            importlib.import_module(f"warehouse.migrations.{sql[7:]}").migrate(con)
        else:
            con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, name])
    columns = "record_id, source, spider, url, archive_ref, name_raw, full_name, content_hash"
    con.execute(
        f"INSERT INTO records ({columns}, fetched_at, first_seen, last_seen, first_run, last_run) "
        "VALUES ('r1', 's', 'source', 'http://127.0.0.1/news/1.html', ?, 'Петров Иван', "
        "'Петров Иван', 'h', now(), now(), now(), 'run', 'run'), "
        "('r2', 's', 'source', 'http://127.0.0.1/news/2.html', '/gone/run/archive.warc.gz#0', "
        "'Смирнов Олег', 'Смирнов Олег', 'h', now(), now(), now(), 'run', 'run')",
        [old_ref],
    )
    assert migrate(con) >= 6
    found = con.execute("SELECT record_id, archive_ref, warc_record_id FROM records ORDER BY 1")
    assert found.fetchall() == [
        ("r1", old_ref, meta["warc_record_id"]),
        ("r2", "/gone/run/archive.warc.gz#0", None),  # its archive is gone: the id stays empty
    ]
    con.close()
