package io.aeroshift.jobs;

/**
 * How far a job is, in figures common to every kind.
 *
 * @param step the running (or last) step: a copy stage (FULL, CATCH_UP, ...) or CHECKSUMS for a validation
 * @param records records handled in the step (0 for a validation)
 * @param partitionsDone partitions finished in the step
 * @param partitionsTotal partitions of the step (4096 per namespace; 0 for a restore, which works by file)
 * @param fractionDone 0..1 of the step
 */
public record JobProgress(String step, long records, long partitionsDone, long partitionsTotal, double fractionDone) {}
