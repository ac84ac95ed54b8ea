-- Version 2 (SQLite): cached sentence embeddings, and the stories of the last clustering.
--
-- An embedding is keyed by the model that made it and a hash of the sentence text, so a
-- sentence that many copies repeat is embedded once. Vectors are float32, little-endian.
-- A story row keeps the whole story as JSON; story_members answers "which story holds this
-- article". Clustering replaces every story at once (see Store.replace_stories).

CREATE TABLE embeddings (
    model TEXT NOT NULL,
    text_key TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, text_key)
) WITHOUT ROWID;

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    first_published TEXT,
    data TEXT NOT NULL,
    params TEXT NOT NULL,
    clustered_at TEXT NOT NULL
);

CREATE TABLE story_members (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, position)
) WITHOUT ROWID;

CREATE INDEX story_members_article ON story_members (article_id);
