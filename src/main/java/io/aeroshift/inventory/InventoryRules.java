package io.aeroshift.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules every cluster entry obeys, wherever it comes from (inventory file, REST request).
 * Pure: returns every violation found, so a caller reports them all at once.
 */
public final class InventoryRules {
  /** Inventory names and team names: DNS-label-like, so they can become Kubernetes names. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_.-]+):(\\d{1,5})");

  private InventoryRules() {}

  /**
   * A violation.
   *
   * @param field field path relative to the entry, e.g. {@code seeds[0]}
   * @param reason what is wrong
   */
  public record Violation(String field, String reason) {}

  /** Every violation of {@code entry}; empty when the entry is valid. */
  public static List<Violation> check(ClusterEntry entry) {
    List<Violation> out = new ArrayList<>();
    checkName(out, "name", entry.name());
    checkName(out, "team", entry.team());
    if (entry.seeds().isEmpty()) {
      out.add(new Violation("seeds", "missing required field (at least one host:port)"));
    }
    for (int i = 0; i < entry.seeds().size(); i++) {
      String seed = entry.seeds().get(i);
      String why = seedProblem(seed);
      if (why != null) {
        out.add(new Violation("seeds[" + i + "]", why));
      }
    }
    if (entry.tls() != null && entry.tls().name() != null && entry.tls().name().isBlank()) {
      out.add(new Violation("tls.name", "must not be blank"));
    }
    CredentialsRef c = entry.credentials();
    if (c != null) {
      if (c.user() == null || c.user().isBlank()) {
        out.add(new Violation("credentials.user", "missing required field"));
      }
      PasswordSource p = c.passwordFrom();
      if (p == null) {
        out.add(new Violation("credentials.passwordFrom", "missing required field (one of env, file, secret)"));
      } else if (p.referencesSet() != 1) {
        out.add(new Violation("credentials.passwordFrom", "set exactly one of env, file, secret (found " + p.referencesSet() + ")"));
      } else {
        if (p.env() != null && !p.env().matches("[A-Za-z_][A-Za-z0-9_]*")) {
          out.add(new Violation("credentials.passwordFrom.env", "not a valid environment variable name"));
        }
        if (p.file() != null && p.file().isBlank()) {
          out.add(new Violation("credentials.passwordFrom.file", "must not be blank"));
        }
        if (p.secret() != null) {
          if (p.secret().name() == null || p.secret().name().isBlank()) {
            out.add(new Violation("credentials.passwordFrom.secret.name", "missing required field"));
          }
          if (p.secret().key() == null || p.secret().key().isBlank()) {
            out.add(new Violation("credentials.passwordFrom.secret.key", "missing required field"));
          }
        }
      }
    }
    for (Map.Entry<String, String> label : entry.labels().entrySet()) {
      if (label.getKey() == null || label.getKey().isBlank() || label.getValue() == null) {
        out.add(new Violation("labels", "label keys and values must be non-empty strings"));
        break;
      }
    }
    int labelChars = 2;
    for (Map.Entry<String, String> label : entry.labels().entrySet()) {
      labelChars += jsonLength(label.getKey()) + jsonLength(label.getValue()) + 6;
    }
    if (labelChars > MAX_STORED_JSON) {
      out.add(new Violation("labels", "labels take " + labelChars + " characters stored; at most " + MAX_STORED_JSON));
    }
    int seedChars = 2;
    for (String seed : entry.seeds()) {
      seedChars += jsonLength(seed) + 3;
    }
    if (seedChars > MAX_STORED_JSON) {
      out.add(new Violation("seeds", "seeds take " + seedChars + " characters stored; at most " + MAX_STORED_JSON));
    }
    return out;
  }

  /** Stored JSON columns hold this many characters (V1: VARCHAR(4000)); checked before storage. */
  public static final int MAX_STORED_JSON = 4000;

  /** Characters a string takes as a JSON string body (quotes excluded), as Jackson escapes it. */
  private static int jsonLength(String s) {
    if (s == null) {
      return 4;
    }
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c == '"' || c == '\\' ? 2 : c < 0x20 ? 6 : 1;
    }
    return n;
  }

  private static void checkName(List<Violation> out, String field, String value) {
    if (value == null || value.isEmpty()) {
      out.add(new Violation(field, "missing required field"));
    } else if (!NAME.matcher(value).matches()) {
      out.add(new Violation(field, "'" + value + "' is not a valid name (lower-case letters, digits and '-', at most 63 characters)"));
    }
  }

  /** Why {@code seed} is not a usable {@code host:port}, or null when it is. */
  public static String seedProblem(String seed) {
    if (seed == null || seed.isBlank()) {
      return "empty seed";
    }
    var m = HOST_PORT.matcher(seed.trim());
    if (!m.matches()) {
      return "'" + seed + "' is not host:port";
    }
    int port = Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) {
      return "port " + port + " out of range 1..65535";
    }
    return null;
  }
}
