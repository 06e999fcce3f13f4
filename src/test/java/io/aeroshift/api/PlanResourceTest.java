package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.not;
import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.SnapshotStore;
import io.aeroshift.provisioning.EndToEndProvisioningTest;
import io.aeroshift.plans.PlanStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlanResourceTest {
  @Inject SnapshotStore snapshots;
  @Inject PlanStore store;

  @Test
  void listsTheExamplePlansAndPreviewsOne() {
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/plans").then().statusCode(200)
        .body("name", hasItems("payments-ce-to-ee", "catalog-ce-to-ee", "catalog-ce-rehearsal"));
    snapshots.append(EndToEndProvisioningTest.paymentsSnapshot());
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/plans/payments-ce-to-ee/preview")
        .then().statusCode(200)
        .body("resources[0].kind", equalTo("AerospikeCluster"))
        .body("resources[0].apiVersion", equalTo("asdb.aerospike.com/v1"))
        .body("resources[0].metadata.name", equalTo("payments-ee"))
        .body("resources[0].spec.aerospikeConfig.namespaces[0].storage-engine.type", equalTo("memory"))
        .body("translations.from", hasItem("cluster-name=payments"))
        .body("warnings.code", hasItem("TLS_OFF"))
        .body("capacity.nodes", notNullValue());
  }

  @Test
  void previewReportsTheSourcesServiceAndNetworkSettingsFromTheSnapshot() {
    ClusterSnapshot p = EndToEndProvisioningTest.paymentsSnapshot();
    snapshots.append(new ClusterSnapshot(p.cluster(), 0, p.takenAt(), p.clusterName(), p.partial(), p.problems(),
        p.nodes(), p.namespaces(), p.secondaryIndexes(), p.udfs(), p.clientConnections(), p.rates(),
        Map.of("cluster-name", "payments", "node-id", "BB9000000000001", "proto-fd-max", "15000"),
        Map.of("heartbeat.mode", "mesh", "service.access-address", "10.0.0.1", "service.port", "3000")));
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/plans/payments-ce-to-ee/preview")
        .then().statusCode(200)
        .body("translations.find { it.from == 'node-id=BB9000000000001' }.to", nullValue())
        .body("translations.find { it.from == 'node-id=BB9000000000001' }.reason", containsString("operator-owned"))
        .body("translations.find { it.from == 'cluster-name=payments' }.to", equalTo("cluster-name=payments-ee"))
        .body("translations.find { it.from == 'heartbeat.mode=mesh' }.reason", containsString("operator-owned"))
        .body("translations.find { it.from == 'service.access-address=10.0.0.1' }.to", nullValue())
        .body("translations.find { it.from == 'service.access-address=10.0.0.1' }.reason", containsString("AKO injects"))
        .body("translations.find { it.from == 'service.port=3000' }.to", equalTo("network.service.port=3000"));
  }

  /** Plans are about registered clusters: registers (or re-registers) one. */
  static void registerSource(String name, String team) {
    given().auth().preemptive().basic("engineer", "engineer").contentType("application/json")
        .body("{\"team\":\"" + team + "\",\"seeds\":[\"10.0.0.1:3000\"]}")
        .put("/api/v1/clusters/" + name).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
  }

  @Test
  void aPlanNamingAnUnregisteredSourceIsRefusedAndNotStored() {
    String plan = """
        name: ghost-source-test
        source: {cluster: no-such-cluster-registered}
        team: orders
        owners: [ann]
        wave: wave-9
        target: {kubernetesNamespace: orders, clusterName: ghost-ee,
                 image: "aerospike/aerospike-server-enterprise:8.0.0.9", storageClass: ssd}
        copy: {mode: SCAN_COPY, rateLimits: {recordsPerSecond: 10, bytesPerSecond: 100}}
        validation: {suite: default}
        cutover: {method: manual, maxLagSeconds: 1, drainQuietPeriodSeconds: 10}
        """;
    given().auth().preemptive().basic("engineer", "engineer").contentType("application/yaml")
        .body(plan.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/plans").then().statusCode(400).contentType("application/problem+json")
        .body("field", equalTo("$.source.cluster"))
        .body("errors[0].reason", containsString("no-such-cluster-registered"));
    assertThat(store.find("ghost-source-test")).isEmpty();
  }

  @Test
  void acceptsAValidPlanAndRejectsAnInvalidOneWithEveryError() {
    registerSource("plan-test-orders", "orders");
    String plan = """
        name: orders-api-test
        source: {cluster: plan-test-orders}
        team: orders
        owners: [ann]
        wave: wave-9
        target: {kubernetesNamespace: orders, clusterName: orders-ee,
                 image: "aerospike/aerospike-server-enterprise:8.0.0.9", storageClass: ssd}
        copy: {mode: SCAN_COPY, rateLimits: {recordsPerSecond: 10, bytesPerSecond: 100}}
        validation: {suite: default}
        cutover: {method: manual, maxLagSeconds: 1, drainQuietPeriodSeconds: 10}
        """;
    given().auth().preemptive().basic("engineer", "engineer").contentType("application/yaml").body(plan.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/plans").then().statusCode(201).body("name", equalTo("orders-api-test"));
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/plans").then().statusCode(200)
        .body("name", hasItem("orders-api-test"));
    given().auth().preemptive().basic("engineer", "engineer").contentType("application/yaml")
        .body(plan.replace("8.0.0.9", "6.4.0.1").replace("SCAN_COPY", "RSYNC").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/plans").then().statusCode(400)
        .body("errors.path", hasItems("$.target.image", "$.copy.mode"))
        .body("errors[0].reason", notNullValue());
    given().auth().preemptive().basic("viewer", "viewer").contentType("application/yaml").body(plan.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/plans").then().statusCode(403);
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/plans/orders-api-test/preview")
        .then().statusCode(409).body(containsString("has not been discovered"));
  }

  @Test
  void aSubmittedPlanIsStoredVerbatimAndReadBackFromTheStoreWhileARejectedOneLeavesNoRow() {
    registerSource("plan-test-ledger", "ledger");
    String plan = """
        # kept exactly as submitted, comment included
        name: ledger-store-test
        source: {cluster: plan-test-ledger}
        team: ledger
        owners: [ann]
        wave: wave-9
        target: {kubernetesNamespace: ledger, clusterName: ledger-ee,
                 image: "aerospike/aerospike-server-enterprise:8.0.0.9", storageClass: ssd}
        copy: {mode: SCAN_COPY, rateLimits: {recordsPerSecond: 10, bytesPerSecond: 100}}
        validation: {suite: default}
        cutover: {method: manual, maxLagSeconds: 1, drainQuietPeriodSeconds: 10}
        """;
    String rejected = plan.replace("ledger-store-test", "ledger-store-rejected").replace("SCAN_COPY", "RSYNC");
    given().auth().preemptive().basic("engineer", "engineer").contentType("application/yaml")
        .body(rejected.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/plans").then().statusCode(400).body("errors.path", hasItem("$.copy.mode"));
    assertThat(store.find("ledger-store-rejected")).isEmpty();

    given().auth().preemptive().basic("engineer", "engineer").contentType("application/yaml")
        .body(plan.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/plans").then().statusCode(201).body("name", equalTo("ledger-store-test"));
    PlanStore.StoredPlan row = store.find("ledger-store-test").orElseThrow();
    assertThat(row.yaml()).isEqualTo(plan);
    assertThat(row.team()).isEqualTo("ledger");
    assertThat(row.submittedBy()).isEqualTo("engineer");
    assertThat(row.submittedAt()).isNotNull();

    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/plans").then().statusCode(200)
        .body("name", hasItem("ledger-store-test"))
        .body("name", not(hasItem("ledger-store-rejected")))
        .body("find { it.name == 'ledger-store-test' }.targetCluster", equalTo("ledger-ee"));
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/plans/ledger-store-test/preview")
        .then().statusCode(409).body(containsString("has not been discovered"));

    // a duplicate of a stored plan or of a folder plan is refused and changes nothing
    given().auth().preemptive().basic("engineer", "engineer").contentType("application/yaml")
        .body(plan.replace("ledger-ee", "other-ee").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/plans").then().statusCode(409).body(containsString("already exists"));
    assertThat(store.find("ledger-store-test").orElseThrow().yaml()).isEqualTo(plan);
    given().auth().preemptive().basic("engineer", "engineer").contentType("application/yaml")
        .body(plan.replace("ledger-store-test", "payments-ce-to-ee").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/plans").then().statusCode(409);
    assertThat(store.find("payments-ce-to-ee")).isEmpty();
  }
}
