package io.aeroshift.transfer;

import com.aerospike.client.cluster.Node;
import com.aerospike.client.cluster.Partition;

/**
 * The one place Aeroshift holds the partition constants. They are the official client's: the
 * client routes every command by them, so copy, validation, backup and the emulator must agree
 * with the client, not with a number of our own.
 */
public final class PartitionIds {
  /** Partitions per namespace in every Aerospike cluster (4096). */
  public static final int COUNT = Node.PARTITIONS;

  private PartitionIds() {}

  /** The partition a record digest belongs to, as the client and the server compute it. */
  public static int of(byte[] digest) {
    return Partition.getPartitionId(digest);
  }
}
