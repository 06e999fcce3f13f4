package io.aeroshift.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore state on disk: what {@code put} and {@code flush} leave there. */
class RestoreCheckpointsTest {

  @TempDir Path tmp;

  @Test
  void aPutWithNoOtherSaveRunningIsOnDiskWhenItReturns() throws Exception {
    Path file = tmp.resolve("restore.state");
    RestoreCheckpoints state = RestoreCheckpoints.load(file);
    state.put(new RestoreCheckpoints.FileProgress("a.asb", 120, 7, 3, false));
    assertThat(RestoreCheckpoints.load(file).all())
        .containsExactly(new RestoreCheckpoints.FileProgress("a.asb", 120, 7, 3, false));
  }

  @Test
  void afterFlushTheFileHoldsTheLastProgressOfEveryReader() throws Exception {
    Path file = tmp.resolve("restore.state");
    RestoreCheckpoints state = RestoreCheckpoints.load(file);
    int readers = 8;
    int puts = 300;
    CyclicBarrier start = new CyclicBarrier(readers);
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int r = 0; r < readers; r++) {
        String name = "f" + r + ".asb";
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 1; i <= puts; i++) {
            // puts made while another reader saves return at once, unsaved until the flush
            state.put(new RestoreCheckpoints.FileProgress(name, i * 10L, i + 1L, i, i == puts));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    state.flush();
    List<RestoreCheckpoints.FileProgress> saved = RestoreCheckpoints.load(file).all();
    assertThat(saved).hasSize(readers);
    assertThat(saved).allSatisfy(p -> {
      assertThat(p.records()).isEqualTo(puts);
      assertThat(p.offset()).isEqualTo(puts * 10L);
      assertThat(p.done()).isTrue();
    });
  }
}
