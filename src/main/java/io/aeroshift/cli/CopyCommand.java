package io.aeroshift.cli;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aeroshift.discovery.ClusterIdentity;
import io.aeroshift.transfer.AerospikeRecordSink;
import io.aeroshift.transfer.AerospikeRecordSource;
import io.aeroshift.transfer.CopyEngine;
import io.aeroshift.transfer.CopyProgress;
import io.aeroshift.transfer.CopySequence;
import io.aeroshift.transfer.InMemoryCheckpointStore;
import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.transfer.PassSummary;
import io.aeroshift.transfer.TransferPolicies;
import io.aeroshift.transfer.TransferSettings;
import io.aeroshift.transfer.WorkUnit;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/aeroshift copy}: a one-off copy outside any workflow. Full copy, one catch-up pass,
 * delete reconciliation (clients are taken as not switched: writes replace), progress on the
 * terminal, a summary, and exit 0 only if every partition of every pass completed; exit 2 for a
 * usage error or a source and target that are one cluster (SAME_CLUSTER).
 */
public final class CopyCommand implements Subcommand {

  @Override
  public String name() {
    return "copy";
  }

  @Override
  public String usage() {
    return CopyArgs.USAGE;
  }

  @Override
  public String summary() {
    return "--source H:P[,..] --target H:P[,..] --namespace NS [--set S] [--rps N]  copy a namespace";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    return execute(args, out, err);
  }

  /** Runs the command; returns the exit code (0 complete, 1 failed, 2 usage). */
  public static int execute(List<String> args, PrintStream out, PrintStream err) {
    CopyArgs parsed;
    try {
      parsed = CopyArgs.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("aeroshift copy: " + e.getMessage());
      err.println(CopyArgs.USAGE);
      return 2;
    }
    Optional<String> sameSeeds = ClusterIdentity.sameSeeds(hostList(parsed.source()), hostList(parsed.target()));
    if (sameSeeds.isPresent()) {
      err.println("aeroshift copy: SAME_CLUSTER: " + sameSeeds.get() + "; nothing was copied");
      return 2;
    }
    TransferSettings defaults = TransferSettings.defaults();
    int inFlight = defaults.maxScans() + defaults.writeConcurrency();
    try (IAerospikeClient source = CommandLineClients.connect("copy", "the source ", parsed.source(), inFlight, err);
        IAerospikeClient target = CommandLineClients.connect("copy", "the target ", parsed.target(), inFlight, err)) {
      if (source == null || target == null) {
        return 1;
      }
      Optional<String> same = ClusterIdentity.sameCluster(source, target, parsed.namespace());
      if (same.isPresent()) {
        err.println("aeroshift copy: SAME_CLUSTER: " + same.get() + "; nothing was copied");
        return 2;
      }
      return copy(parsed, source, target, out);
    }
  }

