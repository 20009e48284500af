"""Shared fixtures. Tests run offline: the stand-in site on 127.0.0.1, saved pages, tmp folders."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")

FIXTURES = Path(__file__).parent / "fixtures"


def write_run(run_dir: Path, records=(), rejects=(), pages=(), summary=None) -> Path:
    """A crawl run folder as the spider writes it."""
    from schema.records import content_hash

    run_dir.mkdir(parents=True, exist_ok=True)
    with (run_dir / "records.jsonl").open("w") as fh:
        for r in records:
            fh.write(json.dumps({**r, "content_hash": content_hash(r)}, ensure_ascii=False) + "\n")
    for name, rows in (("rejects.jsonl", rejects), ("pages.jsonl", pages)):
        with (run_dir / name).open("w") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (run_dir / "summary.json").write_text(json.dumps(summary or {"finish_reason": "finished"}))
    return run_dir


@pytest.fixture
def record_factory():
    from schema.records import new_record, record_id

    def make(
        name="Петров Иван Сергеевич",
        url="http://127.0.0.1/memorial/?page=1",
        source="sandbox-memorial",
        fetched_at="2026-01-30T10:00:00",
        **values,
    ):
        rid = record_id(
            source, url, name, values.get("birth_date_raw"), values.get("death_date_raw")
        )
        return new_record(
            record_id=rid,
            source=source,
            spider="source",
            url=url,
            fetched_at=fetched_at,
            name_raw=name,
            full_name=name,
            **values,
        )

    return make


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory):
    """One temporary Prefect API for the whole session: its first start costs ~10-20 s."""
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture(scope="session")
def sandbox_site():
    """The stand-in site on 127.0.0.1, in a background thread, with its truth."""
    from flows.stages import DEMO_SITES
    from sandbox.server import Sandbox, SandboxServer

    sandbox = Sandbox(people=300, seed=5, only=DEMO_SITES)
    server = SandboxServer(sandbox).start()
    yield server, sandbox.truth()
    server.stop()


def build_review_home(root: Path, men: int = 300, seed: int = 7, extra=()):
    """A warehouse loaded with generated reports of `men` men (plus `extra` records), merged
    once by the real dedupe stage: a review queue to work on. Returns the Home."""
    from flows.paths import Home
    from flows.stages import dedupe_stage
    from warehouse.db import connect
    from warehouse.load import load_run

    home = Home.from_env(root / "var", root / "published")
    rows = generated_records(men, seed)
    rows.extend(extra)
    run = write_run(root / "var" / "runs" / "r1", records=rows)
    with connect(home.warehouse) as con:
        load_run(con, run, run_id="r1", source="sandbox-news")
    dedupe_stage(home)
    return home


def generated_records(men: int, seed: int) -> list[dict]:
    """Records as the spiders write them, made from the noisy record generator."""
    from sandbox.records import generate_records
    from schema.records import new_record

    rows = []
    for r in generate_records(men, seed).to_pylist():
        rows.append(
            new_record(
                record_id=r["record_id"],
                source="sandbox-news",
                spider="source",
                url=f"http://127.0.0.1{r['url']}" if r["url"].startswith("/") else r["url"],
                fetched_at="2026-01-30T10:00:00",
                name_raw=r["full_name"],
                full_name=r["full_name"],
                birth_date=r["birth_date"],
                death_date=r["death_date"],
                age=r["age"],
                region=r["region"],
                settlement=r["settlement"],
                unit=r["unit"],
                category=r["category"],
                context=f"{r['full_name']} погиб.",
                spans=json.dumps({"full_name": [0, len(r["full_name"] or "")]}),
            )
        )
    return rows


@pytest.fixture
def review_home(tmp_path):
    return build_review_home(tmp_path)


def namesake_crowd(name: str, men: int = 20, born: bool = False) -> list[dict]:
    """`men` men of one name («Смирнов Борис»), four patronymics among them, each with his own
    date of death and region (and year of birth, `born`): a crowd a bare post of the name
    cannot join on the name alone."""
    regions = ["Татарстан", "Башкортостан", "Пермский край", "Омская область", "Алтайский край"]
    fathers = ["Иванович", "Петрович", "Олегович", "Ильич"]
    return [
        {
            "record_id": f"m{k}",
            "full_name": f"{name} {fathers[k % 4]}",
            "death_date": f"2024-{1 + k % 12:02d}-{1 + k % 27:02d}",
            "region": regions[k % 5],
            **({"birth_date": str(1970 + k % 30)} if born else {}),
        }
        for k in range(men)
    ]
