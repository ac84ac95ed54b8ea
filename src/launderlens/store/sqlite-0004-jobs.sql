-- Version 4 (SQLite): the web app's background jobs, so that a restart keeps them.
--
-- A row is one job: what it is (``label``), where it stands (``state``: queued, running,
-- done or failed), its result as JSON when done or its error message when failed, and when
-- it was created and last changed (ISO 8601 UTC text, which sorts in time order).

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    result TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX jobs_state ON jobs (state);
CREATE INDEX jobs_updated ON jobs (updated_at);
