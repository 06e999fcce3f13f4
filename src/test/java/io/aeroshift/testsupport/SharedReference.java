package io.aeroshift.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code shared/<rel>} beside the repository, from the main checkout or a worktree. */
public final class SharedReference {
  private SharedReference() {}

  /**
   * Walks up from the working directory and returns the first {@code <dir>/shared/<rel>} or
   * {@code <dir>/../shared/<rel>} that exists.
   */
  public static Path path(String rel) {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path inside = dir.resolve("shared").resolve(rel);
      if (Files.exists(inside)) {
        return inside;
      }
      if (dir.getParent() != null) {
        Path beside = dir.resolve("..").resolve("shared").resolve(rel).normalize();
        if (Files.exists(beside)) {
          return beside;
        }
      }
    }
    throw new IllegalStateException("shared/" + rel + " not found above " + start
        + " (expected a shared/ folder beside the repository, as /work/main has /work/shared)");
  }
}
