package io.aeroshift.workflow.migration;

import io.aeroshift.testsupport.PostgresProfile;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * The workflow's and the outbox's replica cases on PostgreSQL share this profile (one Quarkus
 * start): a schema of their own, cleaned at start, and the application's own event relay
 * practically idle (one pass an hour), so the tests' relays are the ones publishing.
 */
public class WorkflowOnPostgres implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> m = new HashMap<>(PostgresProfile.postgres(
        PostgresProfile.schemaForThisCheckout("aeroshift_workflow"), true));
    m.put("aeroshift.events.relay-interval", "1h");
    return m;
  }
}
