-- Validation runs as durable jobs (io.aeroshift.jobs.ValidationRunService): one row per run, the
-- run as JSON (spec, state, attempts, typed failure), so a run started in the background survives
-- a restart of the service. The report is in validation_run / validation_partition_result (V30)
-- under the same run id. Portable types only (H2 2.x and PostgreSQL 13+), like V1.

CREATE TABLE validation_job (
    run_id          VARCHAR(64)   NOT NULL,
    source_cluster  VARCHAR(63)   NOT NULL,
    source_team     VARCHAR(63)   NOT NULL,
    namespace_name  VARCHAR(63)   NOT NULL,
    -- RUNNING, FINISHED, FAILED or STOPPED
    state           VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version     BIGINT        NOT NULL,
    job_json        TEXT          NOT NULL,
    CONSTRAINT pk_validation_job PRIMARY KEY (run_id)
);

CREATE INDEX ix_validation_job_state ON validation_job (state, created_at);
