"""Snapshots an analyst can compare, and archived copies a reader can cite.

- `records.warc_record_id`: the WARC-Record-ID of the record's archived copy. Records loaded
  before get theirs from the archive where their (absolute) `archive_ref` still finds it.
- `snapshots`, `changes`: every snapshot published and, per snapshot, each man added, changed
  (which fields), removed, or merged into another. The published file carries them all, so an
  analyst filters by snapshot.
- `snapshot_persons`, `snapshot_links`: each man's values and the record → person links as the
  last snapshot published them; the next snapshot is compared with these (values, never
  timestamps)."""

from __future__ import annotations

import duckdb

SQL = """
ALTER TABLE records ADD COLUMN warc_record_id VARCHAR;

CREATE TABLE snapshots (
    snapshot_id     VARCHAR PRIMARY KEY,       -- published_at as 20260130T100000.123456Z
    published_at    TIMESTAMP NOT NULL,
    previous_id     VARCHAR,
    persons         INTEGER NOT NULL,
    records         INTEGER NOT NULL,
    added           INTEGER NOT NULL DEFAULT 0,
    changed         INTEGER NOT NULL DEFAULT 0,
    removed         INTEGER NOT NULL DEFAULT 0,
    merged          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE changes (
    snapshot_id     VARCHAR NOT NULL,
    person_id       VARCHAR NOT NULL,
    change          VARCHAR NOT NULL,          -- added | changed | removed | merged
    fields          VARCHAR[],                 -- changed: the fields, records, records_removed
    merged_into     VARCHAR,                   -- merged: the man who has his records now
    PRIMARY KEY (snapshot_id, person_id)
);

CREATE TABLE snapshot_persons (
    person_id       VARCHAR PRIMARY KEY,
    full_name       VARCHAR,
    surname         VARCHAR,
    given_name      VARCHAR,
    patronymic      VARCHAR,
    birth_date      VARCHAR,
    death_date      VARCHAR,
    age             INTEGER,
    region          VARCHAR,
    settlement      VARCHAR,
    unit            VARCHAR,
    rank            VARCHAR,
    category        VARCHAR,
    n_records       INTEGER,
    n_sources       INTEGER,
    first_reported  VARCHAR,
    first_published VARCHAR NOT NULL,
    last_changed    VARCHAR NOT NULL
);

CREATE TABLE snapshot_links (
    record_id       VARCHAR PRIMARY KEY,
    person_id       VARCHAR NOT NULL,
    removed         BOOLEAN NOT NULL           -- its page no longer showed it
);
"""


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    from warehouse.evidence import fill_warc_record_ids

    con.execute(SQL)
    fill_warc_record_ids(con)
