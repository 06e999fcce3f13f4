package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aeroshift.outcome.RequestRefused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupLocationTest {
  @TempDir Path tmp;

  @Test
  void aRelativeDirectoryIsTakenInsideTheBaseDirectoryNeverTheWorkingDirectory() {
    Path base = tmp.resolve("backups");
    assertThat(BackupLocation.resolve("bk1", Optional.of(base), List.of())).isEqualTo(base.resolve("bk1"));
    assertThat(BackupLocation.resolve("team/../bk2", Optional.of(base), List.of())).isEqualTo(base.resolve("bk2"));
    assertThatThrownBy(() -> BackupLocation.resolve("bk1", Optional.empty(), List.of()))
        .isInstanceOf(RequestRefused.class)
        .hasMessageContaining("backup.dir: 'bk1' is relative")
        .hasMessageContaining("aeroshift.jobs.backup-base-dir");
    assertThat(BackupLocation.resolve(tmp.resolve("abs").toString(), Optional.empty(), List.of())).isEqualTo(tmp.resolve("abs"));
  }

  @Test
  void kernelPseudoFileSystemsAreRefusedAlsoThroughLinksAndDotDot() throws IOException {
    Path base = tmp.resolve("backups");
    for (String dir : new String[] {"/proc", "/proc/x", "/sys/fs/x", "/dev/shm/x", "/tmp/../proc/1", "../../../../../../../proc/x"}) {
      assertThatThrownBy(() -> BackupLocation.resolve(dir, Optional.of(base), List.of())).as(dir)
          .isInstanceOf(RequestRefused.class).hasMessageContaining("kernel pseudo file system")
          .satisfies(e -> assertThat(((RequestRefused) e).status()).isEqualTo(400));
    }
    Path link = Files.createSymbolicLink(tmp.resolve("to-sys"), Path.of("/sys"));
    assertThatThrownBy(() -> BackupLocation.resolve(link.resolve("new/dir").toString(), Optional.empty(), List.of()))
        .hasMessageContaining("through a link: /sys/new/dir");
    assertThat(BackupLocation.resolve("/procedures/x", Optional.empty(), List.of())).isEqualTo(Path.of("/procedures/x"));
  }

  @Test
  void withRootsConfiguredADirectoryOutsideThemIsRefusedAlsoThroughALinkOrDotDot() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("backups"));
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    List<Path> roots = BackupLocation.roots(Optional.of(List.of(root.toString(), " ")));
    assertThat(roots).containsExactly(root);

    assertThat(BackupLocation.resolve(root.resolve("team/bk1").toString(), Optional.empty(), roots))
        .isEqualTo(root.resolve("team/bk1"));
    assertThat(BackupLocation.resolve("bk2", Optional.of(root), roots)).isEqualTo(root.resolve("bk2"));
    for (String dir : new String[] {outside.resolve("bk").toString(), root + "/../elsewhere/bk", root + "-2/bk"}) {
      assertThatThrownBy(() -> BackupLocation.resolve(dir, Optional.empty(), roots)).as(dir)
          .isInstanceOf(RequestRefused.class)
          .hasMessageContaining("is outside the directories backups may go to (aeroshift.jobs.backup-roots: " + root + ")")
          .satisfies(e -> assertThat(((RequestRefused) e).status()).isEqualTo(400));
    }
    assertThatThrownBy(() -> BackupLocation.resolve("../elsewhere/bk", Optional.of(root), roots))
        .hasMessageContaining("outside the directories backups may go to");
    Path linkOut = Files.createSymbolicLink(root.resolve("out"), outside);
    assertThatThrownBy(() -> BackupLocation.resolve(linkOut.resolve("new/bk").toString(), Optional.empty(), roots))
        .hasMessageContaining("(through a link: " + outside.resolve("new/bk") + ") is outside");

    // a root that is itself a link: what lies under it, read through the link, is inside
    Path rootLink = Files.createSymbolicLink(tmp.resolve("backups-link"), root);
    List<Path> linkedRoots = BackupLocation.roots(Optional.of(List.of(rootLink.toString())));
    assertThat(BackupLocation.resolve(rootLink.resolve("bk3").toString(), Optional.empty(), linkedRoots))
        .isEqualTo(rootLink.resolve("bk3"));
  }
}
