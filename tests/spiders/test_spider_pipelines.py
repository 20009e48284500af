"""The item pipelines: validation turns bad records into rejects; the writer keeps every row."""

import json
from types import SimpleNamespace

from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from spiders.pipelines import RunWriterPipeline, ValidationPipeline


def crawler(tmp_path, today="2026-01-30"):
    spider = SimpleNamespace(today=today, run_dir=str(tmp_path), config=SimpleNamespace(name="s"))
    stats = MemoryStatsCollector(SimpleNamespace(settings=Settings({"STATS_DUMP": False})))
    return SimpleNamespace(
        stats=stats, spider=spider, signals=SimpleNamespace(connect=lambda *a, **k: None)
    )


def validated(tmp_path, record):
    pipe = ValidationPipeline.from_crawler(crawler(tmp_path))
    pipe.open_spider()
    return pipe.process_item({"_type": "record", **record})


def test_a_record_dated_in_the_future_becomes_a_reject(tmp_path, record_factory):
    item = validated(tmp_path, record_factory(death_date="2027-01-01"))
    assert (item["_type"], item["scope"]) == ("reject", "record")


def test_the_reject_says_why(tmp_path, record_factory):
    item = validated(tmp_path, record_factory(death_date="2027-01-01"))
    assert item["reason"] == "death date 2027-01-01 is in the future"


def test_an_impossible_age_is_cleared_and_the_record_kept(tmp_path, record_factory):
    item = validated(tmp_path, record_factory(age=4, age_raw="4 года"))
    assert (item["_type"], item["age"], [r["field"] for r in item["_rejects"]]) == (
        "record",
        None,
        ["age"],
    )


def test_the_writer_keeps_records_rejects_and_pages_apart(tmp_path, record_factory):
    c = crawler(tmp_path)
    writer = RunWriterPipeline.from_crawler(c)
    writer.open_spider()
    validation = ValidationPipeline.from_crawler(c)
    for item in (
        {"_type": "record", **record_factory()},
        {"_type": "record", **record_factory("улица Ленина")},
        {"_type": "page", "source": "s", "url": "u", "status": "parsed"},
    ):
        writer.process_item(validation.process_item(item))
    writer.close_spider()
    writer.spider_closed(c.spider, "finished")
    lines = {
        name: len((tmp_path / name).read_text().splitlines())
        for name in ("records.jsonl", "rejects.jsonl", "pages.jsonl")
    }
    assert lines == {"records.jsonl": 1, "rejects.jsonl": 1, "pages.jsonl": 1}


def test_the_summary_counts_pages_by_status(tmp_path):
    c = crawler(tmp_path)
    writer = RunWriterPipeline.from_crawler(c)
    writer.open_spider()
    for status in ("parsed", "parsed", "failed"):
        writer.process_item({"_type": "page", "source": "s", "url": status, "status": status})
    writer.close_spider()
    writer.spider_closed(c.spider, "finished")
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert (summary["pages"], summary["finish_reason"]) == (
        {"parsed": 2, "rejected": 0, "failed": 1},
        "finished",
    )
