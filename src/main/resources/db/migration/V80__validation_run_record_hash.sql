-- The record hash a validation run summed into its partition checksums (xxh3-128 or sha-256).
-- Null for runs stored before the hash was recorded (they used sha-256) and for count-only runs.
ALTER TABLE validation_run ADD COLUMN record_hash VARCHAR(16);
