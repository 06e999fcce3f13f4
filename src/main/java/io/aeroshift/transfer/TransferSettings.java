package io.aeroshift.transfer;

import java.time.Duration;

/**
 * Tuning of one copy. Immutable; change = new record via the {@code with...} methods.
 *
 * @param scansPerNode partition scans in flight per source node
 * @param maxScans partition scans in flight in total (the number of worker threads)
 * @param writeConcurrency target writes in flight in total
 * @param recordsPerSecond initial client-side limit, 0 = unlimited (changeable while running)
 * @param bytesPerSecond initial client-side limit, 0 = unlimited (changeable while running)
 * @param skewMargin subtracted from the previous pass's start in a catch-up filter, to cover
 *     clock differences between the service and the source nodes
 * @param checkpointEvery records between two cursor checkpoints inside a partition
 * @param socketTimeout per-socket timeout of scans and writes
 * @param totalTimeout total timeout of one write (scans have none: a partition may be large)
 * @param retry retries of failed scans and writes
 * @param writeBatch records per batch write before the switch (1 = single puts); after the
 *     switch writes are always single, conditional ones
 * @param unreachableDeadline how long a pass goes on while the source or the target has no
 *     connected node; past it the pass ends with SOURCE_UNREACHABLE or TARGET_UNREACHABLE instead
 *     of retrying partition after partition for ever
 */
public record TransferSettings(
    int scansPerNode,
    int maxScans,
    int writeConcurrency,
    long recordsPerSecond,
    long bytesPerSecond,
    Duration skewMargin,
    int checkpointEvery,
    Duration socketTimeout,
    Duration totalTimeout,
    RetryPolicy retry,
    int writeBatch,
    Duration unreachableDeadline) {

  public TransferSettings {
    positive("writeBatch", writeBatch);
    positive("scansPerNode", scansPerNode);
    positive("maxScans", maxScans);
    positive("writeConcurrency", writeConcurrency);
    positive("checkpointEvery", checkpointEvery);
    if (recordsPerSecond < 0 || bytesPerSecond < 0) {
      throw new IllegalArgumentException("rate limits must be >= 0 (0 = unlimited)");
    }
    if (unreachableDeadline == null || unreachableDeadline.isNegative() || unreachableDeadline.isZero()) {
      throw new IllegalArgumentException("unreachableDeadline must be positive");
    }
    if (skewMargin.isNegative()) {
      throw new IllegalArgumentException("skewMargin must not be negative");
    }
  }

  /** Sensible defaults for a 2-4 core service host. */
  public static TransferSettings defaults() {
    return new TransferSettings(
        4, 16, 16, 0, 0, Duration.ofSeconds(30), 500, Duration.ofSeconds(30),
        Duration.ofSeconds(10), RetryPolicy.defaults(), 100, Duration.ofSeconds(60));
  }

  public TransferSettings withRecordsPerSecond(long value) {
    return new TransferSettings(scansPerNode, maxScans, writeConcurrency, value, bytesPerSecond,
        skewMargin, checkpointEvery, socketTimeout, totalTimeout, retry, writeBatch, unreachableDeadline);
  }

  public TransferSettings withBytesPerSecond(long value) {
    return new TransferSettings(scansPerNode, maxScans, writeConcurrency, recordsPerSecond, value,
        skewMargin, checkpointEvery, socketTimeout, totalTimeout, retry, writeBatch, unreachableDeadline);
  }

  public TransferSettings withConcurrency(int scansPerNode, int maxScans, int writeConcurrency) {
    return new TransferSettings(scansPerNode, maxScans, writeConcurrency, recordsPerSecond,
        bytesPerSecond, skewMargin, checkpointEvery, socketTimeout, totalTimeout, retry, writeBatch, unreachableDeadline);
  }

  public TransferSettings withRetry(RetryPolicy value) {
    return new TransferSettings(scansPerNode, maxScans, writeConcurrency, recordsPerSecond,
        bytesPerSecond, skewMargin, checkpointEvery, socketTimeout, totalTimeout, value, writeBatch, unreachableDeadline);
  }

  public TransferSettings withCheckpointEvery(int value) {
    return new TransferSettings(scansPerNode, maxScans, writeConcurrency, recordsPerSecond,
        bytesPerSecond, skewMargin, value, socketTimeout, totalTimeout, retry, writeBatch, unreachableDeadline);
  }

  public TransferSettings withSkewMargin(Duration value) {
    return new TransferSettings(scansPerNode, maxScans, writeConcurrency, recordsPerSecond,
        bytesPerSecond, value, checkpointEvery, socketTimeout, totalTimeout, retry, writeBatch, unreachableDeadline);
  }

  public TransferSettings withWriteBatch(int value) {
    return new TransferSettings(scansPerNode, maxScans, writeConcurrency, recordsPerSecond,
        bytesPerSecond, skewMargin, checkpointEvery, socketTimeout, totalTimeout, retry, value, unreachableDeadline);
  }

  public TransferSettings withUnreachableDeadline(Duration value) {
    return new TransferSettings(scansPerNode, maxScans, writeConcurrency, recordsPerSecond,
        bytesPerSecond, skewMargin, checkpointEvery, socketTimeout, totalTimeout, retry, writeBatch, value);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + value);
    }
  }
}
