-- Run leases (io.aeroshift.jobs.RunLeases): the service replica that runs an active copy or
-- validation run holds its lease and renews it while the run works there; another replica on the
-- same state store takes the run over only once the lease has run out. NULL = nobody holds it
-- (final runs, and runs stored before this migration: taken by the first replica that looks).
-- Portable types only (H2 2.x and PostgreSQL 13+), like V1.

ALTER TABLE copy_run ADD COLUMN lease_owner VARCHAR(128);
ALTER TABLE copy_run ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE validation_job ADD COLUMN lease_owner VARCHAR(128);
ALTER TABLE validation_job ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
