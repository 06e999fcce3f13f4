package io.aeroshift.backup;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.Language;
import com.aerospike.client.cdt.CTX;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.query.IndexCollectionType;
import com.aerospike.client.query.IndexType;
import com.aerospike.client.task.IndexTask;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recreates secondary index definitions and UDF modules of a backup on the target. What the
 * target already has is compared first, as asrestore does before creating an index: the same
 * definition (same name, set, bin, collection, type and context; the same module bytes) is
 * fine and left alone; a different one is a conflict naming both sides, and {@link #check}
 * reports every conflict before anything is created, so a refused restore changes nothing.
 */
final class GlobalSectionRestore {

  private final IAerospikeClient client;
  private final Set<String> indexesDone = ConcurrentHashMap.newKeySet();
  private final Set<String> udfsDone = ConcurrentHashMap.newKeySet();

  GlobalSectionRestore(IAerospikeClient client) {
    this.client = client;
  }

  /** Indexes created or found identical so far. */
  int indexes() {
    return indexesDone.size();
  }

  /** UDF modules registered or found identical so far. */
  int udfs() {
    return udfsDone.size();
  }

  boolean handled(AsbSecondaryIndex index) {
    return indexesDone.contains(key(index));
  }

  boolean handled(AsbUdf udf) {
    return udfsDone.contains(udf.fileName());
  }

  /**
   * Every conflict between the wanted definitions and the target, as sentences (empty when
   * none). Pure over the target's answers: {@code existing} from {@code sindex-list}, {@code
   * modules} (null content = absent) from {@code udf-get}.
   */
  static List<String> conflicts(List<AsbSecondaryIndex> wanted, List<AsbSecondaryIndex> existing,
      List<AsbUdf> udfs, Map<String, byte[]> modules) {
    List<String> out = new ArrayList<>();
    for (AsbSecondaryIndex w : wanted) {
      if (w.isExpressionIndex()) {
        out.add("expression index " + w.name() + " cannot be created by this restore");
        continue;
      }
      for (AsbSecondaryIndex e : existing) {
        if (!e.namespace().equals(w.namespace())) {
          continue;
        }
        if (e.name().equals(w.name()) && !e.equals(w)) {
          out.add("secondary index " + w.name() + " exists on the target with another definition"
              + " (target: " + describe(e) + "; backup: " + describe(w) + ")");
        } else if (!e.name().equals(w.name()) && sameTarget(e, w)) {
          out.add("secondary index " + w.name() + " (" + describe(w) + "): the target already"
              + " indexes the same bin as index " + e.name());
        }
      }
    }
    for (AsbUdf u : udfs) {
      byte[] there = modules.get(u.fileName());
      if (there != null && !Arrays.equals(there, u.content())) {
        out.add("UDF module " + u.fileName() + " exists on the target with other content ("
            + there.length + " bytes there, " + u.content().length + " in the backup)");
      }
    }
    return out;
  }

  /** Reads the target's definitions and returns every conflict with {@code wanted}/{@code udfs}. */
  List<String> check(List<AsbSecondaryIndex> wanted, List<AsbUdf> udfs) {
    return conflicts(wanted, targetIndexes(wanted), udfs, targetModules(udfs));
  }

  /** Creates the index unless the target has it already; a different definition throws. */
  void createIndex(AsbSecondaryIndex index) {
    if (handled(index)) {
      return;
    }
    List<AsbSecondaryIndex> existing = targetIndexes(List.of(index));
    List<String> problems = conflicts(List.of(index), existing, List.of(), Map.of());
    if (!problems.isEmpty()) {
      throw new IllegalStateException(problems.get(0));
    }
    if (!existing.contains(index)) {
      IndexType type = switch (index.dataType()) {
        case STRING -> IndexType.STRING;
        case NUMERIC -> IndexType.NUMERIC;
        case GEO2DSPHERE -> IndexType.GEO2DSPHERE;
        case BLOB -> IndexType.BLOB;
      };
      IndexCollectionType collection = switch (index.collection()) {
        case DEFAULT -> IndexCollectionType.DEFAULT;
        case LIST -> IndexCollectionType.LIST;
        case MAPKEYS -> IndexCollectionType.MAPKEYS;
        case MAPVALUES -> IndexCollectionType.MAPVALUES;
      };
      CTX[] ctx = index.context() == null ? null : CTX.fromBase64(index.context());
      IndexTask task = client.createIndex(new Policy(), index.namespace(),
          index.set().isEmpty() ? null : index.set(), index.name(), index.bin(), type, collection,
          ctx);
      task.waitTillComplete(200, 60_000);
    }
    indexesDone.add(key(index));
  }

  /** Registers the module unless the target has the same bytes; other content throws. */
  void registerUdf(AsbUdf udf) {
    if (handled(udf)) {
      return;
    }
    Map<String, byte[]> there = targetModules(List.of(udf));
    List<String> problems = conflicts(List.of(), List.of(), List.of(udf), there);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(problems.get(0));
    }
    if (there.get(udf.fileName()) == null) {
      client.registerUdfString(new Policy(), new String(udf.content(), StandardCharsets.UTF_8),
          udf.fileName(), Language.LUA).waitTillComplete(200, 60_000);
    }
    udfsDone.add(udf.fileName());
  }

  private List<AsbSecondaryIndex> targetIndexes(List<AsbSecondaryIndex> wanted) {
    List<AsbSecondaryIndex> out = new ArrayList<>();
    Set<String> namespaces = ConcurrentHashMap.newKeySet();
    for (AsbSecondaryIndex w : wanted) {
      namespaces.add(w.namespace());
    }
    Node node = client.getCluster().getRandomNode();
    for (String ns : namespaces) {
      String answer = Info.request(null, node, "sindex-list:ns=" + ns + ";b64=true");
      if (answer != null && answer.startsWith("FAIL")) {
        throw new AerospikeException("target sindex-list of namespace " + ns + ": " + answer);
      }
      out.addAll(SindexList.parse(answer, ns, null));
    }
    return out;
  }

  /** The target's content of each module ({@code udf-get}), null where it has none. */
  private Map<String, byte[]> targetModules(List<AsbUdf> udfs) {
    Map<String, byte[]> out = new HashMap<>();
    Node node = client.getCluster().getRandomNode();
    for (AsbUdf u : udfs) {
      String got = Info.request(null, node, "udf-get:filename=" + u.fileName());
      String content = got == null ? null : SindexList.field(got, "content");
      out.put(u.fileName(), content == null ? null : Base64.getDecoder().decode(content));
    }
    return out;
  }

  private static boolean sameTarget(AsbSecondaryIndex a, AsbSecondaryIndex b) {
    return a.set().equals(b.set()) && a.bin().equals(b.bin()) && a.dataType() == b.dataType()
        && a.collection() == b.collection()
        && java.util.Objects.equals(a.context(), b.context());
  }

  private static String describe(AsbSecondaryIndex i) {
    return "set " + (i.set().isEmpty() ? "(none)" : i.set()) + ", bin " + i.bin() + ", "
        + i.collection() + " " + i.dataType()
        + (i.context() == null ? "" : ", context " + i.context());
  }

  private static String key(AsbSecondaryIndex i) {
    return i.namespace() + "/" + i.name();
  }
}
