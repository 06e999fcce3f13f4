package io.aeroshift.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.aeroshift.planning.TargetSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks {@code spec.aerospikeConfig} against the server configuration schema (draft-06) of the
 * target version, as AKO's webhook does ("generated config not valid for version ...").
 */
public final class ServerConfigValidator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private ServerConfigValidator() {}

  /**
   * Every violation.
   *
   * @param aerospikeConfig the config map (or JSON tree)
   * @param version schema version X.Y.Z
   */
  public static List<SchemaViolation> validate(Object aerospikeConfig, String version) {
    JsonNode node = aerospikeConfig instanceof JsonNode j ? j : JSON.valueToTree(aerospikeConfig);
    Schema schema = SCHEMAS.computeIfAbsent(version, v ->
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_6).getSchema(TargetSchema.of(v).root()));
    return schema.validate(node).stream()
        .map(e -> new SchemaViolation("aerospike config " + version,
            "$.spec.aerospikeConfig" + jsonPath(e.getInstanceLocation().toString()).substring(1), e.getMessage()))
        .toList();
  }

  /** Normalises the validator's instance location to a {@code $...} JSON path. */
  static String jsonPath(String location) {
    if (location == null || location.isEmpty() || location.equals("$") || location.equals("/")) {
      return "$";
    }
    if (location.startsWith("$")) {
      return location;
    }
    StringBuilder sb = new StringBuilder("$");
    for (String part : location.replaceFirst("^/", "").split("/")) {
      if (part.matches("\\d+")) {
        sb.append('[').append(part).append(']');
      } else {
        sb.append('.').append(part.replace("~1", "/").replace("~0", "~"));
      }
    }
    return sb.toString();
  }
}
