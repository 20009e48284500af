"""Item pipelines: validate every record, then write the run's records, rejects and pages."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from typing import Any

from schema.records import content_hash, new_reject
from schema.runfolder import FILES, SUMMARY, RunFolder, json_line
from spiders.validate import THIS_WAR, check_record


class ValidationPipeline:
    """A record with a fatal problem becomes a reject with the reason; a field that cannot be
    right is cleared and a field-level reject row keeps what it said. Failures per field are
    counted in the crawl stats."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.today = date.today()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        today = getattr(spider or self.crawler.spider, "today", None)
        if today:
            self.today = date.fromisoformat(today)

    def process_item(self, item: dict[str, Any], spider=None) -> dict[str, Any]:
        if item.get("_type") != "record":
            return item
        extra = item.pop("_field_problems", [])
        config = getattr(self.crawler.spider, "config", None)
        window = getattr(config, "validate", THIS_WAR)
        problems = check_record(item, self.today, window)
        fatal = [p for p in problems if p.fatal]
        raw = {
            k: item.get(k)
            for k in (
                "name_raw",
                "full_name",
                "birth_date_raw",
                "death_date_raw",
                "birth_date",
                "death_date",
                "age",
            )
        }
        if fatal:
            for p in fatal:
                self.stats.inc_value(f"validation/rejected/{p.field}")
            return {
                "_type": "reject",
                **new_reject(
                    source=item["source"],
                    url=item["url"],
                    scope="record",
                    reason="; ".join(p.reason for p in fatal),
                    field=fatal[0].field,
                    raw=raw,
                    fetched_at=item.get("fetched_at"),
                ),
            }
        side = []
        for p in problems:
            self.stats.inc_value(f"validation/cleared/{p.field}")
            item[p.field] = None
            side.append((p.field, p.reason))
        for field, reason in [*extra, *side]:
            side_raw = {**raw, field: item.get(f"{field}_raw")}
            item.setdefault("_rejects", []).append(
                new_reject(
                    source=item["source"],
                    url=item["url"],
                    scope="field",
                    reason=reason,
                    field=field,
                    raw=side_raw,
                    fetched_at=item.get("fetched_at"),
                )
            )
        return item


class RunWriterPipeline:
    """Appends each item to its JSONL file in the run folder (append: a resumed crawl goes on
    where it stopped) and writes summary.json when the crawl closes."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.files: dict[str, Any] = {}
        self.run_dir: RunFolder | None = None
        self.started = time.monotonic()
        self.started_at = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
        self.counts = {"record": 0, "reject": 0, "page": 0}
        self.pages: dict[str, int] = {"parsed": 0, "rejected": 0, "failed": 0}

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy import signals

        pipe = cls(crawler)
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        return pipe

    def open_spider(self, spider=None):
        run_dir = getattr(spider or self.crawler.spider, "run_dir", None)
        if not run_dir:
            raise RuntimeError("the spider needs -a run_dir=FOLDER for its output")
        self.run_dir = RunFolder(run_dir).create()
        for kind in FILES:
            self.files[kind] = self.run_dir.appender(kind)

    def _write(self, kind: str, row: dict[str, Any]) -> None:
        self.files[kind].write(json_line(row))
        self.counts[kind] += 1

    def process_item(self, item: dict[str, Any], spider=None) -> dict[str, Any]:
        kind = item.get("_type")
        row = {k: v for k, v in item.items() if not k.startswith("_")}
        if kind == "record":
            row["content_hash"] = content_hash(row)
            for reject in item.get("_rejects", []):
                self._write("reject", reject)
        elif kind == "page":
            self.pages[row["status"]] = self.pages.get(row["status"], 0) + 1
        self._write(kind, row)
        return item

    def close_spider(self, spider=None):
        for fh in self.files.values():
            fh.close()

    def spider_closed(self, spider, reason: str) -> None:
        """After the pipelines closed: the crawl's figures, with why it finished and whether
        every URL it asked for ended somewhere."""
        if self.run_dir is None:
            return
        stats = self.stats.get_stats()
        accounting = spider.accounting() if hasattr(spider, "accounting") else {}
        scrapy_stats = {k: stats.get(k, 0) for k in SCRAPY_FIGURES}
        problems = closing_problems(reason, accounting, scrapy_stats, self.counts["page"])
        summary = {
            "source": getattr(getattr(spider, "config", None), "name", None),
            "started_at": self.started_at,
            "finished_at": datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
            "seconds": round(time.monotonic() - self.started, 3),
            "finish_reason": reason,
            "complete": not problems,
            "incomplete": problems,
            "pages": self.pages,
            "records": self.counts["record"],
            "rejects": self.counts["reject"],
            "errors": stats.get("log_count/ERROR", 0),
            "retries": stats.get("retry/count", 0),
            # links not followed, and why: never fetched, so not pages, but not lost silently
            "skipped": {
                "robots.txt": stats.get("robotstxt/forbidden", 0),
                "offsite": stats.get("offsite/filtered", 0),
            },
            "accounting": accounting,
            "scrapy": scrapy_stats,
            "validation": {k: v for k, v in stats.items() if str(k).startswith("validation/")},
        }
        self.run_dir.write_json(SUMMARY, summary)


# Scrapy's own figures, kept in the summary so a crawl's accounting can be checked against them
SCRAPY_FIGURES = (
    "downloader/request_count",
    "downloader/response_count",
    "response_received_count",
    "scheduler/enqueued",
    "scheduler/dequeued",
    "dupefilter/filtered",
    "retry/count",
    "retry/max_reached",
    "retry/retry_after",
    "robotstxt/forbidden",
    "offsite/filtered",
    "item_scraped_count",
    "item_dropped_count",
)


def closing_problems(
    reason: str, accounting: dict[str, Any], scrapy_stats: dict[str, int], pages_written: int
) -> list[str]:
    """Why a closed crawl is not complete (empty when it is): it did not finish, a URL it
    asked for never ended anywhere, a request was dropped unseen, or its figures disagree."""
    problems = []
    if reason != "finished":
        problems.append(f"the crawl stopped early ({reason})")
    if accounting.get("outstanding"):
        sample = ", ".join(accounting.get("outstanding_urls", [])[:3])
        problems.append(
            f"{accounting['outstanding']} of {accounting['asked']} URLs never ended ({sample})"
        )
    if scrapy_stats.get("dupefilter/filtered"):
        problems.append(f"{scrapy_stats['dupefilter/filtered']} requests dropped as duplicates")
    if scrapy_stats.get("scheduler/enqueued", 0) != scrapy_stats.get("scheduler/dequeued", 0):
        problems.append(
            f"{scrapy_stats['scheduler/enqueued'] - scrapy_stats['scheduler/dequeued']} requests "
            "left in the queue"
        )
    read = accounting.get("callbacks", 0) + accounting.get("errbacks", 0)
    if accounting and read + accounting.get("reparsed", 0) != pages_written:
        problems.append(
            f"{pages_written} page rows written for {accounting['callbacks']} answers, "
            f"{accounting['errbacks']} failures and {accounting.get('reparsed', 0)} archived "
            "pages read again"
        )
    return problems
