-- Plans submitted through POST /api/v1/plans (issue 4). Plans in migration-plans/ are files and are
-- not stored here. The YAML is kept exactly as submitted and is the single source of truth: the
-- service re-parses it with PlanLoader on every read. Portable types only (H2 2.x and PostgreSQL 13+).

CREATE TABLE submitted_plan (
    name          VARCHAR(63)   NOT NULL,
    team          VARCHAR(63)   NOT NULL,
    plan_yaml     TEXT          NOT NULL,
    submitted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_by  VARCHAR(255)  NOT NULL,
    CONSTRAINT pk_submitted_plan PRIMARY KEY (name)
);

CREATE INDEX ix_submitted_plan_team ON submitted_plan (team);
