package io.aeroshift.emulator.exp;

import static io.aeroshift.emulator.exp.Exps.bytes;
import static io.aeroshift.emulator.exp.TestRecord.NOW_MILLIS;
import static io.aeroshift.emulator.exp.TestRecord.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aerospike.client.exp.Exp;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The scan-path filter {@code and(ge(lastUpdate, x), eq(digestModulo(100), 3))} must not allocate
 * per record. Why it holds by construction: the tree is compiled once; {@code matches} takes a
 * per-thread frame from a ThreadLocal (no allocation after the first call on a thread); every node
 * writes primitives into that frame; metadata comes from the record's primitive getters and its
 * digest array. This test measures the thread's allocated bytes (not time) to catch a regression.
 */
class ScanPathAllocationTest {

  @Test
  void matchesDoesNotAllocatePerRecord() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "allocation counters unavailable on this JVM");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
    assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counters unsupported");
    threads.setThreadAllocatedMemoryEnabled(true);

    long since = (NOW_MILLIS - 60_000) * 1_000_000L;
    FilterExpression filter =
        FilterExpression.parse(bytes(Exp.and(Exp.ge(Exp.lastUpdate(), Exp.val(since)), Exp.eq(Exp.digestModulo(100), Exp.val(3)))));
    byte[] d = new byte[20];
    d[16] = 103; // 103 % 100 == 3
    TestRecord hit = record().digest(d);
    TestRecord miss = record().lastUpdateMillis(NOW_MILLIS - 120_000).digest(d);

    int hits = 0;
    for (int k = 0; k < 20_000; k++) { // warm-up: thread-local frame, class init, JIT
      hits += filter.matches(k % 2 == 0 ? hit : miss, NOW_MILLIS) ? 1 : 0;
    }
    int calls = 100_000;
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int k = 0; k < calls; k++) {
      hits += filter.matches(k % 2 == 0 ? hit : miss, NOW_MILLIS) ? 1 : 0;
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(hits).isEqualTo(10_000 + calls / 2);
    // Even 8 bytes per call would be 800 KB; allow only a small constant for the counters themselves.
    assertThat(allocated).as("bytes allocated over %d matches", calls).isLessThan(64 * 1024L);
  }
}
