package io.aeroshift.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.inventory.ClusterEntry;
import io.aeroshift.inventory.CredentialsRef;
import io.aeroshift.inventory.TlsSettings;
import io.aeroshift.outcome.RequestRefused;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/clusters} and {@code PUT /api/v1/clusters/{name}}.
 *
 * @param name inventory name (for PUT: optional, must equal the path)
 * @param team owning team
 * @param seeds {@code host:port} seeds
 * @param tls {@code {"enabled":true,"name":"tls-name"}} or null
 * @param credentials {@code {"user":"u","passwordFrom":{"env":"VAR"}}} ({@code file} or {@code
 *     secret:{name,key,namespace}} instead of {@code env}); a clear {@code password} is refused
 * @param labels string labels
 */
public record ClusterRequest(String name, String team, List<String> seeds, TlsSettings tls, JsonNode credentials, Map<String, String> labels) {

  /** The inventory entry this request describes; refuses clear-text passwords without echoing them. */
  public ClusterEntry toEntry(String nameOverride, ObjectMapper json) {
    CredentialsRef ref = null;
    if (credentials != null && !credentials.isNull()) {
      if (!credentials.isObject()) {
        throw new RequestRefused(400, "INVALID_REQUEST", "credentials must be an object {user, passwordFrom}");
      }
      for (Iterator<String> it = credentials.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (field.equalsIgnoreCase("password")) {
          throw new RequestRefused(400, "CLEAR_TEXT_SECRET",
              "credentials.password: clear-text passwords are not accepted; use passwordFrom (env, file or secret)");
        }
        if (!field.equals("user") && !field.equals("passwordFrom")) {
          throw new RequestRefused(400, "INVALID_REQUEST", "credentials." + field + ": unknown field (allowed: user, passwordFrom)");
        }
      }
      try {
        ref = json.treeToValue(credentials, CredentialsRef.class);
      } catch (Exception e) {
        throw new RequestRefused(400, "INVALID_REQUEST", "credentials: expected {user, passwordFrom:{env|file|secret}}");
      }
    }
    return new ClusterEntry(nameOverride != null ? nameOverride : name, team, seeds, tls, ref, labels);
  }
}
