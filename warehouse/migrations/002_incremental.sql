-- Incremental crawls: what a page answered last time, so the next crawl can ask "changed?",
-- recognise an unchanged page, and keep its records seen without re-reading them.
ALTER TABLE pages ADD COLUMN unchanged BOOLEAN DEFAULT false;
ALTER TABLE pages ADD COLUMN etag VARCHAR;
ALTER TABLE pages ADD COLUMN last_modified VARCHAR;
ALTER TABLE pages ADD COLUMN n_links INTEGER DEFAULT 0;
ALTER TABLE pages ADD COLUMN charset VARCHAR;
