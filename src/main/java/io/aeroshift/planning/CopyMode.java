package io.aeroshift.planning;

/** How records travel from source to target (see ARCHITECTURE.md, copy modes). */
public enum CopyMode {
  /** Partition scans on the source, writes to the target; CE or EE sources. */
  SCAN_COPY,
  /** asbackup-format files, then restore; CE or EE sources. */
  BACKUP_RESTORE,
  /** Enterprise XDR from the source; needs an EE source. */
  XDR
}
