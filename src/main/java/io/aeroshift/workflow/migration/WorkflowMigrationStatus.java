package io.aeroshift.workflow.migration;

import io.aeroshift.events.MigrationStatus;
import io.aeroshift.events.MigrationStatusSource;
import io.aeroshift.workflow.machine.Progress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The meters' figures are the stored migrations' (so they survive a restart). */
@ApplicationScoped
public class WorkflowMigrationStatus implements MigrationStatusSource {
  @Inject MigrationViews views;

  @Override
  public List<MigrationStatus> migrations() {
    return views.list(null, null).stream().map(WorkflowMigrationStatus::status).toList();
  }

  static MigrationStatus status(MigrationView m) {
    Progress p = m.progress();
    return new MigrationStatus(m.id(), m.team(), m.wave(), m.phase(),
        p == null ? null : p.fractionDone(),
        p == null ? null : p.recordsCopied(),
        p == null ? null : p.recordsPerSecond(),
        p == null || p.etaSeconds() < 0 ? null : (double) p.etaSeconds(),
        m.lagSeconds() == null ? null : m.lagSeconds().doubleValue(),
        m.lastValidation() == null ? null : m.lastValidation().outcome());
  }
}
