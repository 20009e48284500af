-- Nothing lost: identical entries kept apart (duplicate_of), redirects on the page rows, the
-- process that owns a run (a run left «running» by a dead process is marked killed), and the
-- record ids that moved when ids stopped depending on the site's scheme, host and port.
ALTER TABLE records ADD COLUMN duplicate_of VARCHAR;
ALTER TABLE pages ADD COLUMN redirected_to VARCHAR;
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN host VARCHAR;
CREATE TABLE record_id_moves (
    old_id     VARCHAR PRIMARY KEY,
    new_id     VARCHAR NOT NULL,
    moved_at   TIMESTAMP NOT NULL,
    reviewed   BOOLEAN NOT NULL DEFAULT false  -- the review database's decisions follow it
);
