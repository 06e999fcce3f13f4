package io.aeroshift.planning;

import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.NamespaceInfo;
import io.aeroshift.planning.MigrationPlan.SizingOptions;
import io.aeroshift.planning.NamespacePlan.Storage;
import io.aeroshift.planning.NamespacePlan.VolumePlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sizes the Enterprise target from what discovery saw (pure). The rules, all stated in the notes
 * it returns, are:
 *
 * <ul>
 *   <li>nodes: at least the source's node count, the plan's {@code minNodes}, the largest replication
 *       factor and the rack count; rounded up to a multiple of the racks so AKO spreads them evenly.
 *   <li>unique data: persisted namespaces {@code diskUsed / RF}; in-memory namespaces
 *       {@code (memoryUsed - 64 B x records x RF) / RF} (the primary index is 64 bytes per record copy).
 *   <li>storage per node: {@code unique x RF x (1 + growth) / nodes / (1 - headroom)}, rounded up to
 *       a GiB and never below the target schema's minimum.
 *   <li>memory per pod: index ({@code 64 B x records x RF x (1 + growth) / nodes}) over
 *       {@code (1 - headroom)}, plus data held in memory (data-size, or the mirrored storage, both
 *       already sized with headroom), plus 1 GiB for the server itself; rounded up to a GiB.
 *   <li>CPU per pod: one core per 20,000 client operations per second per node (source read + write +
 *       delete rates, grown), over {@code (1 - headroom)}; at least one core.
 * </ul>
 */
public final class CapacityPlanner {
  static final long GIB = 1L << 30;
  static final long INDEX_ENTRY_BYTES = 64;
  static final long SERVER_OVERHEAD_BYTES = GIB;
  static final double OPS_PER_CORE = 20_000;
  /** Largest file AKO/the server accept as {@code filesize} (2 TiB in every 7.x/8.x schema). */
  static final long MAX_FILESIZE = 2L << 40;

  private CapacityPlanner() {}

  public static CapacityPlan plan(ClusterSnapshot snapshot, SizingOptions sizing, TargetSchema schema) {
    List<String> notes = new ArrayList<>();
    List<PlanWarning> warnings = new ArrayList<>();
    double growth = 1 + sizing.growthPct() / 100.0;
    double usable = 1 - sizing.headroomPct() / 100.0;
    int racks = Math.max(1, sizing.racks());

    int maxRf = snapshot.namespaces().stream().mapToInt(NamespaceInfo::replicationFactor).max().orElse(1);
    int nodes = Math.max(Math.max(snapshot.size(), sizing.minNodes()), Math.max(maxRf, racks));
    String why = "nodes = max(source nodes " + snapshot.size() + ", minNodes " + sizing.minNodes()
        + ", largest replication factor " + maxRf + ", racks " + racks + ") = " + nodes;
    // grow the cluster rather than exceed the largest file/device a node may hold
    for (NamespaceInfo ns : snapshot.namespaces()) {
      long total = storedTotal(ns, growth, usable);
      while (total / nodes > MAX_FILESIZE * Math.max(1, sourcePathCount(ns))) {
        nodes++;
        why += "; +1 so namespace " + ns.name() + " fits 2 TiB per file/device";
      }
    }
    if (nodes % racks != 0) {
      int rounded = (nodes / racks + 1) * racks;
      why += "; rounded up to " + rounded + " (a multiple of " + racks + " racks)";
      nodes = rounded;
    }
    notes.add(why);

    List<NamespacePlan> nsPlans = new ArrayList<>();
    Set<String> volumeNames = new HashSet<>();
    long memory = SERVER_OVERHEAD_BYTES;
    StringBuilder memWhy = new StringBuilder("memory per pod = 1 GiB server overhead");
    for (NamespaceInfo ns : snapshot.namespaces()) {
      NamespacePlan p = planNamespace(ns, nodes, growth, usable, schema, volumeNames, notes, warnings, sizing);
      nsPlans.add(p);
      // data in memory is already sized with headroom (data-size or the mirrored storage); the index is not
      long nsMem = (long) Math.ceil(p.indexBytesPerNode() / usable) + p.dataMemoryBytesPerNode();
      memory += nsMem;
      memWhy.append(" + ").append(ns.name()).append(" (index ").append(p.indexBytesPerNode())
          .append(" B / ").append(fmt(usable)).append(" + data in memory ").append(p.dataMemoryBytesPerNode())
          .append(" B = ").append(nsMem).append(" B)");
    }
    long memoryRounded = roundUpGib(memory);
    notes.add(memWhy + " = " + memory + " B; rounded up to " + memoryRounded / GIB + " GiB");

    ClusterSnapshot.Rates rates = snapshot.rates();
    double ops = rates == null ? 0 : rates.readsPerSecond() + rates.writesPerSecond() + rates.deletesPerSecond();
    double opsPerNode = ops * growth / nodes;
    long cores = Math.max(1, (long) Math.ceil(opsPerNode / OPS_PER_CORE / usable));
    notes.add("cpu per pod = max(1, ceil(" + fmt(ops) + " ops/s x " + fmt(growth) + " growth / " + nodes
        + " nodes / 20000 ops/s per core / " + fmt(usable) + ")) = " + cores + " core(s)");

    long workDir = GIB;
    notes.add("work directory /opt/aerospike: 1 GiB Filesystem volume (server state and SMD)");
    return new CapacityPlan(nodes, racks, cores * 1000, memoryRounded, workDir, nsPlans, notes, warnings);
  }

