package io.aeroshift.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md's endpoint reference is the service's OpenAPI document rendered by
 * {@link OpenApiMarkdown}: stale text fails this test. With {@code -Daeroshift.docs.update=true}
 * the test rewrites the generated part of the file instead (then commit it).
 */
@QuarkusTest
class ApiReferenceTest {
  private static final Path API_MD = Path.of("docs/api.md");

  @Test
  void theEndpointReferenceInDocsApiMdIsTheOpenApiDocument() throws Exception {
    String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
    String fresh = OpenApiMarkdown.render(new ObjectMapper().readTree(json));
    String doc = Files.readString(API_MD);
    int begin = doc.indexOf(OpenApiMarkdown.BEGIN);
    int end = doc.indexOf(OpenApiMarkdown.END);
    String committed = begin < 0 || end < begin ? "" : doc.substring(begin, end + OpenApiMarkdown.END.length());
    if (Boolean.getBoolean("aeroshift.docs.update")) {
      String updated = committed.isEmpty()
          ? doc.stripTrailing() + "\n\n## Endpoint reference (generated)\n\n" + fresh + "\n"
          : doc.replace(committed, fresh);
      Files.writeString(API_MD, updated);
      return;
    }
    assertThat(committed).as("docs/api.md's generated endpoint reference is stale: run "
        + "mvn -B -o test -Dtest=ApiReferenceTest -Daeroshift.docs.update=true and commit docs/api.md")
        .isEqualTo(fresh);
  }
}
