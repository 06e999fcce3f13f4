package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionSchedulerTest {

  private static List<WorkUnit> units(int n) {
    List<WorkUnit> list = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      list.add(new WorkUnit("test", null, p));
    }
    return list;
  }

  @Test
  void perNodeLimitHolds() {
    PartitionScheduler s = new PartitionScheduler(units(12), p -> "n" + (p % 3), 2, 100);
    List<WorkUnit> out = new ArrayList<>();
    for (WorkUnit u = s.poll(); u != null; u = s.poll()) {
      out.add(u);
    }
    assertThat(out).hasSize(6);
    assertThat(s.inFlightByNode()).containsOnly(
        java.util.Map.entry("n0", 2), java.util.Map.entry("n1", 2), java.util.Map.entry("n2", 2));
    s.release(out.get(0));
    WorkUnit next = s.poll();
    assertThat(next).isNotNull();
    assertThat(next.partition() % 3).isEqualTo(out.get(0).partition() % 3);
  }

  @Test
  void totalLimitHolds() {
    PartitionScheduler s = new PartitionScheduler(units(10), p -> "n" + p, 5, 3);
    assertThat(s.poll()).isNotNull();
    assertThat(s.poll()).isNotNull();
    assertThat(s.poll()).isNotNull();
    assertThat(s.poll()).isNull();
    assertThat(s.remaining()).isEqualTo(7);
  }

  @Test
  void nodeIsResolvedAtHandOutTime() {
    String[] owner = {"a"};
    PartitionScheduler s = new PartitionScheduler(units(3), p -> owner[0], 1, 10);
    WorkUnit first = s.poll();
    assertThat(s.poll()).isNull();
    owner[0] = "b"; // partition map changed: the master moved
    assertThat(s.poll()).isNotNull();
    s.release(first);
    assertThat(s.inFlightByNode()).containsOnlyKeys("b");
  }

  @Test
  void takeReturnsNullWhenEmptyOrClosed() throws InterruptedException {
    PartitionScheduler s = new PartitionScheduler(units(1), p -> "n", 1, 1);
    WorkUnit u = s.take();
    assertThat(u).isNotNull();
    s.release(u);
    assertThat(s.take()).isNull();
    PartitionScheduler closed = new PartitionScheduler(units(5), p -> "n", 1, 1);
    closed.close();
    assertThat(closed.take()).isNull();
  }

  @Test
  void aWaitingTakeFindsAPartitionWhoseMasterMovedOffANodeWhoseScansHang() throws InterruptedException {
    String[] owner = {"a"};
    PartitionScheduler s = new PartitionScheduler(units(3), p -> owner[0], 1, 10);
    WorkUnit hung = s.take(); // never released: its node's scan hangs
    owner[0] = "b";
    WorkUnit next = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2),
        () -> s.take());
    assertThat(next).isNotNull().isNotEqualTo(hung);
    assertThat(s.inFlightByNode()).containsOnly(java.util.Map.entry("a", 1), java.util.Map.entry("b", 1));
  }

  @Test
  void workersWaitingOnASaturatedNodeDoNotAskEveryQueuedPartitionForItsNodeAtEachRelease() throws Exception {
    // a one-node source, as the demo's: 16 workers, 4 scans on the node, the rest waiting
    java.util.concurrent.atomic.AtomicLong asked = new java.util.concurrent.atomic.AtomicLong();
    PartitionScheduler s = new PartitionScheduler(units(PartitionIds.COUNT), p -> {
      asked.incrementAndGet();
      return "only";
    }, 4, 16);
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Thread t = new Thread(() -> {
        try {
          for (WorkUnit u = s.take(); u != null; u = s.take()) {
            done.incrementAndGet();
            java.util.concurrent.locks.LockSupport.parkNanos(200_000); // the partition's scan
            s.release(u);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      t.start();
      workers.add(t);
    }
    for (Thread t : workers) {
      t.join(30_000);
    }
    assertThat(done.get()).isEqualTo(PartitionIds.COUNT);
    // once when queued, once when handed out, and the few re-sweeps of waiting takes (every 200 ms)
    assertThat(asked.get()).isLessThan(10L * PartitionIds.COUNT);
  }
}
