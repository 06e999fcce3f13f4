-- Copy runs started through the API (io.aeroshift.workflow): one row per run, the run itself as
-- JSON (spec, state, steps done), plus the columns listings filter on. Progress within a pass is
-- not here: it is in transfer_checkpoint (migration_id = run_id), which a resumed run continues from.
-- Portable types only (H2 2.x and PostgreSQL 13+), like V1.

CREATE TABLE copy_run (
    run_id          VARCHAR(64)   NOT NULL,
    source_cluster  VARCHAR(63)   NOT NULL,
    source_team     VARCHAR(63)   NOT NULL,
    namespace_name  VARCHAR(63)   NOT NULL,
    -- SCAN_COPY or BACKUP_RESTORE
    mode            VARCHAR(16)   NOT NULL,
    -- QUEUED, RUNNING, SUCCEEDED, FAILED or STOPPED
    state           VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    run_json        TEXT          NOT NULL,
    CONSTRAINT pk_copy_run PRIMARY KEY (run_id)
);

CREATE INDEX ix_copy_run_state ON copy_run (state);
CREATE INDEX ix_copy_run_source ON copy_run (source_cluster, created_at);