  private static NamespacePlan planNamespace(NamespaceInfo ns, int nodes, double growth, double usable,
      TargetSchema schema, Set<String> volumeNames, List<String> notes, List<PlanWarning> warnings,
      SizingOptions sizing) {
    int rf = ns.replicationFactor();
    int targetRf = Math.min(rf, nodes);
    long records = ns.objects();
    long indexPerNode = (long) Math.ceil(records * (double) targetRf * INDEX_ENTRY_BYTES * growth / nodes);
    long stored = storedTotal(ns, growth, usable);
    long perNode = (long) Math.ceil(stored * (double) targetRf / Math.max(1, rf) / nodes);
    String unique = "unique data " + uniqueBytes(ns) + " B";
    String rule = unique + " x RF " + targetRf + " x " + fmt(growth) + " growth / " + fmt(usable)
        + " usable / " + nodes + " nodes = " + perNode + " B per node";
    checkSourceHeadroom(ns, sizing, warnings);

    boolean persisted = !"memory".equals(ns.storageEngine());
    List<String> devices = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<VolumePlan> volumes = new ArrayList<>();
    String base = volumeBase(ns.name(), volumeNames);
    Storage storage;
    long dataSize = 0;
    long filesize = 0;
    long dataInMemory;
    if (!persisted) {
      storage = Storage.MEMORY;
      long min = TargetSchema.minimum(schema.storageProperty("memory", "data-size"));
      dataSize = Math.max(roundUpGib(perNode), min);
      dataInMemory = dataSize;
      notes.add("namespace " + ns.name() + ": storage-engine memory data-size = max(" + rule + " rounded up to a"
          + " GiB, schema " + schema.version() + " minimum " + min + " B) = " + dataSize + " B");
    } else if (!ns.devices().isEmpty()) {
      storage = ns.dataInMemory() ? Storage.MEMORY_ON_DEVICES : Storage.DEVICES;
      int count = ns.devices().size();
      long each = Math.max(roundUpGib((long) Math.ceil(perNode / (double) count)), GIB);
      for (int i = 0; i < count; i++) {
        String path = "/aerospike/dev/" + base + "-" + i;
        devices.add(path);
        volumes.add(new VolumePlan(base + "-" + i, path, true, each));
      }
      dataInMemory = ns.dataInMemory() ? each * count : 0;
      notes.add("namespace " + ns.name() + ": " + count + " Block volume(s) of " + each / GIB + " GiB (" + rule
          + ", split over the source's " + count + " device(s), at least 1 GiB each)");
    } else {
      storage = ns.dataInMemory() ? Storage.MEMORY_ON_FILES : Storage.FILES;
      int count = Math.max(1, ns.files().size());
      long min = TargetSchema.minimum(schema.storageProperty(storage.engineType(), "filesize"));
      filesize = Math.max(roundUpGib((long) Math.ceil(perNode / (double) count)), Math.max(min, GIB));
      String dir = "/opt/aerospike/data/" + base;
      for (int i = 0; i < count; i++) {
        files.add(dir + "/" + base + (count == 1 ? "" : "-" + i) + ".dat");
      }
      long volume = filesize * count + GIB;
      volumes.add(new VolumePlan(base, dir, false, volume));
      dataInMemory = ns.dataInMemory() ? filesize * count : 0;
      notes.add("namespace " + ns.name() + ": " + count + " file(s) of filesize " + filesize / GIB + " GiB (" + rule
          + ", rounded up to a GiB), on a " + volume / GIB + " GiB Filesystem volume (files + 1 GiB slack)");
    }
    if (targetRf != rf) {
      notes.add("namespace " + ns.name() + ": replication factor " + rf + " lowered to " + targetRf
          + " because the target has only " + nodes + " nodes");
    }
    return new NamespacePlan(ns.name(), rf, targetRf, storage, dataSize, devices, files, filesize, volumes,
        indexPerNode, dataInMemory);
  }

