package io.aeroshift.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.Value;
import io.aeroshift.transfer.RecordImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Multi-file output: naming, rotation at the file limit, parallel writers, first-file once. */
class AsbBackupDirectoryTest {

  @TempDir Path tmp;

  private static RecordImage record(int i) {
    return AsbTestRecords.keyed("test", "s", Value.get((long) i), 1, 0,
        AsbTestRecords.bins("i", (long) i, "pad", "x".repeat(100 + i % 50)));
  }

  @ParameterizedTest
  @CsvSource({"NONE,false", "ZSTD,false", "GZIP,true", "ZSTD,true"})
  void parallelWritersRotateFilesAndEveryRecordLandsOnce(AsbCompression compression,
      boolean encrypted) throws Exception {
    AsbEncryptionKey key = encrypted ? AsbEncryptionKey.fromPemFile(
        Path.of(getClass().getResource("test_key_pkcs1.pem").toURI()), AsbEncryption.AES128)
        : null;
    AsbCodec codec = AsbCodec.of(compression, key);
    Path dir = tmp.resolve("out");
    List<AsbSecondaryIndex> indexes = List.of(AsbSecondaryIndex.of("test", "s", "idx",
        AsbSecondaryIndex.Collection.DEFAULT, "i", AsbSecondaryIndex.DataType.NUMERIC));
    List<AsbUdf> udfs = List.of(new AsbUdf("m.lua", "return 1\n".getBytes(StandardCharsets.UTF_8)));
    int threads = 4;
    int perThread = 1000;
    try (AsbBackupDirectory out = new AsbBackupDirectory(dir, "test", null, 20_000, codec, false,
        indexes, udfs)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * perThread;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            out.writeRecord(record(base + i));
            if (i % 250 == 249) {
              out.release(); // a partition range done: its file may go to another writer
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
    }
    List<Path> files = AerospikeRestore.backupFiles(dir);
    if (compression == AsbCompression.NONE) {
      // uncompressed sizes are exact, so the 20 kB limit rotates every writer's file
      assertThat(files.size()).isGreaterThan(threads);
    } else {
      // compressed output is measured as the compressor emits it: rotation may lag its buffers
      assertThat(files).isNotEmpty();
    }
    Set<Long> seen = new HashSet<>();
    int firstFiles = 0;
    int globals = 0;
    for (int n = 0; n < files.size(); n++) {
      Path f = files.get(n);
      assertThat(f.getFileName().toString()).isEqualTo(String.format("test_%05d.asb", n));
      try (InputStream in = codec.wrapInput(Files.newInputStream(f), f.toString());
          AsbReader r = new AsbReader(in, f.toString(), AsbReaderOptions.defaults())) {
        if (r.header().firstFile()) {
          firstFiles++;
          assertThat(n).isZero();
        }
        for (AsbEntry e = r.next(); e != null; e = r.next()) {
          if (e instanceof AsbEntry.Record rec) {
            assertThat(seen.add((Long) rec.record().bins().get("i"))).isTrue();
            AsbTestRecords.assertSameRecord(rec.record(),
                record((int) (long) (Long) rec.record().bins().get("i")));
          } else {
            globals++;
            assertThat(n).as("globals only in the first file").isZero();
          }
        }
      }
    }
    assertThat(firstFiles).isEqualTo(1);
    assertThat(globals).isEqualTo(2);
    assertThat(seen).hasSize(threads * perThread);
    try (var s = Files.list(dir)) {
      assertThat(s.filter(p -> p.toString().endsWith(".part"))).isEmpty();
    }
    if (compression == AsbCompression.NONE) {
      // rotation happens before the record that would start past the limit: files stay near it
      for (Path f : files) {
        assertThat(Files.size(f)).isLessThan(20_000 + 1_000);
      }
    }
  }

  @Test
  void emptyNamespaceStillHasTheFirstFile() throws Exception {
    Path dir = tmp.resolve("empty");
    new AsbBackupDirectory(dir, "test", "pfx", 0, AsbCodec.plain(), false, List.of(), List.of())
        .close();
    assertThat(AerospikeRestore.backupFiles(dir)).extracting(p -> p.getFileName().toString())
        .containsExactly("pfx_00000.asb");
    assertThat(Files.readString(dir.resolve("pfx_00000.asb")))
        .isEqualTo("Version 3.1\n# namespace test\n# first-file\n");
  }

  @Test
  void refusesADirectoryWithBackupFilesAndRecordsOfAnotherNamespace() throws Exception {
    Path dir = tmp.resolve("used");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("old_00000.asb"), "x");
    assertThatThrownBy(() -> new AsbBackupDirectory(dir, "test", null, 0, AsbCodec.plain(), false,
        List.of(), List.of())).hasMessageContaining("already holds backup files");
    try (AsbBackupDirectory out = new AsbBackupDirectory(tmp.resolve("ok"), "test", null, 0,
        AsbCodec.plain(), false, List.of(), List.of())) {
      RecordImage other = AsbTestRecords.keyed("other", null, Value.get(1L), 1, 0,
          AsbTestRecords.bins("a", 1L));
      assertThatThrownBy(() -> out.writeRecord(other)).hasMessageContaining("namespace other");
    }
  }

  @Test
  void aFailedWriteFailsTheBackupAndLeavesOnlyPartFiles() throws Exception {
    Path dir = tmp.resolve("fail");
    AsbBackupDirectory out = new AsbBackupDirectory(dir, "test", null, 0, AsbCodec.plain(), false,
        List.of(), List.of());
    out.writeRecord(record(1));
    RecordImage bad = new RecordImage("test", null, new byte[20], null, 1, 0,
        AsbTestRecords.bins("d", new java.util.Date()));
    assertThatThrownBy(() -> out.writeRecord(bad)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> out.writeRecord(record(2))).hasMessageContaining("already failed");
    assertThatThrownBy(out::close).hasMessageContaining("backup incomplete");
    assertThat(AerospikeRestore.backupFiles(dir)).isEmpty();
  }
}
