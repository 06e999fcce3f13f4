-- The job runner (io.aeroshift.jobs): at most one active run of a kind per target namespace,
-- enforced by this primary key. A row is inserted in the transaction that saves a run active and
-- deleted in the one that saves it final. Copy runs get a version for optimistic concurrency.
-- Portable types only (H2 2.x and PostgreSQL 13+), like V1.

CREATE TABLE run_lock (
    target_name     VARCHAR(1024) NOT NULL,
    namespace_name  VARCHAR(63)   NOT NULL,
    -- COPY or VALIDATION (io.aeroshift.jobs.JobKind)
    kind            VARCHAR(16)   NOT NULL,
    run_id          VARCHAR(64)   NOT NULL,
    acquired_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_run_lock PRIMARY KEY (target_name, namespace_name, kind)
);

CREATE INDEX ix_run_lock_run ON run_lock (run_id);

-- rows stored before this migration are version 1 (version 0 means "never stored")
ALTER TABLE copy_run ADD COLUMN row_version BIGINT DEFAULT 1 NOT NULL;
