package io.aeroshift.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads an inventory YAML document into cluster entries. Pure (text in, entries out). It works on
 * the YAML node tree rather than on bound objects so that every problem carries the line it is on.
 * All problems are gathered and thrown together: a document with any problem yields nothing.
 *
 * <pre>
 * clusters:
 *   - name: orders-eu           # required, unique
 *     team: payments            # required
 *     seeds: ["10.0.0.1:3000"]  # required, host:port
 *     tls: {enabled: true, name: orders-tls}             # optional
 *     credentials:                                       # optional: a REFERENCE, never a password
 *       user: migrator
 *       passwordFrom: {env: ORDERS_EU_PASSWORD}          # or {file: /path} or {secret: {name: n, key: k}}
 *     labels: {env: prod}                                # optional
 * </pre>
 */
public final class InventoryParser {
  private static final Set<String> ENTRY_FIELDS = Set.of("name", "team", "seeds", "tls", "credentials", "labels");
  private static final Set<String> TLS_FIELDS = Set.of("enabled", "name");
  private static final Set<String> CREDENTIAL_FIELDS = Set.of("user", "passwordFrom");
  private static final Set<String> PASSWORD_FROM_FIELDS = Set.of("env", "file", "secret");
  private static final Set<String> SECRET_FIELDS = Set.of("name", "key", "namespace");

  private final String source;
  private final List<InventoryProblem> problems = new ArrayList<>();

  private InventoryParser(String source) {
    this.source = source;
  }

  /**
   * Parses and validates a whole inventory document.
   *
   * @param source how to name the document in messages: the file path, or {@code request body}
   * @param yaml the document
   * @return the entries, in document order
   * @throws InvalidInventoryException listing every problem, each with source, line and reason
   */
  public static List<ClusterEntry> parse(String source, String yaml) {
    return new InventoryParser(source).run(yaml);
  }

