package io.aeroshift.backup;

import java.util.ArrayList;
import java.util.List;

/** Parses the server's {@code sindex-list} and {@code key=value:...} info answers. Pure. */
final class SindexList {

  private SindexList() {}

  /**
   * One index per {@code ;}-separated entry, fields {@code ns, indexname, set, bin (5.x: bins),
   * type, indextype, context}. Indexes of other sets are left out when {@code set} is given.
   */
  static List<AsbSecondaryIndex> parse(String answer, String namespace, String set) {
    List<AsbSecondaryIndex> out = new ArrayList<>();
    if (answer == null || answer.isBlank()) {
      return out;
    }
    for (String entry : answer.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      String ns = field(entry, "ns");
      if (ns != null && !ns.equals(namespace)) {
        continue;
      }
      String s = field(entry, "set");
      if (s == null || s.equals("NULL")) {
        s = "";
      }
      if (set != null && !set.equals(s)) {
        continue;
      }
      String ctx = field(entry, "context");
      if ("NULL".equals(ctx)) {
        ctx = null;
      }
      String name = field(entry, "indexname");
      // 6.x+ name the bin "bin"; 5.x "bins" (with num_bins=1 and path=)
      String bin = field(entry, "bin") != null ? field(entry, "bin") : field(entry, "bins");
      String type = field(entry, "type");
      if (name == null || bin == null || type == null) {
        throw new IllegalArgumentException("unreadable sindex-list entry '" + entry + "'");
      }
      out.add(new AsbSecondaryIndex(namespace, s, name,
          AsbSecondaryIndex.Collection.ofServerName(field(entry, "indextype")), bin,
          AsbSecondaryIndex.DataType.ofServerName(type), ctx, null));
    }
    return out;
  }

  /** The value of {@code name=} in a {@code :}, {@code ;} or {@code ,} separated list, or null. */
  static String field(String entry, String name) {
    for (String kv : entry.split("[:;,]")) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(0, eq).trim().equals(name)) {
        return kv.substring(eq + 1);
      }
    }
    return null;
  }
}
