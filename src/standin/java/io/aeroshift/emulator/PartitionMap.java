package io.aeroshift.emulator;

import java.util.Arrays;
import java.util.Base64;

/**
 * Which node is master and which are replicas of each partition. Each partition has a fixed
 * succession order of all nodes (rendezvous hashing on node index and partition id); the owners
 * are the first replication-factor nodes of that order that are running. Stopping a node therefore
 * moves only that node's partitions, as a real cluster's succession list does.
 */
final class PartitionMap {
  private final int[][] succession;

  PartitionMap(int nodeCount, long seed) {
    succession = new int[NamespaceStore.PARTITIONS][];
    for (int p = 0; p < NamespaceStore.PARTITIONS; p++) {
      final int pid = p;
      Integer[] order = new Integer[nodeCount];
      for (int i = 0; i < nodeCount; i++) order[i] = i;
      Arrays.sort(order, (a, b) -> Long.compareUnsigned(weight(seed, b, pid), weight(seed, a, pid)));
      succession[p] = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
  }

  private static long weight(long seed, int node, int partition) {
    long x = seed ^ (node * 0x9E3779B97F4A7C15L) ^ (partition * 0xC2B2AE3D27D4EB4FL);
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return x;
  }

  /** Owners of a partition among running nodes: index 0 master, then replicas. */
  int[] owners(int partition, int replicationFactor, boolean[] running) {
    int[] out = new int[replicationFactor];
    int n = 0;
    for (int node : succession[partition]) {
      if (running[node]) {
        out[n++] = node;
        if (n == replicationFactor) break;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  static int effectiveReplicationFactor(int rf, boolean[] running) {
    int alive = 0;
    for (boolean r : running) if (r) alive++;
    return Math.min(rf, alive);
  }

  /** The {@code replicas} value fragment for one namespace on one node: regime,count,bitmaps. */
  String replicasFor(int node, int rf, boolean[] running) {
    int eff = effectiveReplicationFactor(rf, running);
    byte[][] bitmaps = new byte[Math.max(eff, 1)][NamespaceStore.PARTITIONS / 8];
    for (int p = 0; p < NamespaceStore.PARTITIONS; p++) {
      int[] owners = owners(p, eff, running);
      for (int i = 0; i < owners.length; i++) {
        if (owners[i] == node) bitmaps[i][p >> 3] |= (byte) (0x80 >> (p & 7));
      }
    }
    StringBuilder sb = new StringBuilder("0,").append(bitmaps.length);
    for (byte[] bm : bitmaps) sb.append(',').append(Base64.getEncoder().encodeToString(bm));
    return sb.toString();
  }

  /** Per-node record counts: [node][0] = master objects, [node][1] = replica (prole) objects. */
  long[][] objectsPerNode(int[] countsPerPartition, int rf, boolean[] running) {
    long[][] out = new long[running.length][2];
    int eff = effectiveReplicationFactor(rf, running);
    for (int p = 0; p < countsPerPartition.length; p++) {
      int c = countsPerPartition[p];
      if (c == 0) continue;
      int[] owners = owners(p, eff, running);
      for (int i = 0; i < owners.length; i++) out[owners[i]][i == 0 ? 0 : 1] += c;
    }
    return out;
  }
}
