package io.aeroshift.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks an AerospikeCluster against the CRD's {@code openAPIV3Schema}, as the API server does before
 * the webhook sees it. The structural schema is read as JSON schema draft 4 after the two
 * Kubernetes extensions it uses are mapped: {@code x-kubernetes-int-or-string} becomes
 * "integer or string", and {@code nullable} admits null.
 */
public final class CrdSchemaValidator {
  public static final String CRD_RESOURCE = "/ako/asdb.aerospike.com_aerospikeclusters.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile Schema schema;

  private CrdSchemaValidator() {}

  /** Every violation of the object (a JSON tree of the whole resource). */
  public static List<SchemaViolation> validate(JsonNode resource) {
    return schema().validate(resource).stream()
        .map(e -> new SchemaViolation("AerospikeCluster CRD", ServerConfigValidator.jsonPath(
            e.getInstanceLocation().toString()), e.getMessage()))
        .toList();
  }

  /** Validates a typed resource. */
  public static List<SchemaViolation> validate(Object resource) {
    return validate(JSON.valueToTree(resource));
  }

  private static Schema schema() {
    Schema s = schema;
    if (s == null) {
      synchronized (CrdSchemaValidator.class) {
        if (schema == null) {
          schema = load();
        }
        s = schema;
      }
    }
    return s;
  }

  private static Schema load() {
    try (InputStream in = CrdSchemaValidator.class.getResourceAsStream(CRD_RESOURCE)) {
      JsonNode crd = new YAMLMapper().readTree(in);
      JsonNode open = crd.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
      mapKubernetesExtensions(open);
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(open);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mapKubernetesExtensions(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      if (o.path("x-kubernetes-int-or-string").asBoolean(false)) {
        o.remove("type");
        ArrayNode types = o.putArray("type");
        types.add("integer").add("string");
        o.remove("anyOf");
      }
      if (o.path("nullable").asBoolean(false) && o.get("type") != null && o.get("type").isTextual()) {
        String t = o.get("type").asText();
        ArrayNode types = o.putArray("type");
        types.add(t).add("null");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("enum") && !e.getKey().equals("default") && !e.getKey().equals("example")) {
          mapKubernetesExtensions(e.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(CrdSchemaValidator::mapKubernetesExtensions);
    }
  }
}
