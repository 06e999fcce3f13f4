package io.aeroshift.provisioning;

/**
 * A rendered object breaks a schema.
 *
 * @param schema which schema: {@code AerospikeCluster CRD} or {@code aerospike config 8.1.1}
 * @param path JSON path in the object, e.g. {@code $.spec.aerospikeConfig.namespaces[0].default-ttl}
 * @param message what the validator said
 */
public record SchemaViolation(String schema, String path, String message) {
  @Override
  public String toString() {
    return schema + ": " + path + ": " + message;
  }
}
