package io.aeroshift.jobs;

/** The kinds of long operation the job runner runs. Each kind has its own lane of {@code run_lock}. */
public enum JobKind {
  /** A copy run: SCAN_COPY or BACKUP_RESTORE, then catch-up and delete reconciliation. Writes the target. */
  COPY,
  /** A validation run: counts, per-partition checksums, drill-down. Reads both sides. */
  VALIDATION
}
