package io.aeroshift.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.aeroshift.inventory.CredentialRoots;
import io.aeroshift.testsupport.CredentialFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Password references may only point into the configured roots (test profile: secrets directory
 * {@code target/test-credentials}, prefix {@code AEROSHIFT_TEST_}, no explicit namespace). Anything
 * else is refused with one message, whether what it names exists or not, and nothing is stored.
 */
@QuarkusTest
class CredentialRootsResourceTest {

  private static Response register(String name, String passwordFrom) {
    return given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
        .body("{\"name\":\"" + name + "\",\"team\":\"a\",\"seeds\":[\"127.0.0.1:" + freePort() + "\"],"
            + "\"credentials\":{\"user\":\"admin\",\"passwordFrom\":" + passwordFrom + "}}")
        .post("/api/v1/clusters");
  }

  private static int freePort() {
    try {
      return ClusterResourceTest.freePort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void referencesOutsideTheRootsAreRefusedAlikeAndNothingIsStored() throws IOException {
    Path dir = CredentialFiles.dir();
    Path outside = Files.createTempFile("aeroshift-outside", ".txt");
    Path link = dir.resolve("link-out-" + System.nanoTime());
    Files.createSymbolicLink(link, outside);
    try {
      List<String> refused = List.of(
          "{\"file\":\"/etc/shadow\"}",
          "{\"file\":\"/etc/no-such-file-aeroshift\"}",
          "{\"file\":\"" + outside + "\"}",
          "{\"file\":\"../../../../../../etc/passwd\"}",
          "{\"file\":\"" + dir + "/../../pom.xml\"}",
          "{\"file\":\"" + link.getFileName() + "\"}",
          "{\"env\":\"HOME\"}",
          "{\"env\":\"AEROSHIFT_NO_SUCH_VARIABLE\"}",
          "{\"env\":\"PATH\"}",
          "{\"secret\":{\"name\":\"db\",\"key\":\"password\",\"namespace\":\"kube-system\"}}");
      List<String> details = new ArrayList<>();
      String name = ClusterResourceTest.unique("refused");
      for (String ref : refused) {
        Response r = register(name, ref);
        assertThat(r.statusCode()).as(ref).isEqualTo(422);
        assertThat(r.contentType()).as(ref).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("reason")).as(ref).isEqualTo("CREDENTIALS_REFUSED");
        assertThat(r.jsonPath().getString("field")).as(ref).isEqualTo("credentials.passwordFrom");
        details.add(r.jsonPath().getString("detail"));
      }
      assertThat(details).as("one message for every refusal").containsOnly("cluster " + name + ": " + CredentialRoots.REFUSED);
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name).then().statusCode(404);

      // the same through the inventory document, and through PUT
      given().auth().preemptive().basic("engineer", "engineer").contentType("application/yaml")
          .body(("clusters:\n  - name: " + name + "\n    team: a\n    seeds: [\"127.0.0.1:3000\"]\n"
              + "    credentials: {user: u, passwordFrom: {env: HOME}}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .post("/api/v1/inventory").then().statusCode(422).body("reason", equalTo("CREDENTIALS_REFUSED"));
      given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
          .body("{\"team\":\"a\",\"seeds\":[\"127.0.0.1:3000\"],\"credentials\":{\"user\":\"u\",\"passwordFrom\":{\"file\":\"/etc/shadow\"}}}")
          .put("/api/v1/clusters/" + name).then().statusCode(422).body("reason", equalTo("CREDENTIALS_REFUSED"));
      given().auth().preemptive().basic("viewer", "viewer").get("/api/v1/clusters/" + name).then().statusCode(404);
    } finally {
      Files.deleteIfExists(link);
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void referencesInsideTheRootsAreAccepted() throws IOException {
    Path pw = CredentialFiles.create("pw\n");
    try {
      for (String ref : List.of("{\"file\":\"" + pw + "\"}", "{\"file\":\"" + pw.getFileName() + "\"}",
          "{\"env\":\"AEROSHIFT_TEST_SOURCE_PASSWORD\"}", "{\"secret\":{\"name\":\"db\",\"key\":\"password\"}}")) {
        assertThat(register(ClusterResourceTest.unique("admitted"), ref).statusCode()).as(ref).isEqualTo(201);
      }
    } finally {
      Files.deleteIfExists(pw);
    }
  }

  @Test
  void aLinkMadeOutOfTheDirectoryAfterRegistrationIsRefusedBeforeAnythingIsSent() throws IOException {
    Path dir = CredentialFiles.dir();
    String linkName = "later-" + System.nanoTime();
    Path outside = Files.createTempFile("aeroshift-outside", ".txt");
    Files.writeString(outside, "not-for-you");
    String name = ClusterResourceTest.unique("later");
    try {
      assertThat(register(name, "{\"file\":\"" + linkName + "\"}").statusCode()).isEqualTo(201);
      Files.createSymbolicLink(dir.resolve(linkName), outside);
      // CREDENTIALS_UNAVAILABLE, not SEEDS_UNREACHABLE: refused before any connection was tried
      given().auth().preemptive().basic("engineer", "engineer").post("/api/v1/clusters/" + name + "/discoveries")
          .then().statusCode(422).contentType("application/problem+json")
          .body("reason", equalTo("CREDENTIALS_UNAVAILABLE"))
          .body("detail", containsString(CredentialRoots.REFUSED));
    } finally {
      Files.deleteIfExists(dir.resolve(linkName));
      Files.deleteIfExists(outside);
    }
  }

  private static Response copyWithKeyFile(String keyFile) {
    return given().auth().preemptive().basic("engineer", "engineer").contentType(ContentType.JSON)
        .body("{\"source\":\"no-such-source\",\"target\":{\"cluster\":\"no-such-target\"},\"namespace\":\"test\","
            + "\"mode\":\"BACKUP_RESTORE\",\"backup\":{\"dir\":\"keyfile-" + System.nanoTime() + "\",\"encrypt\":\"aes256\","
            + "\"keyFile\":\"" + keyFile + "\"}}")
        .post("/api/v1/copies");
  }

  /**
   * A backup's encryption key file is read by the service like a password file: outside the
   * secrets directory it is refused before it is opened, with one message whether it exists, is
   * unreadable or is no key (before: 422 BACKUP_KEY_UNUSABLE quoting what reading found, e.g.
   * "/etc/passwd: not a PEM key" against "NoSuchFileException", so the answers probed the disk).
   */
  @Test
  void aBackupKeyFileOutsideTheSecretsDirectoryIsRefusedAlike() throws IOException {
    Path outside = Files.createTempFile("aeroshift-outside", ".pem");
    try {
      List<String> details = new ArrayList<>();
      for (String keyFile : List.of("/etc/passwd", "/etc/no-such-key-aeroshift.pem", "/root/.ssh/id_rsa", outside.toString(),
          "../../../../etc/shadow")) {
        Response r = copyWithKeyFile(keyFile);
        assertThat(r.statusCode()).as(keyFile).isEqualTo(422);
        assertThat(r.contentType()).as(keyFile).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("reason")).as(keyFile).isEqualTo("CREDENTIALS_REFUSED");
        assertThat(r.jsonPath().getString("field")).as(keyFile).isEqualTo("backup.keyFile");
        details.add(r.jsonPath().getString("detail"));
      }
      assertThat(details).containsOnly("backup.keyFile " + CredentialRoots.OUTSIDE_SECRETS_DIR);
      // inside the directory the file is read: a file that is no key is BACKUP_KEY_UNUSABLE, as before
      Path notAKey = CredentialFiles.create("not a key");
      try {
        Response inside = copyWithKeyFile(notAKey.getFileName().toString());
        assertThat(inside.statusCode()).isEqualTo(422);
        assertThat(inside.jsonPath().getString("reason")).isEqualTo("BACKUP_KEY_UNUSABLE");
      } finally {
        Files.deleteIfExists(notAKey);
      }
    } finally {
      Files.deleteIfExists(outside);
    }
  }
}
