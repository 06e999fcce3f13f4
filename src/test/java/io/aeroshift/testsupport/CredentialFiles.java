package io.aeroshift.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;

/** Password files inside the secrets directory the running service admits ({@code aeroshift.credentials.secrets-dir}). */
public final class CredentialFiles {
  private CredentialFiles() {}

  /** The configured secrets directory, created when absent. */
  public static Path dir() throws IOException {
    Path dir = Path.of(ConfigProvider.getConfig().getValue("aeroshift.credentials.secrets-dir", String.class)).toAbsolutePath();
    return Files.createDirectories(dir);
  }

  /** A new file in the secrets directory holding {@code content}. */
  public static Path create(String content) throws IOException {
    Path f = Files.createTempFile(dir(), "pw", ".txt");
    Files.writeString(f, content);
    return f;
  }
}
