package io.aeroshift.workflow.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunnerMigrationJobsTest {
  @Test
  void aRunIdIsTheJobAndNamespaceWhileItFitsElseABoundedStableName() {
    assertThat(RunnerMigrationJobs.runId("cat-1a2b3c4d-full-copy-a1", "catalog"))
        .isEqualTo("cat-1a2b3c4d-full-copy-a1-catalog");
    String job = "catalog-ce-rehearsal-dda54ba5-validation-a1-t1796628200632";
    String id = RunnerMigrationJobs.runId(job, "catalog");
    assertThat(id).hasSize(RunnerMigrationJobs.MAX_RUN_ID).startsWith(job.substring(0, 40))
        .isEqualTo(RunnerMigrationJobs.runId(job, "catalog"))
        .isNotEqualTo(RunnerMigrationJobs.runId(job, "catalog2"))
        .isNotEqualTo(RunnerMigrationJobs.runId(job.replace("t179", "t180"), "catalog"));
  }
}
