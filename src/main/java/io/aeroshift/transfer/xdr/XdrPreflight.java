package io.aeroshift.transfer.xdr;

import io.aeroshift.discovery.InfoParser;
import io.aeroshift.discovery.ServerVersion;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a source can replicate with XDR, from what each node reports ({@code edition},
 * {@code build}, {@code feature-key}); pure. Community Edition has no XDR (its server answers the
 * xdr context with "enterprise only"); dynamic XDR with rewind exists from server 5.0; the feature
 * key must enable {@code asdb-xdr}, and {@code asdb-change-notification} for the proxy (connector)
 * path. Every problem of every node is gathered before failing once.
 */
public final class XdrPreflight {
  /** The first server with the 5.0 XDR (dynamic DCs, rewind, the statistics read here). */
  public static final ServerVersion FIRST_DYNAMIC_XDR = new ServerVersion(5, 0, 0, 0);
  static final String OTHER_MODES = "use copy mode SCAN_COPY or BACKUP_RESTORE, which work on Community Edition"
      + " (or upgrade the source nodes in place to Enterprise with an XDR feature key first)";

  /** What one node said: edition, build and feature-key replies as received (null when not answered). */
  public record NodeFacts(String node, String edition, String build, String featureKey) {}

  private XdrPreflight() {}

  /** Empty when every node can ship; otherwise one failure listing every problem. */
  public static Optional<Failure> evaluate(List<NodeFacts> nodes, XdrSettings settings, Instant at) {
    List<String> problems = new ArrayList<>();
    boolean community = false;
    if (nodes.isEmpty()) problems.add("no source node answered");
    for (NodeFacts n : nodes) {
      if (n.edition() == null || !n.edition().contains("Enterprise")) {
        community = true;
        problems.add("node " + n.node() + " runs " + (n.edition() == null ? "an unknown edition" : n.edition())
            + ", which has no XDR");
        continue;
      }
      ServerVersion v;
      try {
        v = ServerVersion.parse(n.build());
      } catch (RuntimeException e) {
        problems.add("node " + n.node() + " reports build '" + n.build() + "', not a server version");
        continue;
      }
      if (v.compareTo(FIRST_DYNAMIC_XDR) < 0) {
        problems.add("node " + n.node() + " runs " + n.build() + "; dynamic XDR with rewind needs server 5.0 or later");
      }
      Map<String, String> keys = InfoParser.keyValues(n.featureKey());
      if (!"true".equals(keys.get("asdb-xdr"))) {
        problems.add("node " + n.node() + ": the feature key does not enable asdb-xdr");
      }
      if (settings.connector() && !"true".equals(keys.get("asdb-change-notification"))) {
        problems.add("node " + n.node() + ": shipping through the XDR proxy (connector) needs the asdb-change-notification"
            + " feature, which the feature key does not enable");
      }
    }
    if (problems.isEmpty()) return Optional.empty();
    String detail = "XDR is not available on this source: " + String.join("; ", problems)
        + (community ? ". " + OTHER_MODES : "");
    return Optional.of(Failure.of(FailureReason.XDR_NOT_AVAILABLE, detail, at));
  }
}
