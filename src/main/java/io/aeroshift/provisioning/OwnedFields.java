package io.aeroshift.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The parts of an AerospikeCluster that Aeroshift owns, and the comparison that decides whether an
 * apply is a no-op (pure). Everything else (webhook defaults, effective* fields, the operator's
 * label, other controllers' labels) belongs to someone else and is neither compared nor patched.
 */
public final class OwnedFields {
  /** Spec fields the renderer sets. */
  public static final List<String> SPEC_FIELDS = List.of("size", "image", "aerospikeConfig", "storage", "podSpec",
      "aerospikeAccessControl", "rackConfig");
  private static final ObjectMapper JSON = new ObjectMapper();

  private OwnedFields() {}

  /** The JSON merge patch body that sets every owned field to its desired value. */
  public static ObjectNode patch(AerospikeCluster desired) {
    JsonNode d = JSON.valueToTree(desired);
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode meta = patch.putObject("metadata");
    if (d.path("metadata").has("labels")) {
      meta.set("labels", d.path("metadata").path("labels"));
    }
    ObjectNode spec = patch.putObject("spec");
    for (String f : SPEC_FIELDS) {
      if (d.path("spec").has(f)) {
        spec.set(f, d.path("spec").get(f));
      }
    }
    return patch;
  }

  /** True when the current resource already holds every owned value of the desired one. */
  public static boolean satisfied(AerospikeCluster desired, AerospikeCluster current) {
    return contains(JSON.valueToTree(current), patch(desired));
  }

  /**
   * Objects: every desired key present with a contained value (extra keys allowed: webhook defaults).
   * Arrays: same length, element by element contained. Scalars: equal (numbers by value).
   */
  static boolean contains(JsonNode actual, JsonNode desired) {
    if (desired.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode a = actual.get(e.getKey());
        if (a == null || !contains(a, e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!actual.isArray() || actual.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(actual.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isNumber() && actual.isNumber()) {
      return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return desired.equals(actual);
  }
}
