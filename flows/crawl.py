"""The crawl stage: one source crawled in a `scrapy crawl` subprocess (Twisted's reactor cannot
restart in one process), its run folder checked (did every URL it asked for end somewhere?) and
loaded into the warehouse — as ok when complete, as «incomplete» otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from flows.paths import Home
from schema.runfolder import COMMAND, LOG, PREVIOUS, SUMMARY, RunFolder, new_run_id
from spiders.config import ConfigError, SourceConfig
from spiders.settings import LOCAL_SETTINGS
from warehouse import runs
from warehouse.db import connect
from warehouse.load import LoadSummary, load_run, page_state
from warehouse.lock import warehouse_lock

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class CrawlResult:
    source: str
    run_id: str
    run_dir: Path
    returncode: int
    summary: dict
    max_failed_share: float = 0.2  # the source's [expect]: more failed pages is an outage

    @property
    def complete(self) -> bool:
        """The crawl closed and every URL it asked for ended as a page row (or was skipped
        with a reason): its summary says so."""
        return (
            bool(self.summary.get("complete")) and self.summary.get("finish_reason") == "finished"
        )

    @property
    def problems(self) -> list[str]:
        """Why the crawl is not complete (empty when it is)."""
        if not self.summary:
            return [f"the crawl ended without its summary (exit {self.returncode})"]
        return list(self.summary.get("incomplete") or []) if not self.complete else []


def source_name(home: Home, source: str) -> str:
    """The name a source's runs, locks and rows go by: its config's `name`, also when it was
    given as a path (`tally run --source my/list.toml`). A source that cannot be read keeps
    the name it was asked by (its file's stem), so its failed run is on record under it."""
    try:
        return home.source(source).name
    except (ConfigError, OSError):
        return Path(source).stem if source.endswith(".toml") else source


def resolve_source(name: str, home: Home, base_url: str | None = None) -> SourceConfig:
    config = home.source(name)
    return config.with_base(base_url) if base_url else config


def crawl_command(
    name: str,
    home: Home,
    *,
    base_url: str | None = None,
    run_id: str | None = None,
    today: str | None = None,
    settings: dict[str, object] | None = None,
    reparse: bool = False,
) -> tuple[SourceConfig, str, Path, list[str]]:
    """(config, run_id, run folder, command) of a crawl. Running the command again with the
    same run id resumes the crawl: it walks the site again from the start URLs with a fresh
    request queue (a queue kept on disk can be lost with the process that wrote it), skips the
    record pages the run already read and asks again for those that failed."""
    config = resolve_source(name, home, base_url)
    run_id = run_id or new_run_id("crawl", config.name)
    folder = RunFolder(home.runs / run_id).create()
    run_dir = folder.path
    if not (folder / PREVIOUS).exists():  # a resumed run keeps the state it started with
        folder.write_json(PREVIOUS, previous_pages(home, config.name))
    (folder / SUMMARY).unlink(missing_ok=True)  # an earlier attempt's figures are not this one's
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "source",
        "-a",
        f"source={config.path or name}",
        "-a",
        f"run_dir={run_dir}",
        "-s",
        f"LOG_FILE={folder / LOG}",
    ]
    if base_url:
        cmd += ["-a", f"base_url={base_url}"]
    if today:
        cmd += ["-a", f"today={today}"]
    if reparse:
        cmd += ["-a", "reparse=1"]
    if home.sources.exists():
        cmd += ["-a", f"sources_dir={home.sources}"]
    if home.settings.exists():
        cmd += ["-a", f"project_file={home.settings}"]
    merged: dict[str, object] = {}
    if {urlsplit(u).hostname for u in config.start_urls} <= LOOPBACK:
        merged.update(LOCAL_SETTINGS)
    merged.update(settings or {})
    for key, value in merged.items():
        cmd += ["-s", f"{key}={value}"]
    (folder / COMMAND).write_text(json.dumps(cmd))
    return config, run_id, run_dir, cmd


def crawl_env() -> dict[str, str]:
    return dict(os.environ, SCRAPY_SETTINGS_MODULE="spiders.settings")


