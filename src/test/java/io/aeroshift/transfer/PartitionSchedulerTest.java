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
}
