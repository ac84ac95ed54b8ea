-- Version 6 (SQLite): stored analyses and their findings, and a full-text index of articles.
--
-- An analysis is kept per article and per parameters key: a hash of what produced it
-- (launderlens version, knowledge-base version, claim scorer, narrative matching and the
-- catalogue revision it searched, technique model). A caller whose parameters give another
-- key finds nothing and analyses again, so a stale analysis is never read. ``payload`` is
-- the analysis as JSON; ``params`` the parameters themselves, for a person to read.
-- findings repeats each finding of an analysis as a row, indexed for the inbox filters
-- (kind, article); ``data`` is the whole finding as JSON, evidence included.

CREATE TABLE analyses (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    params_key TEXT NOT NULL,
    params TEXT NOT NULL,
    created_at TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (article_id, params_key)
);

CREATE INDEX analyses_key ON analyses (params_key);

CREATE TABLE findings (
    article_id TEXT NOT NULL,
    params_key TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    sentence INTEGER,
    char_start INTEGER,
    char_end INTEGER,
    confidence REAL NOT NULL,
    technique TEXT,
    residue TEXT,
    message TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, params_key, position),
    FOREIGN KEY (article_id, params_key) REFERENCES analyses (article_id, params_key)
        ON DELETE CASCADE
);

CREATE INDEX findings_kind ON findings (kind, params_key, article_id);

-- Article search words: an FTS5 index without a copy of the text (contentless). Its rows
-- are numbered by article_search_ids, whose INTEGER PRIMARY KEY a VACUUM keeps (the
-- articles table's implicit rowid it may renumber). Only the first 100,000 characters of
-- a text are indexed, as in the PostgreSQL index; the tokenizer keeps diacritics, as
-- PostgreSQL's 'simple' configuration does.
CREATE TABLE article_search_ids (
    doc INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE article_search USING fts5 (
    title, body, content = '', tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO article_search_ids (article_id) SELECT id FROM articles ORDER BY id;

INSERT INTO article_search (rowid, title, body)
SELECT s.doc, a.title, substr(a.text, 1, 100000)
FROM article_search_ids s JOIN articles a ON a.id = s.article_id;

-- Trigger bodies stay on one line: the loader ends a statement at a semicolon that ends a line.
CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN INSERT INTO article_search_ids (article_id) VALUES (new.id); INSERT INTO article_search (rowid, title, body) SELECT doc, new.title, substr(new.text, 1, 100000) FROM article_search_ids WHERE article_id = new.id; END;

CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN INSERT INTO article_search (article_search, rowid, title, body) SELECT 'delete', doc, old.title, substr(old.text, 1, 100000) FROM article_search_ids WHERE article_id = old.id; DELETE FROM article_search_ids WHERE article_id = old.id; END;