  static int copy(CopyArgs args, IAerospikeClient source, IAerospikeClient target, PrintStream out) {
    TransferSettings settings = TransferSettings.defaults().withRecordsPerSecond(args.recordsPerSecond())
        .withUnreachableDeadline(args.unreachableDeadline());
    TransferPolicies policies = new TransferPolicies(settings);
    Clock clock = Clock.systemUTC();
    CopyEngine engine = new CopyEngine("cli-" + Instant.now().toEpochMilli(),
        new AerospikeRecordSource(source, policies), new AerospikeRecordSource(target, policies),
        new AerospikeRecordSink(target, policies, clock), new InMemoryCheckpointStore(), settings,
        clock);
    long estimate = estimateObjects(source, args.namespace(), args.set());
    out.println("copy " + args.namespace() + (args.set() == null ? "" : "/" + args.set())
 + " from " + seeds(args.source()) + " to " + seeds(args.target()) + ", about " + estimate + " records"
        + (args.recordsPerSecond() > 0 ? ", limit " + args.recordsPerSecond() + " records/s" : ""));
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "copy-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(
        () -> engine.progress().ifPresent(p -> out.println(progressLine(p))), 1, 1, TimeUnit.SECONDS);
    CopySequence.Outcome outcome;
    try {
      outcome = CopySequence.run(engine, args.namespace(), args.set(), () -> estimate, new CopySequence.Steps() {});
    } finally {
      ticker.shutdownNow();
    }
    boolean complete = outcome.complete();
    out.println("summary:");
    for (PassSummary s : outcome.passes()) {
      out.println("  " + summaryLine(s));
      int shown = 0;
      for (Map.Entry<Integer, String> f : s.failures().entrySet()) {
        if (shown++ == 20) {
          out.println("    ... " + (s.failures().size() - 20) + " more failed partitions");
          break;
        }
        out.println("    partition " + f.getKey() + " FAILED: " + f.getValue());
      }
    }
    List<PassSummary> passes = outcome.passes();
    PassSummary last = passes.get(passes.size() - 1);
    if (last.failure() != null) {
      // one reason for the whole run (a side unreachable, the namespace missing): no partition list
      out.println("copy FAILED: " + last.failure().describe());
      return 1;
    }
    out.println(complete
        ? "copy complete: every partition of every pass completed"
        : "copy INCOMPLETE: see the failed partitions above; rerun to retry");
    return complete ? 0 : 1;
  }

  private static String seeds(List<com.aerospike.client.Host> hosts) {
    return String.join(",", hostList(hosts));
  }

  private static List<String> hostList(List<com.aerospike.client.Host> hosts) {
    List<String> out = new ArrayList<>();
    for (com.aerospike.client.Host h : hosts) {
      out.add(h.name + ":" + h.port);
    }
    return out;
  }

  /** One terminal line of progress. */
  static String progressLine(CopyProgress p) {
    return String.format("  pass %d %-9s %5.1f%%  %,d records  %,d bytes  %,.0f rec/s  ETA %s"
            + "  partitions %d/%d done, %d failed",
        p.pass(), p.kind(), p.fractionDone() * 100, p.records(), p.bytes(), p.recordsPerSecond(),
        p.eta() == null ? "?" : format(p.eta()), p.partitionsDone(), PartitionIds.COUNT,
        p.partitionsFailed());
  }

  static String summaryLine(PassSummary s) {
    return String.format("pass %d %-9s %s in %s: %,d records, %,d bytes, %d expired skipped,"
            + " %d deleted, %d refused, %d in doubt, partitions %d/%d done, %d failed",
        s.pass(), s.kind(), s.complete() ? "complete" : "INCOMPLETE", format(s.duration()),
        s.records(), s.bytes(), s.skippedExpired(), s.deleted(), s.conflicts(), s.inDoubt(),
        s.partitionsDone(), s.partitionsTotal(), s.failures().size());
  }

  private static String format(Duration d) {
    long s = d.toSeconds();
    return String.format("%d:%02d:%02d.%d", s / 3600, (s / 60) % 60, s % 60, d.toMillisPart() / 100);
  }

  /** Objects in the namespace (or set) across nodes divided by the replication factor; 0 if unknown. */
  static long estimateObjects(IAerospikeClient client, String namespace, String set) {
    try {
      long objects = 0;
      long rf = 1;
      for (Node node : client.getNodes()) {
        String ns = Info.request(null, node, "namespace/" + namespace);
        rf = Math.max(1, field(ns, "replication-factor", 1));
        if (set == null) {
          objects += field(ns, "objects", 0);
        } else {
          objects += field(Info.request(null, node, "sets/" + namespace + "/" + set), "objects", 0);
        }
      }
      return Math.round((double) objects / rf);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static long field(String info, String name, long fallback) {
    if (info == null) {
      return fallback;
    }
    for (String kv : info.split("[;:]")) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(0, eq).trim().equals(name)) {
        try {
          return Long.parseLong(kv.substring(eq + 1).trim());
        } catch (NumberFormatException e) {
          return fallback;
        }
      }
    }
    return fallback;
  }
}
