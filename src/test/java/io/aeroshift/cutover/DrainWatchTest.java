package io.aeroshift.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrainWatchTest {
  private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");

  private static ActivitySample at(int second, NodeActivity... nodes) {
    return new ActivitySample(T0.plusSeconds(second), List.of(nodes));
  }

  @Test
  void quietOnlyOnceCountersStopAndConnectionsAreTheServicesOwn() {
    DrainWatch watch = new DrainWatch();
    DrainWatch.Status first = watch.observe(at(0, new NodeActivity("A", 100, 4, 4)));
    assertThat(first.quietSince()).isNull();
    assertThat(first.blockers()).singleElement().satisfies(b -> assertThat(b.note()).contains("first sample"));

    DrainWatch.Status writing = watch.observe(at(2, new NodeActivity("A", 300, 6, 4)));
    assertThat(writing.quietSince()).isNull();
    assertThat(writing.blockers()).singleElement().satisfies(b -> {
      assertThat(b.writesPerSecond()).isEqualTo(100.0);
      assertThat(b.connections()).isEqualTo(2);
    });

    // writes stopped but a client is still connected: still a blocker
    DrainWatch.Status connected = watch.observe(at(3, new NodeActivity("A", 300, 5, 4)));
    assertThat(connected.blockers()).singleElement().satisfies(b -> {
      assertThat(b.writesPerSecond()).isZero();
      assertThat(b.connections()).isEqualTo(1);
    });

    DrainWatch.Status justLeft = watch.observe(at(4, new NodeActivity("A", 300, 4, 4)));
    assertThat(justLeft.quietSince()).as("the previous sample still had a client connected").isNull();
    assertThat(justLeft.blockers()).singleElement().satisfies(b -> assertThat(b.note()).contains("previous sample"));
    DrainWatch.Status quiet = watch.observe(at(5, new NodeActivity("A", 300, 4, 4)));
    assertThat(quiet.quietSince()).isEqualTo(T0.plusSeconds(4));
    assertThat(watch.observe(at(9, new NodeActivity("A", 300, 3, 4))).quietFor(T0.plusSeconds(9)))
        .isEqualTo(Duration.ofSeconds(5));

    // one more write ends the quiet period
    DrainWatch.Status again = watch.observe(at(10, new NodeActivity("A", 301, 4, 4)));
    assertThat(again.quietSince()).isNull();
    assertThat(again.quietFor(T0.plusSeconds(10))).isZero();
  }

  @Test
  void whatCannotBeProvenQuietBlocks() {
    DrainWatch watch = new DrainWatch();
    watch.observe(at(0, new NodeActivity("A", 10, 1, 1), new NodeActivity("B", 10, 1, 1)));
    DrainWatch.Status s = watch.observe(at(1, new NodeActivity("A", -1, -1, 1), new NodeActivity("C", 0, 1, 1)));
    assertThat(s.quietSince()).isNull();
    assertThat(s.blockers()).extracting(ResidualWriter::node).containsExactlyInAnyOrder("A", "B", "C");
    assertThat(s.blockers()).extracting(ResidualWriter::note).allSatisfy(n -> assertThat(n).isNotBlank());

    DrainWatch restarted = new DrainWatch();
    restarted.observe(at(0, new NodeActivity("A", 500, 1, 1)));
    assertThat(restarted.observe(at(1, new NodeActivity("A", 3, 1, 1))).blockers())
        .singleElement().satisfies(b -> assertThat(b.note()).contains("backwards"));
  }
}
