-- Foundation schema (issue 3): source-cluster inventory and discovery snapshots.
-- Written to run unchanged on H2 2.x and PostgreSQL 13+: portable types only
-- (VARCHAR, TEXT, BIGINT, INTEGER, BOOLEAN, TIMESTAMP WITH TIME ZONE), no vendor functions.
-- Versions V1..V19 belong to the foundation; other packages start at V20.

CREATE TABLE source_cluster (
    name             VARCHAR(63)   NOT NULL,
    team             VARCHAR(63)   NOT NULL,
    -- JSON array of "host:port" strings
    seeds_json       VARCHAR(4000) NOT NULL,
    -- JSON object or NULL: {"enabled":true,"name":"tls-name"}
    tls_json         VARCHAR(4000),
    -- JSON credentials REFERENCE or NULL: never a clear password (see docs/api.md)
    credentials_json VARCHAR(4000),
    -- JSON object of string labels
    labels_json      VARCHAR(4000) NOT NULL,
    -- API, INVENTORY or DEMO: where the entry came from
    origin           VARCHAR(16)   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version      BIGINT        NOT NULL,
    CONSTRAINT pk_source_cluster PRIMARY KEY (name)
);

CREATE INDEX ix_source_cluster_team ON source_cluster (team);

-- One row per discovery run. Rows are never updated: a new run is a new version.
CREATE TABLE discovery_snapshot (
    cluster_name  VARCHAR(63) NOT NULL,
    version       INTEGER     NOT NULL,
    taken_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    partial       BOOLEAN     NOT NULL,
    snapshot_json TEXT        NOT NULL,
    CONSTRAINT pk_discovery_snapshot PRIMARY KEY (cluster_name, version)
);
