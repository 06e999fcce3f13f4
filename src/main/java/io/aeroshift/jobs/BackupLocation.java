package io.aeroshift.jobs;

import io.aeroshift.outcome.RequestRefused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@code backup.dir} of a request points on the service's file system, decided at request
 * time: a relative directory is taken inside the configured base directory (never the service's
 * working directory, which depends on how it was started), and the kernel's pseudo file systems are
 * refused, also when a link leads into them, because writing backup files there fails only later,
 * or worse, writes into devices. Where the operator of the service named the directories backups
 * may go to, a directory outside them is refused, also when a link leads out of them.
 */
final class BackupLocation {
  /** Pseudo file systems no backup goes to. */
  static final List<Path> FORBIDDEN = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

  private BackupLocation() {}

  /**
   * The absolute, normalised directory for {@code dir}.
   *
   * @param base the configured base directory for relative directories, or empty: then a relative
   *     directory is refused
   * @param roots the directories backups may go to; empty: any but the pseudo file systems
   * @throws RequestRefused 400 naming {@code backup.dir} and what is wrong
   */
  static Path resolve(String dir, Optional<Path> base, List<Path> roots) {
    Path asked;
    try {
      asked = Path.of(dir);
    } catch (RuntimeException e) {
      throw new RequestRefused(400, "INVALID_REQUEST", "backup.dir: '" + dir + "' is not a path");
    }
    if (!asked.isAbsolute()) {
      if (base.isEmpty()) {
        throw new RequestRefused(400, "INVALID_REQUEST", "backup.dir: '" + dir + "' is relative and no base directory is"
            + " configured (aeroshift.jobs.backup-base-dir); give an absolute directory");
      }
      asked = base.get().toAbsolutePath().resolve(asked);
    }
    Path resolved = asked.normalize();
    for (Path p : List.of(resolved, throughLinks(resolved))) {
      String where = "backup.dir: " + resolved + (p.equals(resolved) ? "" : " (through a link: " + p + ")");
      for (Path forbidden : FORBIDDEN) {
        if (p.startsWith(forbidden)) {
          throw new RequestRefused(400, "INVALID_REQUEST", where + " is inside " + forbidden
              + ", a kernel pseudo file system; give a directory on a disk or volume");
        }
      }
      if (!roots.isEmpty() && roots.stream().noneMatch(root -> p.startsWith(root) || p.startsWith(throughLinks(root)))) {
        throw new RequestRefused(400, "INVALID_REQUEST", where + " is outside the directories backups may go to"
            + " (aeroshift.jobs.backup-roots: " + roots.stream().map(Path::toString)
                .collect(java.util.stream.Collectors.joining(", ")) + ")");
      }
    }
    return resolved;
  }

  /** The configured roots, absolute and normalised. */
  static List<Path> roots(Optional<List<String>> configured) {
    return configured.orElse(List.of()).stream().filter(r -> !r.isBlank())
        .map(r -> Path.of(r).toAbsolutePath().normalize()).toList();
  }

  /** {@code dir} with every link of its longest existing ancestor followed. */
  private static Path throughLinks(Path dir) {
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return dir;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(dir)).normalize();
    } catch (IOException e) {
      return dir;
    }
  }
}
