package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.emulator.EmulatedCluster;
import io.aeroshift.emulator.NamespaceSpec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Bad input and impossible requests end in a problem ({@code application/problem+json}) with a
 * reason and, where it applies, the field; nothing is started or stored.
 */
@QuarkusTest
class BadInputResourceTest {

  private static EmulatedCluster cluster() {
    EmulatedCluster c = EmulatedCluster.builder().nodes(2).basePort(0)
        .namespace(NamespaceSpec.named("test").replicationFactor(1).defaultTtl(0)).start();
    c.loadRecords("test", "users", 50, 40);
    return c;
  }

  private static ExtractableResponse<Response> post(String path, String body) {
    return given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON).body(body)
        .post(path).then().extract();
  }

  private static void problem(ExtractableResponse<Response> r, int status, String reason) {
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.jsonPath().getString("reason")).isEqualTo(reason);
    assertThat(r.jsonPath().getString("detail")).isNotBlank();
  }

  private static int copies() {
    return given().auth().preemptive().basic("engineer", "engineer").get("/api/v1/copies").then().statusCode(200)
        .extract().jsonPath().getList("id").size();
  }

  @Test
  void aCopyOrValidationOfAClusterOntoItselfIsRefused() {
    try (EmulatedCluster c = cluster()) {
      String name = DiscoveryResourceTest.register(ClusterResourceTest.unique("self"), "a",
          java.util.List.of(c.seeds().get(0)), null);
      String alias = DiscoveryResourceTest.register(ClusterResourceTest.unique("alias"), "a",
          java.util.List.of(c.seeds().get(1)), null);
      int before = copies();

      ExtractableResponse<Response> byName = post("/api/v1/copies",
          "{\"source\":\"" + name + "\",\"target\":{\"cluster\":\"" + name + "\"},\"namespace\":\"test\"}");
      problem(byName, 409, "SAME_CLUSTER");

      ExtractableResponse<Response> bySeeds = post("/api/v1/copies", "{\"source\":\"" + name
          + "\",\"target\":{\"seeds\":[\"" + c.seeds().get(0) + "\"]},\"namespace\":\"test\"}");
      problem(bySeeds, 409, "SAME_CLUSTER");

      // another registered name whose only seed is the other node: caught by the node ids
      ExtractableResponse<Response> byNodes = post("/api/v1/copies",
          "{\"source\":\"" + name + "\",\"target\":{\"cluster\":\"" + alias + "\"},\"namespace\":\"test\"}");
      problem(byNodes, 409, "SAME_CLUSTER");
      assertThat(byNodes.jsonPath().getString("detail")).contains("share node");
      assertThat(copies()).as("no run was started").isEqualTo(before);

      ExtractableResponse<Response> validation = post("/api/v1/validations",
          "{\"source\":\"" + name + "\",\"target\":{\"cluster\":\"" + alias + "\"},\"namespace\":\"test\"}");
      problem(validation, 409, "SAME_CLUSTER");
    }
  }

  @Test
  void unknownFieldsAreRefusedNamingTheField() {
    ExtractableResponse<Response> copy = post("/api/v1/copies",
        "{\"source\":\"x\",\"target\":{\"cluster\":\"y\"},\"namespace\":\"test\",\"sett\":\"prices\"}");
    problem(copy, 400, "UNKNOWN_FIELD");
    assertThat(copy.jsonPath().getString("field")).isEqualTo("sett");
    assertThat(copy.jsonPath().getString("detail")).contains("set");

    String name = ClusterResourceTest.unique("typo");
    ExtractableResponse<Response> cluster = post("/api/v1/clusters", "{\"name\":\"" + name
        + "\",\"team\":\"a\",\"seeds\":[\"10.0.0.1:3000\"],\"credential\":{\"user\":\"u\"}}");
    problem(cluster, 400, "UNKNOWN_FIELD");
    assertThat(cluster.jsonPath().getString("field")).isEqualTo("credential");
    given().auth().preemptive().basic("engineer", "engineer").get("/api/v1/clusters/" + name).then()
        .statusCode(404);
  }

  @Test
  void wrongTypesAndMalformedJsonNameTheFieldAndPlace() {
    ExtractableResponse<Response> wrongType = post("/api/v1/copies",
        "{\"source\":\"x\",\"target\":{\"cluster\":\"y\"},\"namespace\":\"test\","
            + "\"rateLimits\":{\"recordsPerSecond\":\"fast\"}}");
    problem(wrongType, 400, "INVALID_FIELD");
    assertThat(wrongType.jsonPath().getString("field")).isEqualTo("rateLimits.recordsPerSecond");
    assertThat(wrongType.jsonPath().getString("detail")).contains("whole number");

    ExtractableResponse<Response> malformed = post("/api/v1/copies", "{\"source\":\"x\",\n \"target\": }");
    problem(malformed, 400, "INVALID_JSON");
    assertThat(malformed.jsonPath().getString("location")).contains("line 2");
  }

  @Test
  void aQueryParameterOfTheWrongTypeIs400NamingIt() {
    ExtractableResponse<Response> r = given().auth().preemptive().basic("engineer", "engineer")
        .get("/api/v1/copies/some-id/partitions?pass=abc").then().extract();
    problem(r, 400, "INVALID_PARAMETER");
    assertThat(r.jsonPath().getString("field")).isEqualTo("?pass");
  }

  @Test
  void planErrorsAreProblemsAndAnOversizedPlanSaysSo() {
    ExtractableResponse<Response> bad = given().auth().preemptive().basic("engineer", "engineer")
        .contentType("application/yaml").body("name: x\n".getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/plans").then().extract();
    problem(bad, 400, "INVALID_PLAN");
    assertThat(bad.jsonPath().getList("errors")).isNotEmpty();
    assertThat(bad.jsonPath().getString("message")).contains("error(s) in plan");

    String big = "name: big\n# " + "x".repeat(3_500_000) + "\n";
    ExtractableResponse<Response> huge = given().auth().preemptive().basic("engineer", "engineer")
        .contentType("application/yaml").body(big.getBytes(StandardCharsets.UTF_8))
        .post("/api/v1/plans").then().extract();
    problem(huge, 400, "INVALID_PLAN");
    assertThat(huge.jsonPath().getString("errors[0].reason")).contains("plan too large");
  }

  @Test
  void aLabelOverTheStoredLimitIsRefusedBeforeStorage() {
    String name = ClusterResourceTest.unique("label");
    ExtractableResponse<Response> r = post("/api/v1/clusters", "{\"name\":\"" + name
        + "\",\"team\":\"a\",\"seeds\":[\"10.0.0.1:3000\"],\"labels\":{\"note\":\"" + "y".repeat(4100) + "\"}}");
    problem(r, 422, "INVALID_INVENTORY");
    assertThat(r.asString()).contains("labels");
    given().auth().preemptive().basic("engineer", "engineer").get("/api/v1/clusters/" + name).then()
        .statusCode(404);
  }

  @Test
  void aBodyOverTheLimitIs413WithAProblem() {
    byte[] body = new byte[11 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) ' ');
    ExtractableResponse<Response> r = given().auth().preemptive().basic("engineer", "engineer")
        .contentType(ContentType.JSON).body(body).post("/api/v1/copies").then().extract();
    problem(r, 413, "BODY_TOO_LARGE");
  }
}
