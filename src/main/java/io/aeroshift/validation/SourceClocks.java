package io.aeroshift.validation;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aeroshift.transfer.RecordImage;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;

/**
 * Whether a source node's clock runs ahead of the service's. The live-write split of a validation
 * compares the source's last-update times, stamped by the node that executed each write, with a
 * cut-off taken on the service's clock: a node whose clock is ahead stamps writes made before the
 * cut-off as if after it, and they would be left out of the comparison as "changed after the
 * cut-off" on both sides, so a record missing or stale on the target would pass unseen (found by
 * the fault campaign, {@code bin/chaos --seed 218}). Each node's clock is read from the namespace
 * statistic {@code current_time} (seconds since 2010-01-01, the server's clock).
 */
public final class SourceClocks {
  /** The statistic has one-second resolution and the request takes time: ahead by more is ahead. */
  static final long TOLERANCE_SECONDS = 2;

  private SourceClocks() {}

  /**
   * How long the search for records stamped in the future may take; it looks for last-update times
   * later than its start plus this, which no write made during the search can have unless its
   * node's clock is ahead.
   */
  static final long FUTURE_SEARCH_MILLIS = 5_000;

  /**
   * A description of the first node found ahead of {@code now} by more than the tolerance, or of a
   * record stamped later than {@code now} plus {@link #FUTURE_SEARCH_MILLIS} (a node that was ahead
   * when it wrote it), or empty.
   */
  public static Optional<String> ahead(IAerospikeClient client, String namespace, Instant now) {
    return ahead(client, namespace, now, ValidationEngine.allPartitions());
  }

  /**
   * As {@link #ahead(IAerospikeClient, String, Instant)}, searching for records stamped in the
   * future only in the partitions about to be validated: a record elsewhere is not compared by
   * this run, so it cannot be left out of it unseen. A re-check of a few partitions then walks those
   * partitions, not the whole source.
   */
  public static Optional<String> ahead(
      IAerospikeClient client, String namespace, Instant now, Collection<Integer> partitions) {
    Optional<String> node = nodeAhead(client, namespace, now);
    return node.isPresent() ? node : recordInTheFuture(client, namespace, now, partitions);
  }

  private static Optional<String> recordInTheFuture(
      IAerospikeClient client, String namespace, Instant now, Collection<Integer> partitions) {
    long limitNanos = (now.toEpochMilli() + FUTURE_SEARCH_MILLIS) * 1_000_000L;
    long deadline = System.nanoTime() + FUTURE_SEARCH_MILLIS * 1_000_000L;
    AtomicReference<String> found = new AtomicReference<>();
    for (PartitionRuns.Run run : PartitionRuns.of(partitions)) {
      // every scan of the search ends by the one deadline, so no write made during it can match
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
      if (leftMillis <= 0) {
        return Optional.empty(); // as a timeout: no evidence either way
      }
      ScanPolicy p = new ScanPolicy();
      p.includeBinData = false;
      p.maxRecords = 1;
      p.totalTimeout = (int) leftMillis;
      p.socketTimeout = (int) leftMillis;
      p.maxRetries = 0;
      p.filterExp = Exp.build(Exp.gt(Exp.lastUpdate(), Exp.val(limitNanos)));
      try {
        client.scanPartitions(p, PartitionFilter.range(run.first(), run.count()), namespace, null,
            (key, rec) -> found.compareAndSet(null, HexFormat.of().formatHex(key.digest)));
      } catch (AerospikeException e) {
        return Optional.empty(); // no evidence either way; the validation's own reads report what fails
      }
      if (found.get() != null) {
        break;
      }
    }
    return Optional.ofNullable(found.get()).map(d -> "source record " + d + " was last updated more than "
        + FUTURE_SEARCH_MILLIS / 1000 + " s after now by the service's clock (a source node's clock was ahead when it"
        + " wrote it): such records look changed after any cut-off and would be left out unseen; nothing was compared");
  }

  private static Optional<String> nodeAhead(IAerospikeClient client, String namespace, Instant now) {
    for (Node node : client.getNodes()) {
      String stats;
      try {
        stats = Info.request(null, node, "namespace/" + namespace);
      } catch (AerospikeException e) {
        continue; // an unreadable node fails the validation's own reads, with their reason
      }
      Optional<String> found = aheadBy(node.getName(), stats, now);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** Pure part: the node's {@code current_time} from its namespace statistics against {@code now}. */
  static Optional<String> aheadBy(String nodeName, String namespaceStats, Instant now) {
    if (namespaceStats == null) {
      return Optional.empty();
    }
    for (String kv : namespaceStats.split(";")) {
      if (kv.startsWith("current_time=")) {
        long nodeEpochSeconds;
        try {
          nodeEpochSeconds = Long.parseLong(kv.substring("current_time=".length()).trim()) + RecordImage.CITRUSLEAF_EPOCH_SECONDS;
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
        long ahead = nodeEpochSeconds - now.getEpochSecond();
        if (ahead > TOLERANCE_SECONDS) {
          return Optional.of("source node " + nodeName + " clock is " + ahead + " s ahead of the service's: writes it"
              + " stamped before the cut-off look as made after it and would be left out unseen; nothing was compared");
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
