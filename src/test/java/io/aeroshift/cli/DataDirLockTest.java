package io.aeroshift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
  @TempDir Path dir;

  @Test
  void aSecondServiceOnTheSameDataDirectoryStopsWithOneLineNamingItAndTheHolder() throws Exception {
    try (DataDirLock held = DataDirLock.acquire(dir).orElseThrow()) {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Daeroshift.data-dir=" + dir, "-cp", System.getProperty("java.class.path"), ServiceMain.class.getName())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the second process ends by itself").isTrue();
      assertThat(p.exitValue()).as(err).isEqualTo(1);
      List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
      assertThat(lines).as(err).hasSize(1);
      assertThat(lines.get(0)).startsWith("aeroshift: data directory " + dir.toAbsolutePath().normalize())
          .contains("pid " + ProcessHandle.current().pid())
          .contains(dir.resolve(DataDirLock.FILE).toAbsolutePath().normalize().toString());
    }
  }

  @Test
  void theLockGoesWithItsHolderSoAStaleFileNeverBlocks() throws IOException {
    DataDirLock first = DataDirLock.acquire(dir).orElseThrow();
    assertThatThrownBy(() -> DataDirLock.acquire(dir)).isInstanceOf(DataDirLock.Busy.class);
    first.close();
    assertThat(dir.resolve(DataDirLock.FILE)).exists();
    try (DataDirLock again = DataDirLock.acquire(dir).orElseThrow()) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void aDirectoryThatCannotHoldALockFileIsNoReasonToRefuseAStart() {
    assertThat(DataDirLock.acquire(Path.of("/proc/aeroshift-cannot-be-here"))).isEmpty();
  }
}
