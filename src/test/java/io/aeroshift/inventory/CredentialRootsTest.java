package io.aeroshift.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aeroshift.outcome.RequestRefused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialRootsTest {
  @TempDir Path tmp;

  private CredentialRoots roots() {
    return new CredentialRoots(Optional.of(tmp.resolve("secrets").toAbsolutePath().normalize()), Optional.of("AEROSHIFT_CREDENTIAL_"),
        Optional.of("aeroshift"));
  }

  private static PasswordSource file(String f) {
    return new PasswordSource(null, f, null);
  }

  private static PasswordSource env(String e) {
    return new PasswordSource(e, null, null);
  }

  private static PasswordSource secret(String ns) {
    return new PasswordSource(null, null, new PasswordSource.SecretKeyRef("s", "k", ns));
  }

  @Test
  void admitsOnlyReferencesInsideTheRoots() {
    CredentialRoots r = roots();
    Path dir = r.secretsDir().orElseThrow();
    assertThat(r.admits(file("orders"))).isTrue();
    assertThat(r.admits(file("team/orders"))).isTrue();
    assertThat(r.admits(file(dir.resolve("orders").toString()))).isTrue();
    assertThat(r.admits(env("AEROSHIFT_CREDENTIAL_ORDERS"))).isTrue();
    assertThat(r.admits(secret(null))).isTrue();
    assertThat(r.admits(secret("aeroshift"))).isTrue();

    assertThat(r.admits(file("/etc/shadow"))).isFalse();
    assertThat(r.admits(file("../secrets-not/x"))).isFalse();
    assertThat(r.admits(file("a/../../x"))).isFalse();
    assertThat(r.admits(file(dir + "/../x"))).isFalse();
    assertThat(r.admits(file("."))).isFalse();
    assertThat(r.admits(env("HOME"))).isFalse();
    assertThat(r.admits(env("AEROSHIFT_CREDENTIAL_"))).isFalse();
    assertThat(r.admits(env("AEROSHIFT_DB_PASSWORD"))).isFalse();
    assertThat(r.admits(secret("kube-system"))).isFalse();
  }

  @Test
  void aKindWithoutARootIsRefused() {
    CredentialRoots none = new CredentialRoots(Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(none.admits(file("x"))).isFalse();
    assertThat(none.admits(env("AEROSHIFT_CREDENTIAL_X"))).isFalse();
    assertThat(none.admits(secret("aeroshift"))).isFalse();
    assertThat(none.admits(secret(null))).isTrue();
  }

  @Test
  void aLinkOutOfTheDirectoryIsRefusedWithTheSameMessageAsAMissingTarget() throws IOException {
    CredentialRoots r = roots();
    Path dir = Files.createDirectories(r.secretsDir().orElseThrow());
    Path outside = Files.writeString(tmp.resolve("elsewhere.txt"), "not yours");
    Files.createSymbolicLink(dir.resolve("out"), outside);
    Files.createSymbolicLink(dir.resolve("dangling"), tmp.resolve("nothing-here"));
    Files.writeString(dir.resolve("inside"), "pw");
    Files.createSymbolicLink(dir.resolve("in-link"), dir.resolve("inside"));

    assertThat(r.passwordFile("c", "inside")).isEqualTo(dir.toRealPath().resolve("inside"));
    assertThat(r.passwordFile("c", "in-link")).isEqualTo(dir.toRealPath().resolve("inside"));
    assertThat(r.passwordFile("c", "not-yet")).isEqualTo(dir.resolve("not-yet"));
    String out = message(() -> r.passwordFile("c", "out"));
    assertThat(message(() -> r.passwordFile("c", "dangling"))).isEqualTo(out);
    assertThat(message(() -> r.passwordFile("c", "/etc/shadow"))).isEqualTo(out);
    assertThat(message(() -> r.passwordFile("c", "/etc/no-such-file"))).isEqualTo(out);
    assertThat(out).doesNotContain("elsewhere").doesNotContain("shadow");
  }

  private static String message(Runnable r) {
    try {
      r.run();
    } catch (RequestRefused e) {
      assertThat(e.status()).isEqualTo(422);
      assertThat(e.reason()).isEqualTo("CREDENTIALS_REFUSED");
      assertThat(e.field()).isEqualTo("credentials.passwordFrom");
      return e.getMessage();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void requireThrowsTheOneRefusal() {
    assertThatThrownBy(() -> roots().require("c", env("HOME"))).isInstanceOf(RequestRefused.class)
        .hasMessage("cluster c: " + CredentialRoots.REFUSED);
  }

  /**
   * A directory link inside the secrets directory pointing out of it: a file that exists behind it
   * and one that does not are refused alike (before, the missing one was admitted and its read
   * failed with "cannot be read", telling the two apart).
   */
  @Test
  void aDirectoryLinkOutIsRefusedWhetherTheFileBehindItExistsOrNot() throws IOException {
    CredentialRoots r = roots();
    Path dir = Files.createDirectories(r.secretsDir().orElseThrow());
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("there"), "secret");
    Files.createSymbolicLink(dir.resolve("out"), outside);
    String there = message(() -> r.passwordFile("c", "out/there"));
    String missing = message(() -> r.passwordFile("c", "out/not-there"));
    assertThat(missing).isEqualTo(there).isEqualTo("cluster c: " + CredentialRoots.REFUSED);
  }

  /** backup.keyFile: only inside the secrets directory, with one message for every refused path. */
  @Test
  void secretFilesOfOtherFieldsAreRefusedAlikeOutsideTheSecretsDirectory() throws IOException {
    CredentialRoots r = roots();
    Path dir = Files.createDirectories(r.secretsDir().orElseThrow());
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(outside.resolve("key.pem"), "k");
    Files.createSymbolicLink(dir.resolve("linked.pem"), outside.resolve("key.pem"));
    Files.createSymbolicLink(dir.resolve("dangling.pem"), outside.resolve("gone.pem"));
    java.util.Set<String> messages = new java.util.HashSet<>();
    for (String f : java.util.List.of("/etc/passwd", "/etc/no-such-key.pem", outside.resolve("key.pem").toString(),
        "../elsewhere/key.pem", "linked.pem", "dangling.pem", "", "\0")) {
      try {
        r.secretFile("backup.keyFile", f);
        throw new AssertionError(f + " admitted");
      } catch (RequestRefused e) {
        assertThat(e.status()).as(f).isEqualTo(422);
        assertThat(e.reason()).as(f).isEqualTo("CREDENTIALS_REFUSED");
        assertThat(e.field()).as(f).isEqualTo("backup.keyFile");
        messages.add(e.getMessage());
      }
    }
    assertThat(messages).containsExactly("backup.keyFile " + CredentialRoots.OUTSIDE_SECRETS_DIR);
    Files.writeString(dir.resolve("key.pem"), "k");
    assertThat(r.secretFile("backup.keyFile", "key.pem")).isEqualTo(dir.toRealPath().resolve("key.pem"));
    assertThat(r.secretFile("backup.keyFile", dir.resolve("key.pem").toString())).isEqualTo(dir.toRealPath().resolve("key.pem"));
    assertThat(r.secretFile("backup.keyFile", "not-yet.pem")).isEqualTo(dir.toRealPath().resolve("not-yet.pem"));
  }
}
