package io.aeroshift.discovery;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.TlsPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place Aeroshift builds Aerospike clients and their policies from a cluster reference
 * ({@link ConnectionSpec}: seeds, user, resolved password, TLS, timeout). Discovery, validation,
 * copy runs, the API's reachability checks and the one-off commands all connect through here, so
 * a timeout, TLS or connection-pool rule is decided once. Policies are built per call and never
 * shared: the client copies nothing, and a policy changed by one caller must not leak to another.
 */
public final class AerospikeClients {
  /** Connections per node enough for discovery's and the probes' info commands. */
  static final int BASE_CONNECTIONS_PER_NODE = 8;
  /** Connections per node beyond a caller's commands in flight: info requests, tend, a retry. */
  static final int SPARE_CONNECTIONS_PER_NODE = 4;

  private AerospikeClients() {}

  /** The client policy of a cluster reference (user, password, TLS, timeouts). */
  public static ClientPolicy policy(ConnectionSpec spec) {
    ClientPolicy p = new ClientPolicy();
    int ms = (int) spec.timeout().toMillis();
    p.timeout = ms;
    p.loginTimeout = ms;
    p.failIfNotConnected = true;
    p.minConnsPerNode = 0;
    p.maxConnsPerNode = BASE_CONNECTIONS_PER_NODE;
    p.tendInterval = 1000;
    if (spec.user() != null) {
      p.user = spec.user();
      p.password = spec.password();
    }
    if (spec.tls() != null && spec.tls().enabled()) {
      p.tlsPolicy = new TlsPolicy();
    }
    return p;
  }

  /** The policy of plain seeds: no user, no TLS (the one-off commands' {@code --source H:P}). */
  public static ClientPolicy anonymousPolicy(Duration timeout) {
    return policy(new ConnectionSpec(List.of(), null, null, null, timeout));
  }

  /**
   * A copy of {@code template} with room for {@code commandsInFlight} concurrent commands per node
   * (scans, writes) besides the spare connections; never fewer connections than the template.
   */
  public static ClientPolicy forCommandsInFlight(ClientPolicy template, int commandsInFlight) {
    ClientPolicy p = template == null ? new ClientPolicy() : new ClientPolicy(template);
    p.failIfNotConnected = true;
    p.maxConnsPerNode = Math.max(p.maxConnsPerNode, commandsInFlight + SPARE_CONNECTIONS_PER_NODE);
    return p;
  }

  /** The seeds of a cluster reference as client hosts (TLS name set when TLS is on). */
  public static Host[] hosts(ConnectionSpec spec) {
    String tlsName = spec.tls() != null && spec.tls().enabled() ? spec.tls().name() : null;
    List<Host> out = new ArrayList<>();
    for (String seed : spec.seeds()) {
      int colon = seed.lastIndexOf(':');
      String host = seed.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      out.add(new Host(host, tlsName, Integer.parseInt(seed.substring(colon + 1))));
    }
    return out.toArray(Host[]::new);
  }

  /**
   * Connects to a cluster reference with room for {@code commandsInFlight} commands per node.
   *
   * @throws com.aerospike.client.AerospikeException when no seed can be reached or login fails
   */
  public static AerospikeClient connect(ConnectionSpec spec, int commandsInFlight) {
    return connect(forCommandsInFlight(policy(spec), commandsInFlight), hosts(spec));
  }

  /**
   * Connects with a policy built by this class (or a caller's copy of one). The only place a
   * client is constructed.
   *
   * @throws com.aerospike.client.AerospikeException when no seed can be reached or login fails
   */
  public static AerospikeClient connect(ClientPolicy policy, Host... seeds) {
    return new AerospikeClient(policy, seeds);
  }

  /** {@link #connect(ClientPolicy, Host...)} for a list of seeds. */
  public static AerospikeClient connect(ClientPolicy policy, List<Host> seeds) {
    return connect(policy, seeds.toArray(Host[]::new));
  }
}
