package io.aeroshift.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure parsing of Aerospike info-protocol values. Each method takes the value string a node
 * returned for one command and gives it structure; nothing here talks to a server.
 */
public final class InfoParser {
  private InfoParser() {}

  /** True for a missing value or a server error ({@code ERROR:<code>:<message>}, {@code error=...}). */
  public static boolean isError(String value) {
    if (value == null) {
      return true;
    }
    String v = value.trim();
    return v.regionMatches(true, 0, "ERROR", 0, 5) || v.startsWith("error=") || v.startsWith("FAIL");
  }

  /** {@code k=v;k=v} (statistics, namespace/<ns>, get-config): pairs in order; entries without '=' are dropped. */
  public static Map<String, String> keyValues(String value) {
    return keyValues(value, ';');
  }

  /** {@code k=v<sep>k=v}: pairs in order. */
  public static Map<String, String> keyValues(String value, char separator) {
    Map<String, String> out = new LinkedHashMap<>();
    if (isError(value)) {
      return out;
    }
    for (String part : split(value, separator)) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return out;
  }

  /** {@code a;b;c} (namespaces): the non-empty items. */
  public static List<String> list(String value) {
    if (isError(value)) {
      return List.of();
    }
    return split(value, ';').stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * A list of records, records separated by {@code recordSep}, fields by {@code fieldSep}, each
   * field {@code k=v}: {@code sets/<ns>} ({@code ;} and {@code :}), {@code sindex-list:} ({@code ;}
   * and {@code :}), {@code udf-list} ({@code ;} and {@code ,}).
   */
  public static List<Map<String, String>> records(String value, char recordSep, char fieldSep) {
    List<Map<String, String>> out = new ArrayList<>();
    if (isError(value)) {
      return out;
    }
    for (String rec : split(value, recordSep)) {
      if (rec.isBlank()) {
        continue;
      }
      Map<String, String> fields = keyValues(rec, fieldSep);
      if (!fields.isEmpty()) {
        out.add(fields);
      }
    }
    return out;
  }

  /** A long value of {@code key}, or {@code fallback} when absent or not a number. */
  public static long longOf(Map<String, String> kv, String key, long fallback) {
    String v = kv.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** The first key of {@code keys} present with an integer value, or null. */
  public static Integer intOfAny(Map<String, String> kv, String... keys) {
    for (String k : keys) {
      String v = kv.get(k);
      if (v != null) {
        try {
          return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
          // try the next spelling
        }
      }
    }
    return null;
  }

  /** True when any of {@code keys} is present. */
  public static boolean hasAny(Map<String, String> kv, String... keys) {
    for (String k : keys) {
      if (kv.containsKey(k)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A peer as listed by {@code peers-clear-std}.
   *
   * @param nodeId node name
   * @param tlsName TLS name or null
   * @param addresses {@code host:port} addresses (port defaulted from the list header)
   */
  public record Peer(String nodeId, String tlsName, List<String> addresses) {}

  /**
   * {@code peers-clear-std}: {@code <gen>,<defaultPort>,[[<node>,<tls>,[<host>[:port],...]],...]}.
   * IPv6 hosts are bracketed. An unparseable value gives an empty list.
   */
  public static List<Peer> peers(String value) {
    List<Peer> out = new ArrayList<>();
    if (isError(value)) {
      return out;
    }
    String v = value.trim();
    int c1 = v.indexOf(',');
    int c2 = c1 < 0 ? -1 : v.indexOf(',', c1 + 1);
    if (c2 < 0) {
      return out;
    }
    int defaultPort;
    try {
      defaultPort = Integer.parseInt(v.substring(c1 + 1, c2).trim());
    } catch (NumberFormatException e) {
      return out;
    }
    String list = v.substring(c2 + 1).trim();
    if (!list.startsWith("[") || !list.endsWith("]")) {
      return out;
    }
    for (String peer : topLevelGroups(list.substring(1, list.length() - 1))) {
      // peer = <node>,<tls>,[addr,addr]
      int a = peer.indexOf(',');
      int b = a < 0 ? -1 : peer.indexOf(',', a + 1);
      if (b < 0) {
        continue;
      }
      String node = peer.substring(0, a).trim();
      String tls = peer.substring(a + 1, b).trim();
      String addrs = peer.substring(b + 1).trim();
      if (addrs.startsWith("[") && addrs.endsWith("]")) {
        addrs = addrs.substring(1, addrs.length() - 1);
      }
      List<String> addresses = new ArrayList<>();
      for (String addr : splitAddresses(addrs)) {
        addresses.add(withPort(addr, defaultPort));
      }
      out.add(new Peer(node, tls.isEmpty() ? null : tls, addresses));
    }
    return out;
  }

  /** The contents of each top-level {@code [...]} group of {@code s}. */
  private static List<String> topLevelGroups(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = -1;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '[') {
        if (depth == 0) {
          start = i + 1;
        }
        depth++;
      } else if (ch == ']') {
        depth--;
        if (depth == 0 && start >= 0) {
          out.add(s.substring(start, i));
          start = -1;
        }
      }
    }
    return out;
  }

  /** Splits {@code a:1,[::1]:2,b} on commas outside brackets. */
  private static List<String> splitAddresses(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch == '[') depth++;
      if (ch == ']') depth--;
      if (ch == ',' && depth == 0) {
        if (!cur.toString().isBlank()) out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (!cur.toString().isBlank()) out.add(cur.toString().trim());
    return out;
  }

  private static String withPort(String addr, int defaultPort) {
    if (addr.startsWith("[")) {
      int close = addr.indexOf(']');
      return close == addr.length() - 1 ? addr + ":" + defaultPort : addr;
    }
    return addr.contains(":") ? addr : addr + ":" + defaultPort;
  }

  private static List<String> split(String value, char sep) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == sep) {
        out.add(value.substring(start, i));
        start = i + 1;
      }
    }
    out.add(value.substring(start));
    return out;
  }
}
