package io.aeroshift.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds files under the project's {@code shared/} folder, which sits beside the repository in CI
 * ({@code <clone>/../shared}) and beside {@code main} on developer machines, whatever worktree the
 * tests run from.
 */
public final class SharedReference {

  private SharedReference() {}

  /**
   * Walks up from the working directory and returns the first {@code <dir>/shared/<rel>} or
   * {@code <dir>/../shared/<rel>} that exists.
   *
   * @param rel path relative to {@code shared/}, e.g. {@code reference/asbackup/x.asb}
   * @throws IllegalStateException naming the start directory when no candidate exists
   */
  public static Path path(String rel) {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path inside = dir.resolve("shared").resolve(rel);
      if (Files.exists(inside)) {
        return inside.normalize();
      }
      Path beside = dir.resolve("..").resolve("shared").resolve(rel);
      if (Files.exists(beside)) {
        return beside.normalize();
      }
    }
    throw new IllegalStateException(
        "shared/" + rel + " not found walking up from " + start
            + " (expected shared/ beside or above the repository)");
  }
}
