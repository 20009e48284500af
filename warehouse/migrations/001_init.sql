-- The warehouse: what the spiders found (records, rejects, pages), what dedupe made of it
-- (persons and the record -> person link), and every run that wrote here.

CREATE TABLE runs (
    run_id          VARCHAR PRIMARY KEY,
    kind            VARCHAR NOT NULL,          -- crawl | load | dedupe | publish | pipeline
    source          VARCHAR,                   -- for crawl runs: the source name
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    status          VARCHAR NOT NULL,          -- running | ok | failed
    pages_parsed    INTEGER DEFAULT 0,
    pages_rejected  INTEGER DEFAULT 0,
    pages_failed    INTEGER DEFAULT 0,
    records         INTEGER DEFAULT 0,
    records_new     INTEGER DEFAULT 0,
    records_updated INTEGER DEFAULT 0,
    records_removed INTEGER DEFAULT 0,
    rejects         INTEGER DEFAULT 0,
    errors          INTEGER DEFAULT 0,
    seconds         DOUBLE,
    message         VARCHAR,
    detail          JSON
);

CREATE TABLE pages (
    run_id       VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,
    url          VARCHAR NOT NULL,
    status       VARCHAR NOT NULL,             -- parsed | rejected | failed
    reason       VARCHAR,
    http_status  INTEGER,
    n_records    INTEGER NOT NULL DEFAULT 0,
    n_rejects    INTEGER NOT NULL DEFAULT 0,
    sha256       VARCHAR,
    archive_ref  VARCHAR,
    fetched_at   TIMESTAMP,
    PRIMARY KEY (run_id, url)
);

CREATE TABLE records (
    record_id       VARCHAR PRIMARY KEY,       -- hash of the raw source values
    source          VARCHAR NOT NULL,
    spider          VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    archive_ref     VARCHAR,
    page_sha256     VARCHAR,
    name_raw        VARCHAR NOT NULL,
    full_name       VARCHAR NOT NULL,
    surname         VARCHAR,
    given_name      VARCHAR,
    patronymic      VARCHAR,
    gender          VARCHAR,
    birth_date      VARCHAR,                   -- ISO, possibly partial: YYYY, YYYY-MM, YYYY-MM-DD
    birth_date_raw  VARCHAR,
    death_date      VARCHAR,
    death_date_raw  VARCHAR,
    funeral_date    VARCHAR,
    funeral_date_raw VARCHAR,
    published_date  VARCHAR,
    age             INTEGER,
    age_raw         VARCHAR,
    settlement      VARCHAR,
    settlement_raw  VARCHAR,
    region          VARCHAR,                   -- region code (ISO 3166-2:RU style)
    region_raw      VARCHAR,
    unit            VARCHAR,
    unit_raw        VARCHAR,
    rank            VARCHAR,
    rank_raw        VARCHAR,
    category        VARCHAR,
    category_raw    VARCHAR,
    context         VARCHAR,                   -- the text the values were read from
    spans           JSON,                      -- field -> [start, end] into context
    content_hash    VARCHAR NOT NULL,
    fetched_at      TIMESTAMP NOT NULL,
    first_seen      TIMESTAMP NOT NULL,
    last_seen       TIMESTAMP NOT NULL,
    removed_at      TIMESTAMP,
    first_run       VARCHAR NOT NULL,
    last_run        VARCHAR NOT NULL
);

CREATE TABLE rejects (
    reject_id   VARCHAR PRIMARY KEY,           -- hash of source, url, reason and raw values
    run_id      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    url         VARCHAR NOT NULL,
    scope       VARCHAR NOT NULL,              -- page | record | field (field cleared, record kept)
    reason      VARCHAR NOT NULL,
    field       VARCHAR,
    raw         JSON,
    fetched_at  TIMESTAMP,
    first_seen  TIMESTAMP NOT NULL,
    last_seen   TIMESTAMP NOT NULL
);

CREATE TABLE persons (
    person_id      VARCHAR PRIMARY KEY,        -- minted once, kept across runs
    full_name      VARCHAR NOT NULL,
    surname        VARCHAR,
    given_name     VARCHAR,
    patronymic     VARCHAR,
    birth_date     VARCHAR,
    death_date     VARCHAR,
    age            INTEGER,
    region         VARCHAR,
    settlement     VARCHAR,
    unit           VARCHAR,
    rank           VARCHAR,
    category       VARCHAR,
    n_records      INTEGER NOT NULL,
    n_sources      INTEGER NOT NULL,
    first_reported VARCHAR,                    -- earliest publication or fetch date among its records
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

CREATE TABLE record_person (
    record_id   VARCHAR PRIMARY KEY,
    person_id   VARCHAR NOT NULL,
    run_id      VARCHAR NOT NULL
);

CREATE TABLE review_pairs (
    record_a    VARCHAR NOT NULL,
    record_b    VARCHAR NOT NULL,
    score       DOUBLE NOT NULL,
    reasons     VARCHAR,
    run_id      VARCHAR NOT NULL,
    PRIMARY KEY (record_a, record_b)
);
