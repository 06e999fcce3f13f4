package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.aeroshift.inventory.Inventory;
import io.aeroshift.inventory.InvalidInventoryException;
import io.aeroshift.inventory.InventoryStartup;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Inventory documents over REST and from a file, and the launcher's READY line. */
@QuarkusTest
class InventoryResourceTest {
  @Inject Inventory inventory;
  @Inject InventoryStartup startup;
  @Inject ReadyBanner banner;

  @TestHTTPResource("/")
  URL root;

  static String doc(String a, String b, String teamOfB) {
    return "clusters:\n"
        + "  - name: " + a + "\n"
        + "    team: a\n"
        + "    seeds: [\"10.0.0.1:3000\"]\n"
        + "    credentials: {user: u, passwordFrom: {env: AEROSHIFT_TEST_SOME_VAR}}\n"
        + "  - name: " + b + "\n"
        + (teamOfB == null ? "" : "    team: " + teamOfB + "\n")
        + "    seeds: [\"10.0.0.2:3000\"]\n";
  }

  @Test
  void invalidDocumentIsRejectedWithPathLineReasonAndNothingStored() {
    String a = ClusterResourceTest.unique("inv-a");
    String b = ClusterResourceTest.unique("inv-b");
    given().auth().preemptive().basic("engineer", "engineer").contentType("application/yaml").body(doc(a, b, null).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/inventory")
        .then().statusCode(422).contentType("application/problem+json")
        .body("reason", equalTo("INVALID_INVENTORY"))
        .body("problems[0].source", equalTo("request body"))
        .body("problems[0].line", equalTo(6))
        .body("problems[0].field", equalTo("clusters[1].team"))
        .body("problems[0].reason", equalTo("missing required field"));
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + a).then().statusCode(404);
    assertThat(inventory.find(a)).isEmpty();
  }

  @Test
  void duplicateNameIsRejectedAndNothingStored() {
    String a = ClusterResourceTest.unique("dup");
    given().auth().preemptive().basic("engineer", "engineer").contentType("application/yaml").body(doc(a, a, "a").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/inventory")
        .then().statusCode(422)
        .body("problems[0].line", equalTo(6))
        .body("problems[0].reason", equalTo("duplicate cluster name '" + a + "' (first defined at line 2)"));
    assertThat(inventory.find(a)).isEmpty();
  }

  @Test
  void validDocumentIsStoredWhole() {
    String a = ClusterResourceTest.unique("ok-a");
    String b = ClusterResourceTest.unique("ok-b");
    given().auth().preemptive().basic("engineer", "engineer").contentType("application/yaml").body(doc(a, b, "b").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/inventory")
        .then().statusCode(200).body("name", hasItems(a, b)).body("origin", hasItem("INVENTORY"));
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + a)
        .then().statusCode(200).body("credentials.passwordFrom.env", equalTo("AEROSHIFT_TEST_SOME_VAR"));
  }

  @Test
  void ownerCannotImportAnotherTeamsClusters() {
    String a = ClusterResourceTest.unique("own-a");
    String b = ClusterResourceTest.unique("own-b");
    given().auth().preemptive().basic("owner-b", "owner-b").contentType("application/yaml").body(doc(a, b, "b").getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/inventory").then().statusCode(403);
    assertThat(inventory.find(b)).isEmpty();
  }

  @Test
  void startupFileErrorsNameTheFileLineAndReason() throws IOException {
    Path file = Files.createTempFile("inventory", ".yaml");
    String a = ClusterResourceTest.unique("file-a");
    try {
      Files.writeString(file, doc(a, ClusterResourceTest.unique("file-b"), null));
      assertThatThrownBy(() -> startup.load(file))
          .isInstanceOf(InvalidInventoryException.class)
          .hasMessageContaining(file + ":6: clusters[1].team: missing required field");
      assertThat(inventory.find(a)).isEmpty();

      Files.writeString(file, doc(a, ClusterResourceTest.unique("file-b"), "b"));
      assertThat(startup.load(file)).hasSize(2);
      assertThat(inventory.find(a)).isPresent();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void readyLineNamesTheBoundPort() {
    await().atMost(Duration.ofSeconds(30)).until(() -> banner.printedLine() != null);
    assertThat(banner.printedLine()).isEqualTo("READY http://127.0.0.1:" + root.getPort());
  }
}
