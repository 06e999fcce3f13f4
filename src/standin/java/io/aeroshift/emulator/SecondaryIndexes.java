package io.aeroshift.emulator;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Secondary index definitions of one namespace, kept for the info commands only: the emulator
 * never builds or queries an index (queries still end with 201 INDEX_NOTFOUND), but tools that
 * back up and recreate index definitions see what a real server shows.
 *
 * <p>Requests follow what client 9.2.0 sends ({@code AerospikeClient.buildCreateIndexInfoCommand}
 * / {@code buildDropIndexInfoCommand}: {@code sindex-create:ns=NS[;set=S];indexname=N
 * [;context=B64][;indextype=LIST|MAPKEYS|MAPVALUES];indexdata=BIN,TYPE}, {@code namespace=}
 * instead of {@code ns=} from server 8.1) and the documented server form with {@code bin=} and
 * {@code type=}. Answers follow the server: {@code OK}, or {@code FAIL:<code>:<message>} with 4
 * (parameter), 20 (namespace), 200 (index or indexed bin already there, the client's
 * {@code INDEX_ALREADY_EXISTS}) and 201 ({@code INDEX_NOTFOUND}), which the client reads with
 * {@code Info.Error}.
 */
final class SecondaryIndexes {

  /** One definition, with the server's lowercase type names (6.x and later). */
  record Definition(String set, String name, String bin, String type, String indexType,
      String context) {

    /** Same indexed thing: a server refuses a second index on it, whatever its name. */
    boolean sameTarget(Definition o) {
      return set.equals(o.set) && bin.equals(o.bin) && type.equals(o.type)
          && indexType.equals(o.indexType) && context.equals(o.context);
    }
  }

  private static final Set<String> TYPES = Set.of("numeric", "string", "geo2dsphere", "blob");
  private static final Set<String> INDEX_TYPES = Set.of("default", "list", "mapkeys", "mapvalues");

  private final String namespace;
  private final Map<String, Definition> byName = new TreeMap<>();

  SecondaryIndexes(String namespace) {
    this.namespace = namespace;
  }

  /** {@code sindex-create}; {@code p} are the parsed {@code key=value} parameters. */
  synchronized String create(Map<String, String> p, ServerVersion version) {
    String name = p.get("indexname");
    if (name == null || name.isEmpty()) return "FAIL:4:missing indexname";
    String bin = p.get("bin");
    String type = p.get("type");
    String data = p.get("indexdata");
    if (data != null) {
      int comma = data.lastIndexOf(',');
      if (comma <= 0) return "FAIL:4:bad indexdata '" + data + "'";
      bin = data.substring(0, comma);
      type = data.substring(comma + 1);
    }
    if (bin == null || bin.isEmpty()) return "FAIL:4:missing bin";
    if (p.containsKey("exp")) return "FAIL:4:expression indexes need server 8.1";
    type = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type) || (type.equals("blob") && !version.atLeast(7, 0))) {
      return "FAIL:4:bad type '" + type + "'";
    }
    String indexType = p.getOrDefault("indextype", "default").toLowerCase(Locale.ROOT);
    if (!INDEX_TYPES.contains(indexType)) return "FAIL:4:bad indextype '" + indexType + "'";
    String context = p.get("context");
    if (context != null) {
      if (!version.atLeast(6, 1)) return "FAIL:4:context needs server 6.1";
      try {
        Base64.getDecoder().decode(context);
      } catch (IllegalArgumentException e) {
        return "FAIL:4:context is not base64";
      }
    }
    String set = p.getOrDefault("set", "");
    Definition d = new Definition(set, name, bin, type, indexType,
        context == null ? "NULL" : context);
    if (byName.containsKey(name)) {
      return "FAIL:200:Index with the same name already exists or this bin has already been indexed.";
    }
    for (Definition other : byName.values()) {
      if (other.sameTarget(d)) {
        return "FAIL:200:Index with the same name already exists or this bin has already been indexed.";
      }
    }
    byName.put(name, d);
    return "OK";
  }

  /** {@code sindex-delete}. */
  synchronized String delete(Map<String, String> p) {
    String name = p.get("indexname");
    if (name == null || name.isEmpty()) return "FAIL:4:missing indexname";
    if (byName.remove(name) == null) return "FAIL:201:Index does not exist on the system.";
    return "OK";
  }

  synchronized boolean exists(String name) {
    return byName.containsKey(name);
  }

  /**
   * {@code sindex-list} entries of this namespace, each ending with {@code ;}. 6.x/7.x:
   * {@code ns=..:indexname=..:set=..:bin=..:type=numeric:indextype=default:context=NULL:state=RW}
   * ({@code context} from 6.1; the server prints a readable context unless {@code b64=true}, the
   * emulator always prints base64). 5.x: {@code ns=..:set=..:indexname=..:num_bins=1:bins=..:
   * type=NUMERIC:indextype=NONE:path=..:state=RW}. A missing set prints as {@code NULL}.
   */
  synchronized void list(StringBuilder out, ServerVersion version) {
    for (Definition d : byName.values()) {
      String set = d.set().isEmpty() ? "NULL" : d.set();
      if (version.atLeast(6, 0)) {
        out.append("ns=").append(namespace).append(":indexname=").append(d.name())
            .append(":set=").append(set).append(":bin=").append(d.bin())
            .append(":type=").append(d.type()).append(":indextype=").append(d.indexType());
        if (version.atLeast(6, 1)) out.append(":context=").append(d.context());
        out.append(":state=RW;");
      } else {
        String indexType = d.indexType().equals("default") ? "NONE"
            : d.indexType().toUpperCase(Locale.ROOT);
        out.append("ns=").append(namespace).append(":set=").append(set)
            .append(":indexname=").append(d.name()).append(":num_bins=1:bins=").append(d.bin())
            .append(":type=").append(d.type().toUpperCase(Locale.ROOT))
            .append(":indextype=").append(indexType).append(":path=").append(d.bin())
            .append(":state=RW;");
      }
    }
  }

  /**
   * {@code sindex/<ns>/<name>}: statistics; {@code load_pct=100} (never the last field: client
   * 9.2.0's {@code IndexTask.parseStatusResponse} reads up to the next {@code ;}).
   */
  synchronized String stat(String name) {
    if (!byName.containsKey(name)) return "FAIL:201:NO INDEX";
    return "entries=0;used_bytes=0;entries_per_bval=0;entries_per_rec=0;load_pct=100;"
        + "load_time=0;stat_gc_recs=0";
  }
}