  /** Cluster-wide bytes the target must hold for this namespace today, with growth and headroom. */
  private static long storedTotal(NamespaceInfo ns, double growth, double usable) {
    return (long) Math.ceil(uniqueBytes(ns) * (double) Math.max(1, ns.replicationFactor()) * growth / usable);
  }

  /** Unique (one copy) data bytes, replicas and index excluded. */
  static long uniqueBytes(NamespaceInfo ns) {
    int rf = Math.max(1, ns.replicationFactor());
    if ("memory".equals(ns.storageEngine())) {
      long index = ns.objects() * rf * INDEX_ENTRY_BYTES;
      return Math.max(0, ns.memoryUsedBytes() - index) / rf;
    }
    return ns.diskUsedBytes() / rf;
  }

  private static void checkSourceHeadroom(NamespaceInfo ns, SizingOptions sizing, List<PlanWarning> warnings) {
    boolean memory = "memory".equals(ns.storageEngine());
    long used = memory ? ns.memoryUsedBytes() : ns.diskUsedBytes();
    long configured = memory ? ns.memoryConfiguredBytes() : ns.diskConfiguredBytes();
    if (configured <= 0) {
      return;
    }
    double pct = used * 100.0 / configured;
    if (pct > 100 - sizing.headroomPct()) {
      warnings.add(new PlanWarning("CAPACITY_BELOW_HEADROOM", "namespace " + ns.name() + " on the source uses "
          + fmt(pct) + "% of its configured " + (memory ? "memory" : "storage") + " (" + used + " of " + configured
          + " B), more than the " + (100 - sizing.headroomPct()) + "% the plan's " + sizing.headroomPct()
          + "% headroom allows; the target is sized from use, not from the source's configuration"));
    }
  }

  private static int sourcePathCount(NamespaceInfo ns) {
    return Math.max(ns.devices().size(), ns.files().size());
  }

  /** A DNS-1123 volume name derived from the namespace name, unique within the cluster. */
  private static String volumeBase(String namespace, Set<String> taken) {
    String s = namespace.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
    if (s.isEmpty()) {
      s = "ns";
    }
    s = "ns-" + s;
    if (s.length() > 50) {
      s = s.substring(0, 50).replaceAll("-+$", "");
    }
    String candidate = s;
    for (int i = 2; !taken.add(candidate); i++) {
      candidate = s + "-" + i;
    }
    return candidate;
  }

  static long roundUpGib(long bytes) {
    return Math.max(GIB, (bytes + GIB - 1) / GIB * GIB);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
  }
}
