-- Where the event relay (io.aeroshift.events.OutboxRelay) stands in event_outbox: every seq at or
-- below released_seq was published or settled as rolled back. Kept so a restart resumes the broker
-- and the audit trail where they stopped (at least once: the events of the last pass may repeat).
-- Portable types only (H2 2.x and PostgreSQL 13+).

CREATE TABLE event_relay (
    relay_name      VARCHAR(63)   NOT NULL,
    released_seq    BIGINT        NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_event_relay PRIMARY KEY (relay_name)
);
