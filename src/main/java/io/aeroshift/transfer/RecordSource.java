package io.aeroshift.transfer;

import java.util.function.Consumer;

/**
 * Reads one work unit of a cluster (or of backup files). Implementations: {@link
 * AerospikeRecordSource}.
 *
 * <p>Handlers run on the scanning thread; a slow handler slows the scan (that is the copy's
 * back-pressure), and an exception thrown by a handler ends the scan and propagates.
 */
public interface RecordSource {

  /**
   * Streams the records of {@code unit}, in the source's order, starting strictly after digest
   * {@code after} (null = from the start), only those last updated at or after {@code
   * sinceNanos} (0 = all). The source's own order inside a partition must be stable so a cursor
   * can resume.
   */
  void scan(WorkUnit unit, byte[] after, long sinceNanos, Consumer<RecordImage> handler);

  /** Streams the digests of {@code unit} without reading bins. */
  void scanDigests(WorkUnit unit, Consumer<byte[]> handler);

  /** Name of the node serving the partition, for per-node scan limits; null if not known. */
  default String nodeOf(String namespace, int partition) {
    return null;
  }

  /**
   * False while the cluster behind this source has no connected node (the client's "cluster is
   * empty"): the engine fails a pass that stays so past its deadline. Sources without a
   * cluster are always reachable.
   */
  default boolean reachable() {
    return true;
  }

  /** False when the cluster behind this source does not serve {@code namespace}; true when unknown. */
  default boolean servesNamespace(String namespace) {
    return true;
  }
}
