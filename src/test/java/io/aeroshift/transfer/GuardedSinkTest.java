package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GuardedSinkTest {

  /** Stands still, so what the limiter owes after the writes is exactly what they reserved. */
  private final AtomicLong now = new AtomicLong(0);

  /** One byte per nanosecond: the wait a reservation is given, in ns, is the bytes it owes. */
  private static final long BYTES_PER_SECOND = 1_000_000_000L;

  @Test
  void aBytesLimitReservesTheEstimatedSizeOfEveryRecordWritten() {
    RateLimiter limiter = new RateLimiter(0, BYTES_PER_SECOND, now::get);
    GuardedSink sink = new GuardedSink(new AcceptingSink(), limiter, RetryPolicy.defaults(), 4);
    List<RecordImage> batch = records(10);

    sink.writeAll(batch, WriteMode.replace());
    sink.write(records(1).get(0), WriteMode.replace());

    assertThat(owedBytes(limiter)).isEqualTo(11 * RecordSizes.estimate(batch.get(0)));
  }

  @Test
  void aBytesLimitSetWhileTheSinkIsInUseAppliesToTheNextWrites() {
    RateLimiter limiter = new RateLimiter(0, 0, now::get);
    GuardedSink sink = new GuardedSink(new AcceptingSink(), limiter, RetryPolicy.defaults(), 4);
    sink.writeAll(records(5), WriteMode.replace());

    limiter.setLimits(0, BYTES_PER_SECOND);
    List<RecordImage> batch = records(3);
    sink.writeAll(batch, WriteMode.replace());

    assertThat(owedBytes(limiter)).isEqualTo(3 * RecordSizes.estimate(batch.get(0)));
  }

  /** Bytes reserved beyond the (empty) bucket, read back from the wait a reservation of nothing gets. */
  private static long owedBytes(RateLimiter limiter) {
    return limiter.reserve(0, 0);
  }

  private static List<RecordImage> records(int n) {
    List<RecordImage> images = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] digest = new byte[20];
      digest[0] = (byte) i;
      images.add(new RecordImage("ns", "set", digest, null, 1, 0, Map.of("payload", "x".repeat(180))));
    }
    return images;
  }

  private static final class AcceptingSink implements RecordSink {
    @Override
    public WriteOutcome write(RecordImage image, WriteMode mode) {
      return WriteOutcome.WRITTEN;
    }

    @Override
    public WriteOutcome delete(String namespace, String set, byte[] digest, WriteMode mode) {
      return WriteOutcome.WRITTEN;
    }
  }
}
