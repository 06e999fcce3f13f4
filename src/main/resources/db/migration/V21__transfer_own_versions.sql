-- Copy engine: the post-switch generation memory (docs/copy.md, "Safe writes").
-- After clients are switched to the target, a copy write applies to a record last updated after
-- the switch only if it is still exactly the version the engine wrote: the generation the server
-- returned for that write, kept here so a restarted service still recognises its own writes.
-- Written in the same transaction as the transfer_checkpoint row that covers those writes.
-- One row per record the engine wrote after the switch (a later write replaces it, a delete by
-- the engine removes it). Portable SQL for H2 2.x and PostgreSQL 13+.

CREATE TABLE transfer_own_version (
    migration_id   VARCHAR(128) NOT NULL,
    -- the switch the write was made under, nanoseconds since 1970 (rounded to the millisecond)
    switch_nanos   BIGINT       NOT NULL,
    namespace_name VARCHAR(63)  NOT NULL,
    partition_id   INTEGER      NOT NULL,
    -- hex of the record's 20-byte digest
    digest         VARCHAR(40)  NOT NULL,
    -- what the server returned for our write (16 bits, never 0)
    generation     INTEGER      NOT NULL,
    CONSTRAINT pk_transfer_own_version
        PRIMARY KEY (migration_id, switch_nanos, namespace_name, partition_id, digest),
    CONSTRAINT ck_transfer_own_version_partition CHECK (partition_id >= 0 AND partition_id < 4096),
    CONSTRAINT ck_transfer_own_version_generation CHECK (generation > 0 AND generation < 65536)
);
