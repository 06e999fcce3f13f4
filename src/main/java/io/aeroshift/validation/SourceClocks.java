package io.aeroshift.validation;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aeroshift.transfer.RecordImage;
import java.time.Instant;
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
   * How far in the future a last-update time must lie to count as stamped by a clock that was
   * ahead: the engine looks up the records it leaves out as changed after the cut-off
   * ({@code ValidationEngine}, {@link PartitionReader#updatedAfter}) for times later than the
   * lookup's start plus this, and the lookup ends within this, so no honest write can match.
   */
  static final long FUTURE_SEARCH_MILLIS = 5_000;

  /**
   * A description of the first source node whose clock is ahead of {@code now} by more than the
   * tolerance, or empty. Records stamped in the future by a node that was ahead earlier are found
   * by the engine among the records it leaves out ({@link #stampedInTheFuture(String)}).
   */
  public static Optional<String> ahead(IAerospikeClient client, String namespace, Instant now) {
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

  /** Why a partition holding the record {@code digestHex}, stamped in the future, is not validated. */
  static String stampedInTheFuture(String digestHex) {
    return "source record " + digestHex + " was last updated more than " + FUTURE_SEARCH_MILLIS / 1000
        + " s after now by the service's clock (a source node's clock was ahead when it wrote it): it looks changed"
        + " after any cut-off and would be left out unseen, so its partition is not validated until that time has"
        + " passed";
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
