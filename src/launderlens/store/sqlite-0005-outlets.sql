-- Version 5 (SQLite): outlets as records, and the infrastructure indicators of each article.
--
-- An outlet is keyed by its domain (or "name:" and its case-folded name when articles came
-- without a URL). Ingest fills name, language, first and last publication seen and the
-- article count; affiliation and the public source that states it come from the knowledge
-- base or an import. outlet_indicators keeps the few values each article's page revealed
-- (analytics ids, template hash, feeds...), never the page; (kind, value) is indexed
-- because the network stage asks "which outlets share this value".

CREATE TABLE outlets (
    key TEXT PRIMARY KEY,
    name TEXT,
    language TEXT,
    first_seen TEXT,
    last_seen TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    affiliation TEXT,
    affiliation_source TEXT
);

CREATE TABLE outlet_domains (
    outlet_key TEXT NOT NULL REFERENCES outlets (key) ON DELETE CASCADE,
    domain TEXT NOT NULL,
    PRIMARY KEY (outlet_key, domain)
) WITHOUT ROWID;

CREATE TABLE outlet_indicators (
    article_id TEXT NOT NULL,
    outlet_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (article_id, kind, value)
) WITHOUT ROWID;

CREATE INDEX outlet_indicators_value ON outlet_indicators (kind, value);
CREATE INDEX outlet_indicators_outlet ON outlet_indicators (outlet_key);

-- Outlets of the articles stored before this version (their indicators were not kept).
INSERT INTO outlets (key, name, language, first_seen, last_seen, articles)
SELECT COALESCE(domain, 'name:' || outlet_key), max(outlet), max(language),
       min(published), max(published), count(*)
FROM articles WHERE domain IS NOT NULL OR outlet_key IS NOT NULL
GROUP BY COALESCE(domain, 'name:' || outlet_key);

INSERT INTO outlet_domains (outlet_key, domain)
SELECT DISTINCT domain, domain FROM articles WHERE domain IS NOT NULL;
