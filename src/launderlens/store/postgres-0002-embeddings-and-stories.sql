-- Version 2 (PostgreSQL): cached sentence embeddings, and the stories of the last clustering.
--
-- An embedding is keyed by the model that made it and a hash of the sentence text, so a
-- sentence that many copies repeat is embedded once. Vectors are float32, little-endian.
-- A story row keeps the whole story as JSON; story_members answers "which story holds this
-- article". Clustering replaces every story at once (see Store.replace_stories).

CREATE TABLE embeddings (
    model text NOT NULL,
    text_key text COLLATE "C" NOT NULL,
    vector bytea NOT NULL,
    PRIMARY KEY (model, text_key)
);

CREATE TABLE stories (
    id text COLLATE "C" PRIMARY KEY,
    size integer NOT NULL,
    first_published text,
    data text NOT NULL,
    params text NOT NULL,
    clustered_at text NOT NULL
);

CREATE TABLE story_members (
    story_id text COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id text COLLATE "C" NOT NULL,
    position integer NOT NULL,
    PRIMARY KEY (story_id, position)
);

CREATE INDEX story_members_article ON story_members (article_id);
