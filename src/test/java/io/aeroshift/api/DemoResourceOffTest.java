package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/demo} where the demo does not run (the test profile, like the postgres build). */
@QuarkusTest
class DemoResourceOffTest {
  @Test
  void withoutTheDemoItIsA404ProblemAndNeedsSignIn() {
    given().get("/api/v1/demo").then().statusCode(401);
    given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/demo").then().statusCode(404)
        .contentType("application/problem+json").body("reason", equalTo("DEMO_OFF"))
        .body("detail", containsString("aeroshift.demo.enabled"));
  }
}