def crawl_source(
    name: str,
    home: Home,
    *,
    base_url: str | None = None,
    run_id: str | None = None,
    today: str | None = None,
    settings: dict[str, object] | None = None,
    progress: Callable[[int], None] | None = None,
    timeout: float | None = None,
    reparse: bool = False,
) -> CrawlResult:
    """Crawl one source in a `scrapy crawl` subprocess (Twisted's reactor cannot restart in one
    process). The run folder keeps the output, the log, the archive and the job state."""
    config, run_id, run_dir, cmd = crawl_command(
        name, home, base_url=base_url, run_id=run_id, today=today, settings=settings,
        reparse=reparse,
    )  # fmt: skip
    proc = subprocess.Popen(cmd, env=crawl_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = time.monotonic()
    folder = RunFolder(run_dir)
    timed_out = False
    while proc.poll() is None:
        if progress:
            progress(folder.count("page"))
        if timeout and time.monotonic() - started > timeout:
            proc.kill()
            timed_out = True
            break
        time.sleep(0.3)
    _, stderr = proc.communicate()
    if progress:
        progress(folder.count("page"))
    summary = folder.summary
    if timed_out:
        raise CrawlFailed(
            f"crawl of {config.name} ran longer than {timeout:.0f} s and was stopped; what it "
            f"read stays in run {run_id} for the next attempt"
        )
    if not summary:  # killed, out of memory: what it wrote stays for the resume
        tail = (stderr or b"").decode("utf-8", "replace")[-2000:]
        raise CrawlFailed(
            f"crawl of {config.name} ended without finishing (exit {proc.returncode}); run "
            f"again with run id {run_id} to resume:\n{tail}"
        )
    return CrawlResult(
        config.name, run_id, run_dir, proc.returncode, summary, config.max_failed_share
    )


class CrawlFailed(RuntimeError):
    """A crawl that may succeed if tried again: the site down, a 5xx, a timeout."""


class CrawlIncomplete(CrawlFailed):
    """A crawl that closed without accounting for every URL it asked for: tried again, it
    resumes and asks again for what did not end."""


class CrawlRefused(RuntimeError):
    """A crawl that will not succeed by trying again: the site answers 4xx (a start page
    gone, access forbidden). Fix the source's config."""


def check_crawl(result: CrawlResult) -> CrawlResult:
    """A crawl's health decides its state. Raise when nothing was read (CrawlRefused if every
    page answered 4xx, CrawlFailed otherwise: network, 5xx), when more of its pages failed than
    its source allows (an outage: CrawlFailed), or when its accounting does not close
    (CrawlIncomplete). A complete, healthy crawl is kept as it is."""
    latest = {r["url"]: r for r in RunFolder(result.run_dir).rows("page")}  # a retry's row wins
    rows = list(latest.values())
    read = [r for r in rows if r.get("status") in ("parsed", "rejected")]
    failed = [r for r in rows if r.get("status") == "failed"]
    share = len(failed) / len(rows) if rows else 0.0
    if read and share > result.max_failed_share:
        reasons = Counter(str(r.get("reason")) for r in failed).most_common(3)
        raise CrawlFailed(
            f"crawl of {result.source}: {len(failed):,} of {len(rows):,} pages failed "
            f"({share:.0%}, more than the {result.max_failed_share:.0%} its source allows): "
            + "; ".join(f"{n} × {why}" for why, n in reasons)
        )
    if (read or not failed) and result.complete:
        return result
    if read or not failed:
        raise CrawlIncomplete(
            f"crawl of {result.source} is incomplete: {'; '.join(result.problems)}"
        )
    statuses = sorted({int(r["http_status"]) for r in failed if r.get("http_status")})
    reasons = "; ".join(sorted({str(r.get("reason")) for r in failed}))[:300]
    if statuses and all(400 <= s < 500 for s in statuses):
        raise CrawlRefused(
            f"crawl of {result.source}: every page answered {', '.join(map(str, statuses))} "
            f"({reasons}); check its start_urls — not retried"
        )
    raise CrawlFailed(f"crawl of {result.source}: no page could be read ({reasons})")


def previous_pages(home: Home, source: str) -> dict[str, dict]:
    """Each page's state at the source's last crawl (none before the first)."""
    if not home.warehouse.exists():
        return {}
    with connect(home.warehouse) as con:
        return page_state(con, source)


def load_crawl(result: CrawlResult, home: Home) -> LoadSummary:
    """Load a crawl's run folder: as ok when it is complete, else as «incomplete» (nothing
    marked removed, and the publish of that source refused until a complete crawl)."""
    with warehouse_lock(home.root, f"load {result.source}"), connect(home.warehouse) as con:
        return load_run(
            con,
            result.run_dir,
            run_id=result.run_id,
            source=result.source,
            complete=result.complete,
            incomplete=result.problems,
        )


def salvage_crawl(home: Home, source: str, run_id: str, error: BaseException) -> LoadSummary | None:
    """After a crawl failed for good: what its run folder holds is loaded as «incomplete» (so
    the records found are kept, nothing is marked removed, and the publish is refused until a
    complete crawl); with nothing read, the run is closed as failed. Returns the load, if any."""
    folder = RunFolder(home.runs / run_id)
    pages = [r for r in folder.rows("page") if r.get("status") in ("parsed", "rejected")]
    if not pages:
        with warehouse_lock(home.root, f"record crawl {source}"), connect(home.warehouse) as con:
            runs.record_run(con, run_id, "crawl", "failed", source=source, message=str(error))
        return None
    result = CrawlResult(source, run_id, folder.path, -1, folder.summary)
    problems = [str(error).splitlines()[0][:300], *result.problems]
    with warehouse_lock(home.root, f"load {source}"), connect(home.warehouse) as con:
        return load_run(
            con, folder.path, run_id=run_id, source=source, complete=False, incomplete=problems
        )
