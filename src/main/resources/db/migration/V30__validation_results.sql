-- Validation results (issue 7): one row per run, one row per partition check (re-checks add rows).
-- Portable types only (H2 2.x and PostgreSQL 13+), like V1.

CREATE TABLE validation_run (
    run_id          VARCHAR(64)   NOT NULL,
    -- what was compared: a migration id, or "source->target/namespace" for a one-off run
    scope           VARCHAR(1024) NOT NULL,
    namespace_name  VARCHAR(63)   NOT NULL,
    suite           VARCHAR(128)  NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    cutoff          TIMESTAMP WITH TIME ZONE NOT NULL,
    sample_rate     DOUBLE PRECISION NOT NULL,
    compare_bins    BOOLEAN       NOT NULL,
    final_evidence  BOOLEAN       NOT NULL,
    failure         VARCHAR(4000),
    exit_code       INTEGER       NOT NULL,
    -- the count check's findings, JSON array
    counts_json     TEXT          NOT NULL,
    CONSTRAINT pk_validation_run PRIMARY KEY (run_id)
);

CREATE INDEX ix_validation_run_scope ON validation_run (scope, finished_at);

CREATE TABLE validation_partition_result (
    run_id          VARCHAR(64)   NOT NULL,
    scope           VARCHAR(1024) NOT NULL,
    partition_id    INTEGER       NOT NULL,
    attempt         INTEGER       NOT NULL,
    -- MATCH, MISMATCH, PENDING_RECHECK or UNVALIDATED
    status          VARCHAR(16)   NOT NULL,
    reason          VARCHAR(4000),
    checked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    missing         BIGINT        NOT NULL,
    extra           BIGINT        NOT NULL,
    differing       BIGINT        NOT NULL,
    -- the whole PartitionResult (checksums, capped findings, left-out counts), JSON
    result_json     TEXT          NOT NULL,
    CONSTRAINT pk_validation_partition_result PRIMARY KEY (run_id, partition_id, attempt)
);

CREATE INDEX ix_validation_partition_scope ON validation_partition_result (scope, partition_id, checked_at);
