package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /q/openapi} describes the bodies of the run endpoints: records, not hand-built trees. */
@QuarkusTest
class OpenApiSchemasTest {

  @Test
  void theCopyAndValidationRunViewsHaveSchemas() {
    JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    Map<String, Object> schemas = doc.getMap("components.schemas");
    assertThat(schemas).containsKeys("CopyRunView", "PassView", "CopyPartitionView", "ValidationRunView",
        "ValidationResultView");
    assertThat(doc.getMap("components.schemas.CopyRunView.properties"))
        .containsKeys("id", "state", "records", "fractionDone", "partitions", "passes", "failure", "failureReason",
            "errorClass");
    assertThat(doc.getMap("components.schemas.ValidationRunView.properties"))
        .containsKeys("id", "state", "partitions", "partitionsChecked", "failure", "failureReason", "errorClass");
    assertThat(doc.getMap("paths.'/api/v1/copies/{id}'.get.responses.'200'.content.'application/json'.schema"))
        .containsEntry("$ref", "#/components/schemas/CopyRunView");
    assertThat(doc.getMap("paths.'/api/v1/validations'.post.responses.'202'.content.'application/json'.schema"))
        .containsEntry("$ref", "#/components/schemas/ValidationRunView");
  }

  @Test
  void thePlanAndValidationReportBodiesHaveSchemas() {
    JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    assertThat(doc.getMap("components.schemas")).containsKeys("PlanSummary", "PlanPreviewView",
        "ValidationReportDocument", "ReportRun", "ReportSummary", "ReportPartition", "PartitionLine");
    assertThat(doc.getMap("components.schemas.PlanPreviewView.properties"))
        .containsKeys("plan", "sourceSnapshotVersion", "resources", "translations", "warnings", "references", "capacity");
    assertThat(doc.getMap("components.schemas.ValidationReportDocument.properties"))
        .containsKeys("report", "version", "run", "summary", "counts", "partitions", "state");
    assertThat(doc.getMap("paths.'/api/v1/plans/{name}/preview'.get.responses.'200'.content.'application/json'.schema"))
        .containsEntry("$ref", "#/components/schemas/PlanPreviewView");
    assertThat(doc.getMap("paths.'/api/v1/validations/{id}'.get.responses.'200'.content.'application/json'.schema"))
        .containsEntry("$ref", "#/components/schemas/ValidationReportDocument");
    assertThat(doc.getString("paths.'/api/v1/validations/{id}/partitions'.get.responses.'200'.content.'application/json'.schema.items.$ref"))
        .isEqualTo("#/components/schemas/PartitionLine");
    assertThat(doc.getString("paths.'/api/v1/plans'.get.responses.'200'.content.'application/json'.schema.items.$ref"))
        .isEqualTo("#/components/schemas/PlanSummary");
  }

  @Test
  void theWorkflowBodiesHaveSchemas() {
    JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    assertThat(doc.getMap("components.schemas")).containsKeys("WaveView", "MigrationView", "CommandAccepted");
    assertThat(doc.getString("paths.'/api/v1/waves'.get.responses.'200'.content.'application/json'.schema.items.$ref"))
        .isEqualTo("#/components/schemas/WaveView");
    assertThat(doc.getMap("paths.'/api/v1/migrations/{id}/{command}'.post.responses.'202'.content.'application/json'.schema"))
        .containsEntry("$ref", "#/components/schemas/CommandAccepted");
  }

  /** Every JSON body an /api/v1 operation answers with success is described: a record's schema, or a list of them. */
  @Test
  void everySuccessfulJsonAnswerHasASchema() {
    JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    Map<String, Map<String, Object>> paths = doc.getMap("paths");
    java.util.List<String> undescribed = new java.util.ArrayList<>();
    paths.forEach((path, operations) -> {
      if (!path.startsWith("/api/v1")) {
        return;
      }
      operations.forEach((method, op) -> {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) ((Map<String, Object>) op)
            .getOrDefault("responses", Map.of());
        responses.forEach((code, response) -> {
          if (!code.startsWith("2")) {
            return;
          }
          @SuppressWarnings("unchecked")
          Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) response.get("content");
          Map<String, Object> json = content == null ? null : content.get("application/json");
          if (json == null) {
            return;
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> schema = (Map<String, Object>) json.get("schema");
          if (!described(schema)) {
            undescribed.add(method.toUpperCase() + " " + path + " " + code + ": " + schema);
          }
        });
      });
    });
    assertThat(undescribed).as("JSON answers without a schema").isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static boolean described(Map<String, Object> schema) {
    if (schema == null) {
      return false;
    }
    if (schema.containsKey("$ref")) {
      return true;
    }
    if ("array".equals(schema.get("type"))) {
      return described((Map<String, Object>) schema.get("items"));
    }
    return "string".equals(schema.get("type")) || "integer".equals(schema.get("type")) || "boolean".equals(schema.get("type"));
  }
}
