"""Record ids no longer depend on the site's scheme, host and port (`schema.records.url_key`):
the records of a warehouse made before are given their new ids, here and in the tables that
point at them, and each move is kept in `record_id_moves` so the review database's decisions
follow (the next dedupe run re-keys them). An id that was not made from the raw values kept
here (an imported row, say) stays as it is."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from lexicon.text import clean
from schema.records import record_id


def _old_id(source: str, url: str, name_raw: str, birth: str | None, death: str | None) -> str:
    parts = [source, url, clean(name_raw), *[clean(v) if v else "" for v in (birth, death)]]
    payload = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=str)
    return "r" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        "SELECT record_id, source, url, name_raw, birth_date_raw, death_date_raw FROM records"
    ).fetchall()
    moves = {}
    for rid, source, url, name_raw, birth, death in rows:
        if rid != _old_id(source, url, name_raw, birth, death):
            continue
        new = record_id(source, url, name_raw, birth, death)
        if new != rid:
            moves[rid] = new
    if not moves:
        return
    taken = {r[0] for r in rows}
    clash = [new for new in moves.values() if new in taken and new not in moves]
    if clash or len(set(moves.values())) != len(moves):
        # two old records (one page fetched from two hosts) would become one id: keep them
        # apart as identical entries are kept apart
        seen: dict[str, int] = {}
        for old in sorted(moves):
            new = moves[old]
            seen[new] = seen.get(new, 0) + 1
            if seen[new] > 1 or new in clash:
                moves[old] = f"{new}-{seen[new] + (new in clash)}"
    now = datetime.now(UTC).replace(tzinfo=None)
    con.register(
        "moves",
        pa.table({"old_id": list(moves), "new_id": list(moves.values())}),
    )
    con.execute("CREATE TEMP TABLE moved AS SELECT * FROM records WHERE record_id IN "
                "(SELECT old_id FROM moves)")  # fmt: skip
    con.execute("DELETE FROM records WHERE record_id IN (SELECT old_id FROM moves)")
    con.execute(
        "INSERT INTO records SELECT r.* REPLACE (m.new_id AS record_id) "
        "FROM moved r JOIN moves m ON r.record_id = m.old_id"
    )
    con.execute(
        "UPDATE record_person SET record_id = m.new_id FROM moves m WHERE record_id = m.old_id"
    )
    for column in ("record_a", "record_b"):
        con.execute(
            f"UPDATE review_pairs SET {column} = m.new_id FROM moves m WHERE {column} = m.old_id"
        )
    con.execute("INSERT INTO record_id_moves SELECT old_id, new_id, ?, false FROM moves", [now])
    con.execute("DROP TABLE moved")
    con.unregister("moves")
