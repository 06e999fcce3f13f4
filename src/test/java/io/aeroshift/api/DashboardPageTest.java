package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The dashboard is served by the service at {@code /}; {@code /api/v1/me} tells it who signed in. */
@QuarkusTest
class DashboardPageTest {

  @Test
  void dashboardPageAndItsAssetsAreServedWithoutSignIn() {
    given().get("/").then().statusCode(200).contentType(containsString("text/html"))
        .body(containsString("<script src=\"/dashboard.js\">"), containsString("id=\"sign-in-form\""));
    given().get("/dashboard.js").then().statusCode(200).body(containsString("/api/v1/events"));
    given().get("/dashboard.css").then().statusCode(200);
  }

  @Test
  void meNamesTheOwnersTeamAndRoles() {
    given().auth().preemptive().basic("owner-payments", "owner-payments").get("/api/v1/me").then()
        .statusCode(200).body("user", equalTo("owner-payments")).body("roles", contains("owner"))
        .body("teams", contains("payments"));
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/me").then()
        .statusCode(200).body("roles", contains("viewer")).body("teams", empty());
    given().auth().preemptive().basic("engineer", "engineer").get("/api/v1/me").then()
        .statusCode(200).body("roles", contains("engineer"));
  }

  @Test
  void meNeedsSignIn() {
    given().get("/api/v1/me").then().statusCode(401);
  }
}
