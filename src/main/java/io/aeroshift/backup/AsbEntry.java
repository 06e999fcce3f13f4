package io.aeroshift.backup;

import io.aeroshift.transfer.RecordImage;

/** One block of a backup file after its header: a record, a secondary index or a UDF. */
public sealed interface AsbEntry permits AsbEntry.Record, AsbEntry.Index, AsbEntry.Udf {

  AsbPosition position();

  /** A record block ({@code + } header lines and its {@code - } bin lines). */
  record Record(RecordImage record, AsbPosition position) implements AsbEntry {}

  /** A {@code * i} (or backup-go {@code * e}) line. */
  record Index(AsbSecondaryIndex index, AsbPosition position) implements AsbEntry {}

  /** A {@code * u} block. */
  record Udf(AsbUdf udf, AsbPosition position) implements AsbEntry {}
}
