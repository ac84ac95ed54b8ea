-- Version 4 (PostgreSQL): the web app's background jobs, so that a restart keeps them.
--
-- A row is one job: what it is (``label``), where it stands (``state``: queued, running,
-- done or failed), its result as JSON when done or its error message when failed, and when
-- it was created and last changed (ISO 8601 UTC text, which sorts in time order).

CREATE TABLE jobs (
    id text COLLATE "C" PRIMARY KEY,
    label text NOT NULL,
    state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    result text,
    error text,
    created_at text NOT NULL,
    updated_at text NOT NULL
);

CREATE INDEX jobs_state ON jobs (state);
CREATE INDEX jobs_updated ON jobs (updated_at);
