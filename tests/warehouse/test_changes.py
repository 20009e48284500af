"""What changed between snapshots, compared by value: a man added, changed (which fields, his
records), removed or merged into another, kept for every snapshot in the warehouse and in the
published `changes`; the last N snapshots kept as dated files an analyst can ATTACH and compare."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from tests.conftest import write_run
from warehouse.db import connect
from warehouse.load import load_run
from warehouse.persons import save_persons
from warehouse.publish import Checks, PublishRefused, publish_snapshot
from warehouse.snapshots import keep_snapshots, kept

# The query the README gives analysts: what the newest snapshot changed.
WHAT_CHANGED = """
    SELECT person_id, change, fields, merged_into FROM changes
    WHERE snapshot_id = (SELECT snapshot_id FROM metadata) ORDER BY person_id
"""

# ... and the same read from two kept snapshot files with plain SQL.
DIFF_FILES = """
    SELECT coalesce(n.person_id, o.person_id) AS person_id,
           CASE WHEN o.person_id IS NULL THEN 'added' WHEN n.person_id IS NULL THEN 'gone'
                ELSE 'changed' END AS change
    FROM old.persons o FULL JOIN new.persons n USING (person_id)
    WHERE o.person_id IS NULL OR n.person_id IS NULL
       OR (o.full_name, o.death_date, o.n_records) IS DISTINCT FROM
          (n.full_name, n.death_date, n.n_records)
    ORDER BY 1
