package io.aeroshift.backup;

import io.aeroshift.transfer.RecordImage;
import io.aeroshift.transfer.RecordSink;
import io.aeroshift.transfer.WriteMode;
import io.aeroshift.transfer.WriteOutcome;

/**
 * The copy engine's sink for a backup: every record the engine's partition scans deliver goes
 * into the backup directory, in the scanning thread's own file. The engine supplies scheduling,
 * cursors, retries of failed scans and the rate limit; a failed file write is permanent (an
 * IllegalStateException) so the partition fails instead of writing a record twice.
 */
public final class AsbFileSink implements RecordSink {

  private final AsbBackupDirectory directory;

  public AsbFileSink(AsbBackupDirectory directory) {
    this.directory = directory;
  }

  @Override
  public WriteOutcome write(RecordImage image, WriteMode mode) {
    // Expired records stay in the backup, as asbackup keeps them: restore skips and counts them.
    directory.writeRecord(image);
    return WriteOutcome.WRITTEN;
  }

  @Override
  public WriteOutcome delete(String namespace, String set, byte[] digest, WriteMode mode) {
    throw new UnsupportedOperationException("a backup never deletes");
  }
}
