package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aeroshift.outcome.RequestRefused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupLocationTest {
  @TempDir Path tmp;

  @Test
  void aRelativeDirectoryIsTakenInsideTheBaseDirectoryNeverTheWorkingDirectory() {
    Path base = tmp.resolve("backups");
    assertThat(BackupLocation.resolve("bk1", Optional.of(base))).isEqualTo(base.resolve("bk1"));
    assertThat(BackupLocation.resolve("team/../bk2", Optional.of(base))).isEqualTo(base.resolve("bk2"));
    assertThatThrownBy(() -> BackupLocation.resolve("bk1", Optional.empty()))
        .isInstanceOf(RequestRefused.class)
        .hasMessageContaining("backup.dir: 'bk1' is relative")
        .hasMessageContaining("aeroshift.jobs.backup-base-dir");
    assertThat(BackupLocation.resolve(tmp.resolve("abs").toString(), Optional.empty())).isEqualTo(tmp.resolve("abs"));
  }

  @Test
  void kernelPseudoFileSystemsAreRefusedAlsoThroughLinksAndDotDot() throws IOException {
    Path base = tmp.resolve("backups");
    for (String dir : new String[] {"/proc", "/proc/x", "/sys/fs/x", "/dev/shm/x", "/tmp/../proc/1", "../../../../../../../proc/x"}) {
      assertThatThrownBy(() -> BackupLocation.resolve(dir, Optional.of(base))).as(dir)
          .isInstanceOf(RequestRefused.class).hasMessageContaining("kernel pseudo file system")
          .satisfies(e -> assertThat(((RequestRefused) e).status()).isEqualTo(400));
    }
    Path link = Files.createSymbolicLink(tmp.resolve("to-sys"), Path.of("/sys"));
    assertThatThrownBy(() -> BackupLocation.resolve(link.resolve("new/dir").toString(), Optional.empty()))
        .hasMessageContaining("through a link: /sys/new/dir");
    assertThat(BackupLocation.resolve("/procedures/x", Optional.empty())).isEqualTo(Path.of("/procedures/x"));
  }
}
