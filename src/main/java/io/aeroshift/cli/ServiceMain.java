package io.aeroshift.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Entry point of the packaged service ({@code bin/aeroshift}): holds the data directory's lock
 * ({@link DataDirLock}) before Quarkus opens the state store in it, so a second service on the
 * same directory stops with one line naming the directory and the other process (exit 1).
 * Tests ({@code @QuarkusTest}) do not pass through here.
 */
@QuarkusMain
public final class ServiceMain {
  private ServiceMain() {}

  public static void main(String... args) {
    Optional<DataDirLock> held;
    try {
      held = DataDirLock.acquire(dataDir());
    } catch (DataDirLock.Busy e) {
      System.err.println("aeroshift: " + e.getMessage());
      System.exit(1);
      return;
    }
    // Kept referenced until the JVM ends: the lock goes with the process.
    lock = held.orElse(null);
    Quarkus.run(args);
  }

  @SuppressWarnings("unused")
  private static DataDirLock lock;

  /** {@code aeroshift.data-dir} as the service will read it: system property, environment, then the default. */
  static Path dataDir() {
    String dir = System.getProperty("aeroshift.data-dir");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("AEROSHIFT_DATA_DIR");
    }
    return Path.of(dir == null || dir.isBlank() ? "./data" : dir);
  }
}
