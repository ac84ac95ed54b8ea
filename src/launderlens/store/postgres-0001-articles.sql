-- Version 1 (PostgreSQL): articles, the spans of their sentences, and rejected input items.
--
-- Ids are compared with the "C" collation so that their order (and id-prefix ranges) is
-- byte order, the same as in SQLite, whatever the database's locale.
-- Every statement ends with a semicolon at the end of its line; the loader splits there.

CREATE TABLE articles (
    id text COLLATE "C" PRIMARY KEY,
    url text,
    outlet text,
    outlet_key text,            -- casefolded outlet, for case-insensitive lookups
    domain text,
    section text,
    title text,
    byline text,
    published timestamptz,      -- the instant, or NULL when unknown
    published_offset integer,   -- the UTC offset it was given, in seconds
    language text,
    text text NOT NULL,
    source_format text NOT NULL,
    meta jsonb NOT NULL DEFAULT '{}',
    ingested_at timestamptz NOT NULL
);

CREATE INDEX articles_outlet_key ON articles (outlet_key);
CREATE INDEX articles_domain ON articles (domain);
CREATE INDEX articles_published ON articles (published DESC NULLS LAST, id);

-- Only spans: the sentence text is article.text[char_start:char_end], sliced on load.
CREATE TABLE sentences (
    article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx integer NOT NULL,
    char_start integer NOT NULL,
    char_end integer NOT NULL,
    PRIMARY KEY (article_id, idx),
    CHECK (char_start >= 0 AND char_end >= char_start)
);

CREATE TABLE rejections (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item text NOT NULL,
    reason text NOT NULL,
    at timestamptz NOT NULL
);

CREATE INDEX rejections_at ON rejections (at);
