package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.planning.CopyMode;
import io.aeroshift.transfer.CopyProgress;
import io.aeroshift.transfer.PassKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the copy meters count when samples and step ends interleave as the runner's threads make them. */
class CopyRunMetricsTest {

  private static CopyProgress progress(int pass, PassKind kind, long records) {
    return new CopyProgress("run-1", pass, kind, records, records * 100, 0, 0, 0, 0, 4096, 4096, 0, 0, 0, 1500,
        Duration.ZERO, Duration.ofSeconds(1), Map.of());
  }

  private static PassResult finished(int pass, CopyStage stage, long records) {
    return new PassResult(pass, stage, Instant.EPOCH, 1000, records, records * 100, 0, 0, 0, 0, 4096, 4096, 0, true,
        null);
  }

  /**
   * The runner names the next step before the engine starts that pass, so the ticker can read the
   * finished full pass while the runner already says CATCH_UP. The sample must stay the full pass's.
   */
  @Test
  void theFinishedPassSampledAfterTheNextStepIsNamedIsNotCountedTwice() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CopyRunMetrics metrics = new CopyRunMetrics(registry, new CopyRunSpec("run-1", "src", "team", null,
        List.of("127.0.0.1:3000"), "test", null, CopyMode.SCAN_COPY, 0, 0, null, null, "engineer", Instant.EPOCH));
    CopyProgress fullDone = progress(1, PassKind.FULL, 1500);

    metrics.sample(CopyStage.FULL, progress(1, PassKind.FULL, 700));
    metrics.sample(CopyStage.FULL, fullDone);
    metrics.stepFinished(finished(1, CopyStage.FULL, 1500));
    CopyStage labelled = CopyRunner.stageOf(CopyStage.CATCH_UP, fullDone); // the runner moved on, the engine not yet
    metrics.sample(labelled, fullDone);
    metrics.sample(CopyStage.CATCH_UP, progress(2, PassKind.CATCH_UP, 3));
    metrics.stepFinished(finished(2, CopyStage.CATCH_UP, 5));
    metrics.sample(CopyRunner.stageOf(CopyStage.RECONCILE, progress(2, PassKind.CATCH_UP, 5)),
        progress(2, PassKind.CATCH_UP, 5));
    metrics.sample(CopyStage.RECONCILE, progress(3, PassKind.RECONCILE, 20));

    assertThat(labelled).isEqualTo(CopyStage.FULL);
    assertThat(registry.get("aeroshift.copy.records").counter().count()).isEqualTo(1505.0);
    assertThat(registry.get("aeroshift.copy.bytes").counter().count()).isEqualTo(150_500.0);
  }

  @Test
  void backupAndRestoreStepsKeepTheirOwnNames() {
    CopyProgress restoring = progress(0, PassKind.FULL, 10);
    assertThat(CopyRunner.stageOf(CopyStage.RESTORE, restoring)).isEqualTo(CopyStage.RESTORE);
    assertThat(CopyRunner.stageOf(CopyStage.BACKUP, restoring)).isEqualTo(CopyStage.BACKUP);
    assertThat(CopyRunner.stageOf(CopyStage.CATCH_UP, progress(2, PassKind.CATCH_UP, 1))).isEqualTo(CopyStage.CATCH_UP);
  }
}
