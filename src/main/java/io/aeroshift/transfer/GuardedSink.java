package io.aeroshift.transfer;

import java.util.concurrent.Semaphore;

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
    pace(1, RecordSizes.estimate(image));
    return guarded(image.digest(), () -> delegate.write(image, mode));
  }

  @Override
  public WriteOutcome delete(String namespace, String set, byte[] digest, WriteMode mode) {
    pace(1, 64);
    return guarded(digest, () -> delegate.delete(namespace, set, digest, mode));
  }

  private interface Attempt {
    WriteOutcome run();
  }

  private WriteOutcome guarded(byte[] digest, Attempt attempt) {
    boolean wasInDoubt = false;
    for (int n = 1; ; n++) {
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransferStoppedException();
      }
      try {
        WriteOutcome outcome = attempt.run();
        if (wasInDoubt && outcome == WriteOutcome.REFUSED_CLIENT_WROTE) {
          return WriteOutcome.IN_DOUBT;
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
}
