package io.aeroshift.jobs;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.discovery.ClusterIdentity;
import io.aeroshift.discovery.ConnectFailures;
import io.aeroshift.discovery.ConnectionSpec;
import io.aeroshift.discovery.DiscoveryException;
import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.inventory.RegisteredCluster;
import io.aeroshift.outcome.RequestRefused;
import io.aeroshift.validation.AerospikeValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;

/**
 * How the API turns "a registered source and a target (registered cluster or seeds)" into checked
 * names and connections, for every endpoint that reads two clusters (validations, copies): the
 * same 400/404/502 problems everywhere, naming the field and the side. Connections are made
 * exactly as discovery makes them (seeds, user, password reference, TLS).
 */
@ApplicationScoped
public class ClusterEndpoints {

  @Inject Inventory inventory;
  @Inject DiscoveryService discovery;

  /**
   * A checked pair; the password is not kept here.
   *
   * @param sourceName registered source
   * @param sourceTeam the source's team (who may read what is done with it)
   * @param targetCluster registered target, or null when the target is given by seeds
   * @param targetSeeds the target's seeds when not registered, else null
   */
  public record Endpoints(String sourceName, String sourceTeam, String targetCluster, List<String> targetSeeds) {
    /** The target as shown in scopes and views: its registered name or its seeds joined by commas. */
    public String targetName() {
      return targetCluster != null ? targetCluster : String.join(",", targetSeeds);
    }

    /** {@code source->target/namespace}. */
    public String scope(String namespace) {
      return sourceName + "->" + targetName() + "/" + namespace;
    }
  }

  /** Checks the names and the seed syntax (no connection): 400 INVALID_REQUEST or 404 CLUSTER_NOT_FOUND. */
  public Endpoints resolve(String source, TargetRef target) {
    if (blank(source)) {
      throw new RequestRefused(400, "INVALID_REQUEST", "source: the registered name of the source cluster is required");
    }
    boolean noSeeds = target == null || target.seeds() == null || target.seeds().isEmpty();
    if (target == null || blank(target.cluster()) == noSeeds) {
      throw new RequestRefused(400, "INVALID_REQUEST",
          "target: give exactly one of {\"cluster\":\"<registered name>\"} and {\"seeds\":[\"host:port\",...]}");
    }
    RegisteredCluster src = inventory.find(source).orElseThrow(() ->
        new RequestRefused(404, "CLUSTER_NOT_FOUND", "source: no registered cluster named '" + source + "'"));
    if (!blank(target.cluster())) {
      RegisteredCluster tgt = inventory.find(target.cluster()).orElseThrow(() ->
          new RequestRefused(404, "CLUSTER_NOT_FOUND", "target.cluster: no registered cluster named '" + target.cluster() + "'"));
      String name = tgt.name();
      if (name.equals(src.name())) {
        throw ClusterIdentity.sameClusterRefusal("target.cluster: '" + name + "' is the source itself");
      }
      ClusterIdentity.sameSeeds(src.entry().seeds(), tgt.entry().seeds()).ifPresent(why -> {
        throw ClusterIdentity.sameClusterRefusal("target.cluster: '" + name + "': " + why);
      });
      return new Endpoints(src.name(), src.team(), name, null);
    }
    List<String> seeds = List.copyOf(target.seeds());
    for (int i = 0; i < seeds.size(); i++) {
      String seed = seeds.get(i);
      if (seed == null || !seed.matches("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):\\d{1,5}")
          || Integer.parseInt(seed.substring(seed.lastIndexOf(':') + 1)) > 65535) {
        throw new RequestRefused(400, "INVALID_REQUEST", "target.seeds[" + i + "]: '" + seed + "' is not host:port");
      }
    }
    ClusterIdentity.sameSeeds(src.entry().seeds(), seeds).ifPresent(why -> {
      throw ClusterIdentity.sameClusterRefusal("target.seeds: " + why);
    });
    return new Endpoints(src.name(), src.team(), null, seeds);
  }

  /** How to reach the source (422 CREDENTIALS_UNAVAILABLE through the problem mappers if its password cannot be read). */
  public ConnectionSpec source(Endpoints e) {
    return discovery.connection(e.sourceName());
  }

  /** How to reach the target. */
  public ConnectionSpec target(Endpoints e) {
    return e.targetCluster() != null ? discovery.connection(e.targetCluster()) : discovery.connectionToSeeds(e.targetSeeds());
  }

  /**
   * Connects to both sides one at a time, so a failure names the side (502
   * {@code SOURCE_|TARGET_<reason>}), checks that both serve {@code namespace} (404
   * NAMESPACE_NOT_FOUND naming the side) and that they are two clusters (409 SAME_CLUSTER: same
   * node ids or addresses, or same cluster-name). Nothing is read or written.
   */
  public void requireReachable(Endpoints e, String namespace) {
    try (IAerospikeClient source = probe("source", e.sourceName(), source(e))) {
      requireNamespace(source, "source", e.sourceName(), namespace);
      try (IAerospikeClient target = probe("target", e.targetName(), target(e))) {
        requireNamespace(target, "target", e.targetName(), namespace);
        ClusterIdentity.requireDistinct(source, target, namespace);
      }
    }
  }

  private static void requireNamespace(IAerospikeClient c, String side, String name, String namespace) {
    if (namespace != null && !AerospikeValidator.hasNamespace(c, namespace)) {
      throw new RequestRefused(404, "NAMESPACE_NOT_FOUND", "namespace: " + side + " " + name
          + " has no namespace '" + namespace + "'");
    }
  }

  /** A connected client of one side, or 502 naming the side and the reason. */
  static IAerospikeClient probe(String side, String name, ConnectionSpec spec) {
    AerospikeClient c;
    try {
      c = AerospikeClients.connect(spec, 0);
    } catch (AerospikeException e) {
      throw unreachable(side, name, spec.seeds(), e);
    }
    if (c.getNodes().length == 0) {
      c.close();
      throw new RequestRefused(502, side.toUpperCase(Locale.ROOT) + "_SEEDS_UNREACHABLE", side + " " + name + ": no node connected");
    }
    return c;
  }

  /** 502 with the connect failure's reason, prefixed by the side ({@code TARGET_SEEDS_UNREACHABLE}). */
  static RequestRefused unreachable(String side, String name, List<String> seeds, AerospikeException e) {
    DiscoveryException.Reason reason = ConnectFailures.classify(e.getResultCode(), e.getMessage());
    String code = side.startsWith("source or") ? reason.name() : side.toUpperCase(Locale.ROOT) + "_" + reason.name();
    return new RequestRefused(502, code, side + " " + name + ": " + ConnectFailures.describe(reason, seeds, e.getMessage()));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
