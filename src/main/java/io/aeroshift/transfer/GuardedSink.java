package io.aeroshift.transfer;

import io.aeroshift.outcome.ErrorClass;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Wraps a sink with what every copy write needs: the migration's rate limit, a bound on writes in
 * flight, and retries with backoff classified by {@link AerospikeErrors}. Retriable and in-doubt
 * failures are retried (a replacing copy write is idempotent; after the switch a retry refused
 * because our own in-doubt attempt did apply is reported as {@link WriteOutcome#IN_DOUBT});
 * permanent failures and exhausted retries throw {@link RecordWriteException}.
 */
public final class GuardedSink implements RecordSink {

  private final RecordSink delegate;
  private final RateLimiter limiter;
  private final RetryPolicy retry;
  private final Semaphore inFlight;

  public GuardedSink(RecordSink delegate, RateLimiter limiter, RetryPolicy retry, int maxInFlight) {
    this.delegate = delegate;
    this.limiter = limiter;
    this.retry = retry;
    this.inFlight = new Semaphore(maxInFlight);
  }

  @Override
  public WriteOutcome write(RecordImage image, WriteMode mode) {
    pace(1, sizeToPace(image));
    return guarded(image.digest(), () -> delegate.write(image, mode));
  }

  @Override
  public WriteReply write(RecordImage image, WriteMode mode, OptionalInt ownGeneration) {
    pace(1, sizeToPace(image));
    return guarded(image.digest(), () -> delegate.write(image, mode, ownGeneration),
        WriteReply::outcome, WriteReply.of(WriteOutcome.IN_DOUBT));
  }

  @Override
  public WriteOutcome delete(String namespace, String set, byte[] digest, WriteMode mode) {
    pace(1, 64);
    return guarded(digest, () -> delegate.delete(namespace, set, digest, mode));
  }

  @Override
  public WriteOutcome delete(
      String namespace, String set, byte[] digest, WriteMode mode, OptionalInt ownGeneration) {
    pace(1, 64);
    return guarded(digest, () -> delegate.delete(namespace, set, digest, mode, ownGeneration));
  }

  @Override
  public java.util.List<WriteOutcome> writeAll(java.util.List<RecordImage> images, WriteMode mode) {
    if (images.isEmpty()) {
      return java.util.List.of();
    }
    long bytes = 0;
    if (limiter.limitsBytes()) {
      for (RecordImage image : images) {
        bytes += RecordSizes.estimate(image);
      }
    }
    pace(images.size(), bytes);
    java.util.List<WriteOutcome> result = guarded(images.get(images.size() - 1).digest(),
        () -> delegate.writeAll(images, mode), r -> null, java.util.List.of());
    if (result.size() != images.size()) {
      throw new IllegalStateException("sink returned " + result.size() + " outcomes for "
          + images.size() + " records");
    }
    return result;
  }

  private interface Attempt<T> {
    T run();
  }

  private WriteOutcome guarded(byte[] digest, Attempt<WriteOutcome> attempt) {
    return guarded(digest, attempt, o -> o, WriteOutcome.IN_DOUBT);
  }

  /**
   * @param outcomeOf the outcome inside an attempt's result (null when it has none to look at)
   * @param inDoubtRefused the result when a retry after an in-doubt attempt is refused
   */
  private <T> T guarded(
      byte[] digest, Attempt<T> attempt, Function<T, WriteOutcome> outcomeOf, T inDoubtRefused) {
    boolean wasInDoubt = false;
    for (int n = 1; ; n++) {
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransferStoppedException();
      }
      try {
        T outcome = attempt.run();
        if (wasInDoubt && outcomeOf.apply(outcome) == WriteOutcome.REFUSED_CLIENT_WROTE) {
          return inDoubtRefused;
        }
        return outcome;
      } catch (RuntimeException e) {
        if (e instanceof TransferStoppedException) {
          throw e;
        }
        ErrorClass cls = AerospikeErrors.classify(e);
        if (cls == ErrorClass.PERMANENT || !retry.mayRetry(n)) {
          throw new RecordWriteException(digest, cls, n, e);
        }
        wasInDoubt |= cls == ErrorClass.IN_DOUBT;
      } finally {
        inFlight.release();
      }
      sleep(retry.backoff(n).toMillis());
    }
  }

  /**
   * The record's estimated size when a bytes/s limit is set, else 0: without one the size is not
   * used, and estimating it was 37% of a restore writer thread's CPU (perf, 2026-12-08).
   */
  private long sizeToPace(RecordImage image) {
    return limiter.limitsBytes() ? RecordSizes.estimate(image) : 0;
  }

  private void pace(int records, long bytes) {
    try {
      limiter.acquire(records, bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransferStoppedException();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransferStoppedException();
    }
  }

  @Override
  public boolean reachable() {
    return delegate.reachable();
  }

  @Override
  public boolean servesNamespace(String namespace) {
    return delegate.servesNamespace(namespace);
  }
}
