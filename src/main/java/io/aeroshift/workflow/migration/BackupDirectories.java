package io.aeroshift.workflow.migration;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removal of a backup directory the workflow created, once its migration no longer needs it. */
final class BackupDirectories {
  private BackupDirectories() {}

  /**
   * Removes {@code dir} and what it holds. Symbolic links are removed as links, never followed, so
   * nothing outside the directory is touched. What is gone already is skipped: removing twice is
   * removing once.
   */
  static void remove(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        deleteIfThere(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        deleteIfThere(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void deleteIfThere(Path p) throws IOException {
    Files.deleteIfExists(p);
  }
}
