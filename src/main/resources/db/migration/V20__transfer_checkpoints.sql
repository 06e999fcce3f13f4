-- Copy engine (issue 5): passes and per-partition checkpoints of io.aeroshift.transfer.
-- Portable SQL for H2 2.x and PostgreSQL 13+ (same types as V1, no vendor functions).
-- One row per work unit (migration, pass, partition): a replica can later lease rows with
-- SELECT ... FOR UPDATE SKIP LOCKED on transfer_checkpoint using the lease_* columns.

CREATE TABLE transfer_pass (
    migration_id   VARCHAR(128) NOT NULL,
    pass_number    INTEGER      NOT NULL,
    -- FULL, CATCH_UP or RECONCILE
    kind           VARCHAR(16)  NOT NULL,
    namespace_name VARCHAR(63)  NOT NULL,
    set_name       VARCHAR(63),
    -- catch-up lower bound on last-update time, nanoseconds since 1970; 0 = none
    since_nanos    BIGINT       NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_transfer_pass PRIMARY KEY (migration_id, pass_number)
);

CREATE TABLE transfer_checkpoint (
    migration_id    VARCHAR(128)  NOT NULL,
    pass_number     INTEGER       NOT NULL,
    partition_id    INTEGER       NOT NULL,
    -- PENDING, IN_PROGRESS, DONE or FAILED
    state           VARCHAR(16)   NOT NULL,
    -- hex digest of the last record fully handled in the partition, NULL = from the start
    cursor_digest   VARCHAR(40),
    records         BIGINT        NOT NULL,
    bytes           BIGINT        NOT NULL,
    skipped_expired BIGINT        NOT NULL,
    conflicts       BIGINT        NOT NULL,
    deleted         BIGINT        NOT NULL,
    in_doubt        BIGINT        NOT NULL,
    failure         VARCHAR(2000),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- reserved for leasing work units across replicas
    lease_owner     VARCHAR(128),
    lease_until     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_transfer_checkpoint PRIMARY KEY (migration_id, pass_number, partition_id),
    CONSTRAINT ck_transfer_checkpoint_partition CHECK (partition_id >= 0 AND partition_id < 4096)
);

CREATE INDEX ix_transfer_checkpoint_state ON transfer_checkpoint (migration_id, pass_number, state);
