-- Version 1 (SQLite): articles, the spans of their sentences, and rejected input items.
--
-- Times are UTC instants written as 'YYYY-MM-DDTHH:MM:SS.ffffffZ': one fixed width, so
-- comparing the text compares the times and the published index serves range filters.
-- Every statement ends with a semicolon at the end of its line; the loader splits there.

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    url TEXT,
    outlet TEXT,
    outlet_key TEXT,            -- casefolded outlet, for case-insensitive lookups
    domain TEXT,
    section TEXT,
    title TEXT,
    byline TEXT,
    published TEXT,             -- the UTC instant, or NULL when unknown
    published_offset INTEGER,   -- the UTC offset it was given, in seconds
    language TEXT,
    text TEXT NOT NULL,
    source_format TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    ingested_at TEXT NOT NULL
);

CREATE INDEX articles_outlet_key ON articles (outlet_key);
CREATE INDEX articles_domain ON articles (domain);
CREATE INDEX articles_published ON articles (published);

-- Only spans: the sentence text is article.text[char_start:char_end], sliced on load.
CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx),
    CHECK (char_start >= 0 AND char_end >= char_start)
) WITHOUT ROWID;

CREATE TABLE rejections (
    id INTEGER PRIMARY KEY,
    item TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE INDEX rejections_at ON rejections (at);
