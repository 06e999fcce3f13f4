package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.aeroshift.emulator.Edition;
import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.aeroshift.testsupport.CredentialFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The discovery contract over REST, against emulated clusters. */
@QuarkusTest
class DiscoveryResourceTest {

  static String register(String name, String team, List<String> seeds, String credentials) {
    String body = "{\"name\":\"" + name + "\",\"team\":\"" + team + "\",\"seeds\":[\"" + String.join("\",\"", seeds) + "\"]"
        + (credentials == null ? "" : ",\"credentials\":" + credentials) + "}";
    given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON).body(body)
        .post("/api/v1/clusters").then().statusCode(201);
    return name;
  }

  @Test
  void discoveryReturnsAndStoresVersionedSnapshots() {
    try (EmulatedCluster c = EmulatedCluster.builder().nodes(3).edition(Edition.COMMUNITY).build("6.4.0.10")
        .namespace(NamespaceSpec.named("test").replicationFactor(2)).namespace(NamespaceSpec.named("bar").replicationFactor(2))
        .start()) {
      c.loadRecords("test", "users", 300, 50);
      c.loadRecords("bar", "tags", 30, 50);
      String name = register(ClusterResourceTest.unique("emu"), "a", c.seeds(), null);

      given().auth().preemptive().basic("owner-a", "owner-a").post("/api/v1/clusters/" + name + "/discoveries")
          .then().statusCode(201)
          .header("Location", containsString("/discoveries/1"))
          .body("version", equalTo(1)).body("partial", equalTo(false));
      c.loadRecords("test", "orders", 60, 50);
      given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/clusters/" + name + "/discoveries")
          .then().statusCode(201).body("version", equalTo(2));

      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name + "/discoveries/latest")
          .then().statusCode(200)
          .body("version", equalTo(2))
          .body("nodes", hasSize(3))
          .body("nodes[0].build", equalTo("6.4.0.10"))
          .body("namespaces.find { it.name == 'test' }.objects", equalTo(360))
          .body("namespaces.find { it.name == 'test' }.replicationFactor", equalTo(2))
          .body("namespaces.find { it.name == 'test' }.sets.find { it.name == 'users' }.objects", equalTo(300))
          .body("namespaces.find { it.name == 'test' }.sets.find { it.name == 'orders' }.objects", equalTo(60))
          .body("namespaces.find { it.name == 'bar' }.sets.find { it.name == 'tags' }.objects", equalTo(30));
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name + "/discoveries")
          .then().statusCode(200).body("version", equalTo(List.of(1, 2)));
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name + "/discoveries/1")
          .then().statusCode(200).body("namespaces.find { it.name == 'test' }.objects", equalTo(300));
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name + "/discoveries/diff")
          .then().statusCode(200).body("fromVersion", equalTo(1)).body("toVersion", equalTo(2))
          .body("changes.path", hasItem("namespaces[test].objects"))
          .body("changes.path", hasItem("namespaces[test].sets[orders]"));
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name + "/discoveries/7")
          .then().statusCode(404).body("reason", equalTo("SNAPSHOT_NOT_FOUND"));
    }
  }

  /** The inventory fires ClusterRemoved and discovery deletes the snapshots, in one transaction. */
  @Test
  void removingAClusterRemovesItsSnapshots() {
    try (EmulatedCluster c = EmulatedCluster.builder().nodes(1).build("7.2.0.6")
        .namespace(NamespaceSpec.named("test").replicationFactor(1)).start()) {
      String name = register(ClusterResourceTest.unique("removed"), "a", c.seeds(), null);
      given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/clusters/" + name + "/discoveries")
          .then().statusCode(201).body("version", equalTo(1));
      given().auth().preemptive().basic("engineer", "engineer").delete("/api/v1/clusters/" + name)
          .then().statusCode(204);
      register(name, "a", c.seeds(), null);
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name + "/discoveries")
          .then().statusCode(200).body("$", hasSize(0));
      given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/clusters/" + name + "/discoveries")
          .then().statusCode(201).body("version", equalTo(1));
    }
  }

  @Test
  void nodeDownGivesPartialSnapshotOverRest() {
    try (EmulatedCluster c = EmulatedCluster.builder().nodes(3).build("6.4.0.10")
        .namespace(NamespaceSpec.named("test").replicationFactor(2)).start()) {
      String name = register(ClusterResourceTest.unique("partial"), "a", c.seeds(), null);
      String down = c.seeds().get(1);
      c.stopNode(1);
      given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/clusters/" + name + "/discoveries")
          .then().statusCode(201).body("partial", equalTo(true))
          .body("problems[0]", containsString("NODE_UNREACHABLE"))
          .body("problems[0]", containsString(down));
    }
  }

  @Test
  void wrongCredentialsGiveAuthenticationFailed() throws IOException {
    Path pw = CredentialFiles.create("not-the-password\n");
    try (EmulatedCluster c = EmulatedCluster.builder().nodes(1).edition(Edition.ENTERPRISE).build("7.2.0.6")
        .namespace(NamespaceSpec.named("test").replicationFactor(1)).user("admin", "the-password", "sys-admin").start()) {
      String name = register(ClusterResourceTest.unique("secured"), "a", c.seeds(),
          "{\"user\":\"admin\",\"passwordFrom\":{\"file\":\"" + pw + "\"}}");
      given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/clusters/" + name + "/discoveries")
          .then().statusCode(502).contentType("application/problem+json")
          .body("reason", equalTo("AUTHENTICATION_FAILED"));
      Files.writeString(pw, "the-password\n");
      given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/clusters/" + name + "/discoveries")
          .then().statusCode(201).body("nodes[0].edition", equalTo("Aerospike Enterprise Edition"));
    } finally {
      Files.deleteIfExists(pw);
    }
  }
}