"""

NAMES = {
    "r1": "Петров Иван Сергеевич",
    "r2": "Смирнов Олег Петрович",
    "r3": "Смирнов Олег",
    "r4": "Кузнецов Павел Андреевич",
    "r5": "Кузнецов Павел",
    "r6": "Петров Иван",
    "r7": "Волков Артём Игоревич",
    "r8": "Зайцев Денис Юрьевич",
}


def _load(con, ids: list[str], run_id: str, tmp: Path) -> None:
    from schema.records import new_record

    records = [
        new_record(
            record_id=rid,
            source="s",
            spider="source",
            url=f"http://127.0.0.1/{rid}.html",
            fetched_at="2026-01-30T10:00:00",
            name_raw=NAMES[rid],
            full_name=NAMES[rid],
            death_date="2024-02-20",
        )
        for rid in ids
    ]
    load_run(con, write_run(tmp / run_id, records), run_id=run_id, source="s")


def _person(name: str, n: int, death: str = "2024-02-20") -> dict:
    return {"full_name": name, "death_date": death, "n_records": n, "n_sources": 1}


def _dedupe(con, run_id: str, persons: dict[str, dict], assignment: dict[str, str]) -> None:
    """What a dedupe run writes, with the men chosen by the test."""
    figures = {"records": len(assignment)}
    save_persons(con, run_id, persons=persons, assignment=assignment, review=[],
                 figures=figures, started=datetime(2026, 1, 30), seconds=0.1)  # fmt: skip


@pytest.fixture
def two_snapshots(tmp_path):
    """Snapshot 1: A (r1), B (r2), C (r3), D (r4, r5), F (r8). Then r6 is found and joins A, E
    (r7) is new, C's record turns out to be B's (C merged into B), r5's page drops it (D keeps
    it: a deleted obituary does not bring a man back), F is untouched. Snapshot 2."""
    out = tmp_path / "published"
    with connect(tmp_path / "warehouse.duckdb") as con:
        _load(con, ["r1", "r2", "r3", "r4", "r5", "r8"], "run1", tmp_path)
        first = {
            "A": _person(NAMES["r1"], 1),
            "B": _person(NAMES["r2"], 1),
            "C": _person(NAMES["r3"], 1),
            "D": _person(NAMES["r4"], 2),
            "F": _person(NAMES["r8"], 1),
        }
        links = {"r1": "A", "r2": "B", "r3": "C", "r4": "D", "r5": "D", "r8": "F"}
        _dedupe(con, "dedupe1", first, links)
        one = publish_snapshot(con, out)
        stamps = [dict(con.execute("SELECT person_id, updated_at FROM persons").fetchall())]
        _load(con, ["r6", "r7"], "run2", tmp_path)
        con.execute("UPDATE records SET removed_at = now() WHERE record_id = 'r5'")
        second = {
            "A": _person(NAMES["r1"], 2),
            "B": _person(NAMES["r2"], 2),
            "D": _person(NAMES["r4"], 2),
            "E": _person(NAMES["r7"], 1),
            "F": _person(NAMES["r8"], 1),
        }
        links |= {"r6": "A", "r3": "B", "r7": "E"}
        _dedupe(con, "dedupe2", second, links)
        stamps.append(dict(con.execute("SELECT person_id, updated_at FROM persons").fetchall()))
        two = publish_snapshot(con, out)
    return out, one, two, stamps


def test_dedupe_moves_updated_at_only_for_a_man_who_changed(two_snapshots):
    *_, (before, after) = two_snapshots
    assert after["F"] == before["F"]  # the same values, the same records
    assert after["D"] == before["D"]  # a record taken down is no change dedupe makes
    assert after["A"] > before["A"] and after["B"] > before["B"]


def test_an_analyst_query_lists_what_changed_between_two_snapshots(two_snapshots):
    out, *_ = two_snapshots
    con = duckdb.connect(str(out / "tally.duckdb"), read_only=True)
    assert con.execute(WHAT_CHANGED).fetchall() == [
        ("A", "changed", ["n_records", "records"], None),
        ("B", "changed", ["n_records", "records"], None),
        ("C", "merged", None, "B"),
        ("D", "changed", ["records_removed"], None),
        ("E", "added", None, None),
    ]


def test_two_kept_snapshot_files_compare_with_plain_sql(two_snapshots):
    out, one, two, _ = two_snapshots
    con = duckdb.connect()
    con.execute(f"ATTACH '{out / f'tally.{one.snapshot_id}.duckdb'}' AS old (READ_ONLY)")
    con.execute(f"ATTACH '{out / f'tally.{two.snapshot_id}.duckdb'}' AS new (READ_ONLY)")
    assert con.execute(DIFF_FILES).fetchall() == [
        ("A", "changed"),
        ("B", "changed"),
        ("C", "gone"),
        ("E", "added"),
    ]


def test_each_man_carries_his_first_snapshot_and_his_last_change(two_snapshots):
    out, one, two, _ = two_snapshots
    con = duckdb.connect(str(out / "tally.duckdb"), read_only=True)
    marks = dict(
        (p, (first, last))
        for p, first, last in con.execute(
            "SELECT person_id, first_published, last_changed FROM persons"
        ).fetchall()
    )
    assert marks["F"] == (one.snapshot_id, one.snapshot_id)  # untouched: nothing moves
    assert marks["A"] == (one.snapshot_id, two.snapshot_id)
    assert marks["E"] == (two.snapshot_id, two.snapshot_id)


def test_the_published_changes_hold_every_snapshot(two_snapshots, tmp_path):
    out, one, two, _ = two_snapshots
    con = duckdb.connect(str(out / "tally.duckdb"), read_only=True)
    per_snapshot = dict(
        con.execute("SELECT snapshot_id, count(*) FROM changes GROUP BY 1").fetchall()
    )
    assert per_snapshot == {one.snapshot_id: 5, two.snapshot_id: 5}  # the first: all added
    assert con.execute("SELECT snapshot_id, added, changed, merged FROM snapshots").fetchall() == [
        (one.snapshot_id, 5, 0, 0),
        (two.snapshot_id, 1, 3, 1),
    ]
    assert con.execute("SELECT previous_snapshot_id FROM metadata").fetchone()[0] == (
        one.snapshot_id
    )


def test_a_publish_with_nothing_changed_lists_no_change(two_snapshots, tmp_path):
    out, _, two, _ = two_snapshots
    with connect(tmp_path / "warehouse.duckdb") as con:
        three = publish_snapshot(con, out)
    con = duckdb.connect(str(out / "tally.duckdb"), read_only=True)
    assert con.execute(
        "SELECT count(*) FROM changes WHERE snapshot_id = ?", [three.snapshot_id]
    ).fetchone() == (0,)
    assert con.execute("SELECT max(last_changed) FROM persons").fetchone()[0] == two.snapshot_id


def test_a_refused_publish_leaves_the_history_as_it_was(two_snapshots, tmp_path):
    out, _, two, _ = two_snapshots
    with connect(tmp_path / "warehouse.duckdb") as con:
        before = con.execute("SELECT count(*) FROM snapshots").fetchone()[0]
        con.execute("DELETE FROM persons WHERE person_id IN ('A', 'B')")
        with pytest.raises(PublishRefused):
            publish_snapshot(con, out, Checks(max_drop=0.1))
        assert con.execute("SELECT count(*) FROM snapshots").fetchone()[0] == before
        three = publish_snapshot(con, out)  # now allowed: A and B are listed as removed
    con = duckdb.connect(str(out / "tally.duckdb"), read_only=True)
    assert con.execute(
        "SELECT person_id, change FROM changes WHERE snapshot_id = ? ORDER BY 1",
        [three.snapshot_id],
    ).fetchall() == [("A", "removed"), ("B", "removed")]
    assert three.snapshot_id > two.snapshot_id


def test_the_last_n_snapshots_are_kept_as_dated_files(two_snapshots, tmp_path):
    out, *_ = two_snapshots
    with connect(tmp_path / "warehouse.duckdb") as con:
        results = [publish_snapshot(con, out, keep=2) for _ in range(3)]
    assert [sid for sid, _ in kept(out)] == [r.snapshot_id for r in results[-2:]]
    for name, result in (("tally.duckdb", results[-1]), ("tally.previous.duckdb", results[-2])):
        con = duckdb.connect(str(out / name), read_only=True)
        assert con.execute("SELECT snapshot_id FROM metadata").fetchone()[0] == result.snapshot_id
        con.close()
    assert results[-1].dropped  # the older dated files went
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("value, keep", [("", 5), ("3", 3), (" 1 ", 1)])
def test_how_many_snapshots_to_keep(value, keep):
    assert keep_snapshots(value) == keep


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_a_bad_number_of_snapshots_to_keep_is_refused(value):
    with pytest.raises(ValueError, match="TALLY_KEEP_SNAPSHOTS"):
        keep_snapshots(value)


def test_a_warehouse_without_history_takes_it_from_the_published_file(two_snapshots, tmp_path):
    """A warehouse rebuilt (or made before snapshots were kept) goes on from what was
    published: nothing is listed as added again."""
    out, one, two, _ = two_snapshots
    with connect(tmp_path / "warehouse.duckdb") as con:
        for table in ("snapshots", "changes", "snapshot_persons", "snapshot_links"):
            con.execute(f"DELETE FROM {table}")
        three = publish_snapshot(con, out)
    con = duckdb.connect(str(out / "tally.duckdb"), read_only=True)
    assert con.execute("SELECT snapshot_id FROM snapshots").fetchall() == [
        (one.snapshot_id,),
        (two.snapshot_id,),
        (three.snapshot_id,),
    ]
    assert con.execute(
        "SELECT count(*) FROM changes WHERE snapshot_id = ?", [three.snapshot_id]
    ).fetchone() == (0,)


def test_a_file_published_before_snapshots_counts_as_the_first(two_snapshots, tmp_path):
    out, *_ = two_snapshots
    old = duckdb.connect(str(out / "tally.duckdb"))  # made to look as an older tally wrote it
    old.execute("DROP TABLE changes")
    old.execute("DROP TABLE snapshots")
    old.execute("ALTER TABLE metadata DROP COLUMN snapshot_id")
    old.execute("ALTER TABLE persons DROP COLUMN first_published")
    published_at = old.execute("SELECT published_at FROM metadata").fetchone()[0]
    old.close()
    with connect(tmp_path / "warehouse.duckdb") as con:
        for table in ("snapshots", "changes", "snapshot_persons", "snapshot_links"):
            con.execute(f"DELETE FROM {table}")
        now = publish_snapshot(con, out)
    con = duckdb.connect(str(out / "tally.duckdb"), read_only=True)
    first = published_at.strftime("%Y%m%dT%H%M%S.%fZ")
    assert con.execute("SELECT snapshot_id FROM snapshots").fetchall() == [
        (first,),
        (now.snapshot_id,),
    ]
    assert con.execute("SELECT DISTINCT first_published FROM persons").fetchall() == [(first,)]
    assert con.execute(
        "SELECT count(*) FROM changes WHERE snapshot_id = ?", [now.snapshot_id]
    ).fetchone() == (0,)