  private List<ClusterEntry> run(String yaml) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(new SafeConstructor(options)).compose(new java.io.StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new InvalidInventoryException(List.of(new InventoryProblem(source, line, null, null,
          "not valid YAML: " + e.getProblem())));
    } catch (YAMLException e) {
      throw new InvalidInventoryException(List.of(new InventoryProblem(source, 0, null, null, "not valid YAML")));
    }
    if (!(root instanceof MappingNode)) {
      fail(root, null, null, "expected a mapping with a 'clusters' list");
      throw new InvalidInventoryException(problems);
    }
    Map<String, Node> top = fields((MappingNode) root, null, "", Set.of("clusters"));
    Node clusters = top.get("clusters");
    if (clusters == null) {
      fail(root, null, "clusters", "missing required field");
      throw new InvalidInventoryException(problems);
    }
    if (!(clusters instanceof SequenceNode)) {
      fail(clusters, null, "clusters", "expected a list of clusters");
      throw new InvalidInventoryException(problems);
    }
    List<ClusterEntry> entries = new ArrayList<>();
    Map<String, Integer> firstLineOfName = new HashMap<>();
    List<Node> items = ((SequenceNode) clusters).getValue();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String at = "clusters[" + i + "]";
      if (!(item instanceof MappingNode)) {
        fail(item, null, at, "expected a mapping (name, team, seeds, ...)");
        continue;
      }
      int before = problems.size();
      ClusterEntry entry = entry((MappingNode) item, at);
      if (entry == null) {
        continue;
      }
      Map<String, Node> f = quietFields((MappingNode) item);
      for (InventoryRules.Violation v : InventoryRules.check(entry)) {
        String top1 = v.field().split("[.\\[]")[0];
        Node where = f.getOrDefault(top1, item);
        fail(where, entry.name(), at + "." + v.field(), v.reason());
      }
      if (entry.name() != null && !entry.name().isEmpty()) {
        Integer first = firstLineOfName.putIfAbsent(entry.name(), line(item));
        if (first != null) {
          fail(f.getOrDefault("name", item), entry.name(), at + ".name",
              "duplicate cluster name '" + entry.name() + "' (first defined at line " + first + ")");
        }
      }
      if (problems.size() == before) {
        entries.add(entry);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInventoryException(problems);
    }
    return entries;
  }

  private ClusterEntry entry(MappingNode node, String at) {
    Map<String, Node> f = fields(node, null, at, ENTRY_FIELDS);
    String name = scalar(f.get("name"), null, at + ".name");
    String team = scalar(f.get("team"), name, at + ".team");
    List<String> seeds = new ArrayList<>();
    Node seedsNode = f.get("seeds");
    if (seedsNode instanceof SequenceNode) {
      for (Node s : ((SequenceNode) seedsNode).getValue()) {
        String v = scalar(s, name, at + ".seeds");
        if (v != null) {
          seeds.add(v);
        }
      }
    } else if (seedsNode != null) {
      fail(seedsNode, name, at + ".seeds", "expected a list of host:port");
    }
    TlsSettings tls = null;
    Node tlsNode = f.get("tls");
    if (tlsNode instanceof MappingNode) {
      Map<String, Node> t = fields((MappingNode) tlsNode, name, at + ".tls", TLS_FIELDS);
      String enabled = scalar(t.get("enabled"), name, at + ".tls.enabled");
      if (enabled != null && !enabled.equals("true") && !enabled.equals("false")) {
        fail(t.get("enabled"), name, at + ".tls.enabled", "expected true or false");
      }
      tls = new TlsSettings("true".equals(enabled), scalar(t.get("name"), name, at + ".tls.name"));
    } else if (tlsNode != null) {
      fail(tlsNode, name, at + ".tls", "expected a mapping {enabled, name}");
    }
    CredentialsRef credentials = null;
    Node credNode = f.get("credentials");
    if (credNode instanceof MappingNode) {
      credentials = credentials((MappingNode) credNode, name, at + ".credentials");
    } else if (credNode != null) {
      fail(credNode, name, at + ".credentials", "expected a mapping {user, passwordFrom}");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    Node labelsNode = f.get("labels");
    if (labelsNode instanceof MappingNode) {
      for (NodeTuple t : ((MappingNode) labelsNode).getValue()) {
        String k = scalar(t.getKeyNode(), name, at + ".labels");
        String v = scalar(t.getValueNode(), name, at + ".labels." + k);
        if (k != null && v != null) {
          labels.put(k, v);
        }
      }
    } else if (labelsNode != null) {
      fail(labelsNode, name, at + ".labels", "expected a mapping of strings");
    }
    return new ClusterEntry(name, team, seeds, tls, credentials, labels);
  }

  private CredentialsRef credentials(MappingNode node, String cluster, String at) {
    for (NodeTuple t : node.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode ? ((ScalarNode) t.getKeyNode()).getValue() : "";
      if (key.equalsIgnoreCase("password")) {
        // The value is deliberately not echoed: it is a secret someone pasted by mistake.
        fail(t.getKeyNode(), cluster, at + ".password",
            "clear-text passwords are not accepted: use passwordFrom (env, file or secret)");
      }
    }
    Map<String, Node> c = fields(node, cluster, at, CREDENTIAL_FIELDS, Set.of("password"));
    String user = scalar(c.get("user"), cluster, at + ".user");
    PasswordSource from = null;
    Node fromNode = c.get("passwordFrom");
    if (fromNode instanceof MappingNode) {
      Map<String, Node> p = fields((MappingNode) fromNode, cluster, at + ".passwordFrom", PASSWORD_FROM_FIELDS);
      PasswordSource.SecretKeyRef secret = null;
      Node secretNode = p.get("secret");
      if (secretNode instanceof MappingNode) {
        Map<String, Node> s = fields((MappingNode) secretNode, cluster, at + ".passwordFrom.secret", SECRET_FIELDS);
        secret = new PasswordSource.SecretKeyRef(
            scalar(s.get("name"), cluster, at + ".passwordFrom.secret.name"),
            scalar(s.get("key"), cluster, at + ".passwordFrom.secret.key"),
            scalar(s.get("namespace"), cluster, at + ".passwordFrom.secret.namespace"));
      } else if (secretNode != null) {
        fail(secretNode, cluster, at + ".passwordFrom.secret", "expected a mapping {name, key, namespace}");
      }
      from = new PasswordSource(
          scalar(p.get("env"), cluster, at + ".passwordFrom.env"),
          scalar(p.get("file"), cluster, at + ".passwordFrom.file"),
          secret);
    } else if (fromNode != null) {
      fail(fromNode, cluster, at + ".passwordFrom", "expected a mapping with one of env, file, secret");
    }
    return new CredentialsRef(user, from);
  }

  private Map<String, Node> fields(MappingNode node, String cluster, String at, Set<String> allowed) {
    return fields(node, cluster, at, allowed, Set.of());
  }

  /** The node's fields by name; unknown names are problems unless listed in {@code reported}. */
  private Map<String, Node> fields(MappingNode node, String cluster, String at, Set<String> allowed, Set<String> reported) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : node.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode)) {
        fail(t.getKeyNode(), cluster, at, "field names must be plain strings");
        continue;
      }
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      if (allowed.contains(key)) {
        out.put(key, t.getValueNode());
      } else if (!reported.contains(key.toLowerCase())) {
        fail(t.getKeyNode(), cluster, at.isEmpty() ? key : at + "." + key,
            "unknown field (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
    return out;
  }

  private static Map<String, Node> quietFields(MappingNode node) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : node.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode) {
        out.put(((ScalarNode) t.getKeyNode()).getValue(), t.getValueNode());
      }
    }
    return out;
  }

  private String scalar(Node node, String cluster, String at) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof ScalarNode)) {
      fail(node, cluster, at, "expected a single value");
      return null;
    }
    String v = ((ScalarNode) node).getValue();
    return "null".equals(v) || "~".equals(v) ? null : v;
  }

  private void fail(Node node, String cluster, String field, String reason) {
    problems.add(new InventoryProblem(source, line(node), cluster, field, reason));
  }

  private static int line(Node node) {
    return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
