package io.aeroshift.jobs;

/**
 * The steps of a copy run, in order. SCAN_COPY: FULL, CATCH_UP, RECONCILE. BACKUP_RESTORE: BACKUP
 * (source to asbackup files), RESTORE (files to target), then CATCH_UP and RECONCILE with the scan
 * engine, the catch-up covering what changed since the backup started (see ARCHITECTURE.md, copy
 * modes). XDR: one step, XDR, from setup through the rewind to shipping live changes until the
 * run is finished (teardown after the drain) or stopped.
 */
public enum CopyStage {
  BACKUP,
  RESTORE,
  FULL,
  CATCH_UP,
  RECONCILE,
  XDR;

  /** True when the stage writes records to the target (counted as copied; XDR: the changes shipped). */
  public boolean copiesRecords() {
    return this == RESTORE || this == FULL || this == CATCH_UP || this == XDR;
  }
}
