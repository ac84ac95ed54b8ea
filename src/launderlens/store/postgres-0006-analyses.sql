-- Version 6 (PostgreSQL): stored analyses and their findings, and a full-text index of articles.
--
-- An analysis is kept per article and per parameters key: a hash of what produced it
-- (launderlens version, knowledge-base version, claim scorer, narrative matching and the
-- catalogue revision it searched, technique model). A caller whose parameters give another
-- key finds nothing and analyses again, so a stale analysis is never read. ``payload`` is
-- the analysis as JSON; ``params`` the parameters themselves, for a person to read.
-- findings repeats each finding of an analysis as a row, indexed for the inbox filters
-- (kind, article); ``data`` is the whole finding as JSON, evidence included.

CREATE TABLE analyses (
    article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    params_key text NOT NULL,
    params text NOT NULL,
    created_at text NOT NULL,
    payload text NOT NULL,
    PRIMARY KEY (article_id, params_key)
);

CREATE INDEX analyses_key ON analyses (params_key);

CREATE TABLE findings (
    article_id text COLLATE "C" NOT NULL,
    params_key text NOT NULL,
    position integer NOT NULL,
    kind text NOT NULL,
    severity text NOT NULL,
    sentence integer,
    char_start integer,
    char_end integer,
    confidence double precision NOT NULL,
    technique text,
    residue text,
    message text NOT NULL,
    data text NOT NULL,
    PRIMARY KEY (article_id, params_key, position),
    FOREIGN KEY (article_id, params_key) REFERENCES analyses (article_id, params_key)
        ON DELETE CASCADE
);

CREATE INDEX findings_kind ON findings (kind, params_key, article_id);

-- Article search words: a GIN index over the 'simple' text-search configuration (words
-- not stemmed, so that every language is searched alike and the SQLite store's FTS5 index
-- finds the same articles). The text is lowered with the ICU root collation first: the
-- parser lowers only ASCII under a "C" database locale. Only the first 100,000 characters
-- of a text are indexed: a tsvector holds at most 1 MB, and a longer hostile text must not
-- make its article impossible to store. Queries repeat this expression to use the index.
CREATE INDEX articles_search ON articles USING gin (
    to_tsvector('simple'::regconfig,
                lower((coalesce(title, '') || ' ' || left(text, 100000)) COLLATE "und-x-icu"))
);
