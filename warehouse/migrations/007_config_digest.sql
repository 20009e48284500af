-- A page row says which version of its source's config read it (the SHA-256 of the file and its
-- window): a crawl after the config changed re-reads the archived copy instead of skipping it
-- as unchanged, without fetching it again.
ALTER TABLE pages ADD COLUMN config_digest VARCHAR;
