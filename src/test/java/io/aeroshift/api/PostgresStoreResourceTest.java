package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.aeroshift.discovery.SnapshotStore;
import io.aeroshift.testsupport.RequiresPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same inventory and snapshot behaviour, on PostgreSQL with the same Flyway migrations. Shares
 * the profile (one Quarkus start) of {@link PostgresRestartFirstResourceTest}; its clusters have
 * unique names and are deleted by the test, so reruns on the kept schema start clean.
 */
@ExtendWith(RequiresPostgres.class)
@QuarkusTest
@TestProfile(PostgresRestartFirstResourceTest.Run.class)
class PostgresStoreResourceTest {
  @Inject SnapshotStore snapshots;
  @Inject EntityManager em;

  @Test
  void runsOnPostgresql() {
    String product = em.unwrap(org.hibernate.Session.class).doReturningWork(c -> c.getMetaData().getDatabaseProductName());
    assertThat(product).isEqualTo("PostgreSQL");
  }

  @Test
  void inventoryAndSnapshotsRoundTrip() {
    String name = ClusterResourceTest.unique("pg");
    given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
        .body(ClusterResourceTest.body(name, "a", "10.1.0.1:3000"))
        .post("/api/v1/clusters").then().statusCode(201);
    snapshots.append(Snapshots.sample(name));
    snapshots.append(Snapshots.sampleWithMoreObjects(name));
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name + "/discoveries")
        .then().statusCode(200).body("version", hasItem(2));
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name + "/discoveries/latest")
        .then().statusCode(200).body("version", equalTo(2))
        .body("namespaces[0].name", equalTo("test"))
        .body("namespaces[0].objects", equalTo(1500))
        .body("namespaces[0].sets[0].name", equalTo("users"));
    given().auth().preemptive().basic("viewer", "viewer")
        .get("/api/v1/clusters/" + name + "/discoveries/diff?from=1&to=2")
        .then().statusCode(200)
        .body("changes.path", hasItem("namespaces[test].objects"));
    given().auth().preemptive().basic("engineer", "engineer").delete("/api/v1/clusters/" + name).then().statusCode(204);
    assertThat(snapshots.list(name)).isEmpty();
  }
}
