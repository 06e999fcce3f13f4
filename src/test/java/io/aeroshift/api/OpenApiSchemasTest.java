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
}
