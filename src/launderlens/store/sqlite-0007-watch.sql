-- Version 7 (SQLite): what `watch` keeps between polls, and the alerts it raised.
--
-- watch_sources: one row per polled URL (a feed, a sitemap or a page): the validators of
-- its last answer (ETag, Last-Modified) for a conditional GET, when it was polled, how the
-- poll went, and how many polls in a row failed.
-- watch_seen: the item URLs (feed entries, sitemap locations) a source has listed, so a
-- page is fetched and ingested once.
-- watch_state: small named values a cycle compares with the next one (the outlet networks).
-- alerts: what a cycle found: kind (new_copy, known_narrative, network_join), the article
-- and story it concerns, what it matched (subject), a message for a person and the whole
-- alert as JSON. The id is a hash of kind, article and subject, so a repeat is one row.

CREATE TABLE watch_sources (
    url TEXT PRIMARY KEY,
    kind TEXT,
    etag TEXT,
    last_modified TEXT,
    polled_at TEXT,
    status TEXT,
    error TEXT,
    failures INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE watch_seen (
    source_url TEXT NOT NULL,
    item_url TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (source_url, item_url)
);

CREATE TABLE watch_state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('new_copy', 'known_narrative', 'network_join')),
    article_id TEXT,
    story_id TEXT,
    subject TEXT,
    message TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX alerts_created ON alerts (created_at);
CREATE INDEX alerts_kind ON alerts (kind, created_at);
