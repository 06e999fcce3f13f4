package io.aeroshift.emulator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone launcher: {@code bin/emulator --nodes N --port P --namespace NS [--edition community|enterprise]
 * [--build X.Y.Z.W] [--replication-factor RF] [--cluster-name NAME] [--user NAME:PASSWORD[:ROLE,ROLE]]
 * [--records R --record-size B --sets a,b]}. Prints {@code READY host:port,...} once every node accepts
 * connections and runs until killed; SIGTERM closes the cluster through a shutdown hook.
 */
public final class EmulatorMain {
  static final String USAGE = "usage: bin/emulator --nodes N --port P --namespace NS[,NS2] [--edition community|enterprise] "
      + "[--build X.Y.Z.W] [--replication-factor RF] [--cluster-name NAME] [--user NAME:PASSWORD[:ROLE,ROLE]] "
      + "[--records R --record-size B --sets a,b] [--latency-ms MS] [--drop-fraction F] [--lose-writes F] "
      + "[--clock-offset-ms NODE:MS[,NODE:MS]] [--stopped-nodes I[,J]]";

  private EmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(USAGE);
      System.exit(0);
      return;
    }
    EmulatedCluster cluster;
    try {
      cluster = launch(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("emulator: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    } catch (java.io.UncheckedIOException e) {
      // one line, not a trace: the port is the user's choice and another process holds it
      System.err.println("emulator: " + e.getMessage() + ": " + (e.getCause() instanceof java.net.BindException
          ? "it is in use by another process; choose another with --port" : e.getCause().getMessage()));
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cluster.close();
      stopped.countDown();
    }, "emulator-shutdown"));
    stopped.await();
  }

  /** Parses the arguments, starts the cluster, loads records and prints the READY line. */
  static EmulatedCluster launch(String[] args, PrintStream out) {
    Map<String, String> opts = parse(args);
    int nodes = intOpt(opts, "nodes", 1);
    int port = intOpt(opts, "port", 3000);
    int rf = intOpt(opts, "replication-factor", Math.min(2, nodes));
    EmulatedCluster.Builder b = EmulatedCluster.builder().nodes(nodes).basePort(port)
        .edition(edition(opts.getOrDefault("edition", "community")))
        .build(opts.getOrDefault("build", "7.2.0.6"));
    if (opts.containsKey("cluster-name")) b.clusterName(opts.get("cluster-name"));
    List<String> namespaces = list(opts.getOrDefault("namespace", "test"));
    for (String ns : namespaces) b.namespace(NamespaceSpec.named(ns).replicationFactor(rf));
    if (opts.containsKey("user")) {
      String[] u = opts.get("user").split(":", 3);
      if (u.length < 2) throw new IllegalArgumentException("--user must be NAME:PASSWORD[:ROLE,ROLE]");
      b.user(u[0], u[1], u.length == 3 ? u[2].split(",") : new String[0]);
    }
    int records = intOpt(opts, "records", 0);
    int recordSize = intOpt(opts, "record-size", 100);
    List<String> sets = list(opts.getOrDefault("sets", "demo"));
    FaultOptions faults = FaultOptions.parse(opts, nodes);
    EmulatedCluster cluster = b.start();
    try {
      if (records > 0) {
        for (String set : sets) cluster.loadRecords(namespaces.get(0), set, records, recordSize);
      }
      faults.applyTo(cluster);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    // every node's port, stopped ones too: they are started again on it (aeroshift-fault:start-node=I)
    out.println("READY " + String.join(",", cluster.seeds()));
    out.flush();
    return cluster;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    List<String> known = Arrays.asList("nodes", "port", "namespace", "edition", "build", "replication-factor",
        "cluster-name", "user", "records", "record-size", "sets", "latency-ms", "drop-fraction", "lose-writes",
        "clock-offset-ms", "stopped-nodes");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + a + "'");
      String name = a.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else {
        if (i + 1 >= args.length) throw new IllegalArgumentException("option --" + name + " needs a value");
        value = args[++i];
      }
      if (!known.contains(name)) throw new IllegalArgumentException("unknown option --" + name);
      opts.put(name, value);
    }
    return opts;
  }

  private static int intOpt(Map<String, String> opts, String name, int dflt) {
    String v = opts.get(name);
    if (v == null) return dflt;
    try {
      int n = Integer.parseInt(v);
      if (n < 0) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a non-negative integer, got '" + v + "'");
    }
  }

  private static Edition edition(String v) {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "community": return Edition.COMMUNITY;
      case "enterprise": return Edition.ENTERPRISE;
      default: throw new IllegalArgumentException("--edition must be community or enterprise, got '" + v + "'");
    }
  }

  private static List<String> list(String v) {
    List<String> out = new ArrayList<>();
    for (String s : v.split(",")) if (!s.isBlank()) out.add(s.trim());
    if (out.isEmpty()) throw new IllegalArgumentException("empty list '" + v + "'");
    return out;
  }

  /** The fault options of the command line, checked before the cluster starts. */
  private record FaultOptions(long latencyMs, double dropFraction, double loseWrites, Map<Integer, Long> clockOffsets,
      List<Integer> stoppedNodes) {

    static FaultOptions parse(Map<String, String> opts, int nodes) {
      long latency = intOpt(opts, "latency-ms", 0);
      double drop = fraction(opts, "drop-fraction");
      double lose = fraction(opts, "lose-writes");
      Map<Integer, Long> clocks = new LinkedHashMap<>();
      if (opts.containsKey("clock-offset-ms")) {
        for (String pair : list(opts.get("clock-offset-ms"))) {
          String[] p = pair.split(":", 2);
          try {
            if (p.length != 2) throw new NumberFormatException();
            clocks.put(node(Integer.parseInt(p[0]), nodes, "--clock-offset-ms"), Long.parseLong(p[1]));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--clock-offset-ms must be NODE:MS[,NODE:MS], got '" + pair + "'");
          }
        }
      }
      List<Integer> stopped = new ArrayList<>();
      if (opts.containsKey("stopped-nodes")) {
        for (String i : list(opts.get("stopped-nodes"))) {
          try {
            stopped.add(node(Integer.parseInt(i), nodes, "--stopped-nodes"));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--stopped-nodes must be node indexes 0.." + (nodes - 1) + ", got '" + i + "'");
          }
        }
        if (stopped.size() >= nodes) throw new IllegalArgumentException("--stopped-nodes would stop every node");
      }
      return new FaultOptions(latency, drop, lose, clocks, stopped);
    }

    void applyTo(EmulatedCluster cluster) {
      Faults f = cluster.faults();
      f.latency(java.time.Duration.ofMillis(latencyMs)).dropFraction(dropFraction).loseWritesFraction(loseWrites);
      clockOffsets.forEach((node, ms) -> f.clockOffset(node, java.time.Duration.ofMillis(ms)));
      stoppedNodes.forEach(cluster::stopNode);
    }

    private static int node(int i, int nodes, String option) {
      if (i < 0 || i >= nodes) throw new IllegalArgumentException(option + ": node " + i + " out of 0.." + (nodes - 1));
      return i;
    }

    private static double fraction(Map<String, String> opts, String name) {
      String v = opts.get(name);
      if (v == null) return 0;
      try {
        double d = Double.parseDouble(v);
        if (d >= 0 && d <= 1) return d;
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
      throw new IllegalArgumentException("--" + name + " must be a fraction 0..1, got '" + v + "'");
    }
  }
}
