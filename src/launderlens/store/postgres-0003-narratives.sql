-- Version 3 (PostgreSQL): the catalogue of known narratives and fact-checks.
--
-- A row keeps one record as JSON (``data``) keyed by the record's own id, so importing the
-- same id again updates it. ``revision`` grows with every insert or change (the largest
-- value in the table plus one), which lets a search index catch up with only the rows
-- written since it was built. ``content_hash`` tells a changed record from one imported
-- again unchanged.

CREATE TABLE narratives (
    id text COLLATE "C" PRIMARY KEY,
    claim text NOT NULL,
    origin text,
    language text,
    data text NOT NULL,
    content_hash text NOT NULL,
    revision bigint NOT NULL,
    imported_at text NOT NULL
);

CREATE INDEX narratives_revision ON narratives (revision);
CREATE INDEX narratives_origin ON narratives (origin);
