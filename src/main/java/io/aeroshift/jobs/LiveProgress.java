package io.aeroshift.jobs;

import io.aeroshift.transfer.CopyProgress;

/**
 * What a running copy run is doing now.
 *
 * @param stage the running step
 * @param progress its live progress (a RESTORE step has no partitions: records against the
 *     backup's record count)
 * @param recordsPerSecondLimit the rate limit in force, as the running step's limiter holds it; 0 = unlimited
 * @param bytesPerSecondLimit the byte rate limit in force, 0 = unlimited
 */
public record LiveProgress(CopyStage stage, CopyProgress progress, long recordsPerSecondLimit, long bytesPerSecondLimit) {}
