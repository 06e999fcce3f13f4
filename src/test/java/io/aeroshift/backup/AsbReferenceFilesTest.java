package io.aeroshift.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aerospike.client.Value;
import io.aeroshift.testsupport.SharedReference;
import io.aeroshift.transfer.RecordImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conformance with the files asbackup's own repository ships (shared/reference/asbackup). */
class AsbReferenceFilesTest {

  private static List<AsbEntry> readAll(AsbReader reader) throws Exception {
    List<AsbEntry> out = new ArrayList<>();
    for (AsbEntry e = reader.next(); e != null; e = reader.next()) {
      out.add(e);
    }
    return out;
  }

  private static AsbReader open(Path p) throws Exception {
    InputStream in = Files.newInputStream(p);
    return new AsbReader(in, p.getFileName().toString(), AsbReaderOptions.defaults());
  }

  @Test
  void validFileGivesTheExactRecord() throws Exception {
    Path p = SharedReference.path("reference/asbackup/test_backup_file.asb");
    try (AsbReader reader = open(p)) {
      assertThat(reader.header()).isEqualTo(new AsbHeader("3.1", "test", true));
      List<AsbEntry> entries = readAll(reader);
      assertThat(entries).hasSize(1);
      AsbEntry.Record entry = (AsbEntry.Record) entries.get(0);
      RecordImage r = entry.record();
      assertThat(r.namespace()).isEqualTo("test");
      assertThat(r.set()).isEqualTo("demo");
      assertThat(r.userKey()).isEqualTo(Value.get("key1"));
      assertThat(Base64.getEncoder().encodeToString(r.digest()))
          .isEqualTo("7JEZLUt/jONdXXjTS8ply6qqyWA=");
      assertThat(r.generation()).isEqualTo(1);
      assertThat(r.voidTime()).isEqualTo(428179113);
      // 2010-01-01 + 428179113 s = 2023-07-27T18:38:33Z
      assertThat(RecordImage.CITRUSLEAF_EPOCH_SECONDS + r.voidTime()).isEqualTo(1690483113L);
      assertThat(r.bins()).containsExactly(
          Map.entry("foo", 123L), Map.entry("bar", "abc"), Map.entry("baz", true));
      assertThat(entry.position()).isEqualTo(new AsbPosition(4, 42, 168, 14));
    }
  }

  @Test
  void readmeSampleGivesIndexesUdfAndRecord() throws Exception {
    Path p = SharedReference.path("reference/asbackup/README_sample_backup_file.asb");
    try (AsbReader reader = open(p)) {
      assertThat(reader.header()).isEqualTo(new AsbHeader("3.1", "test", true));
      List<AsbEntry> entries = readAll(reader);
      assertThat(entries).hasSize(4);
      assertThat(((AsbEntry.Index) entries.get(0)).index())
          .isEqualTo(AsbSecondaryIndex.of("test", "test-set", "int-index",
              AsbSecondaryIndex.Collection.DEFAULT, "int-bin", AsbSecondaryIndex.DataType.NUMERIC));
      assertThat(((AsbEntry.Index) entries.get(1)).index())
          .isEqualTo(AsbSecondaryIndex.of("test", "test-set", "string-index",
              AsbSecondaryIndex.Collection.DEFAULT, "string-bin",
              AsbSecondaryIndex.DataType.STRING));
      AsbUdf udf = ((AsbEntry.Udf) entries.get(2)).udf();
      assertThat(udf.fileName()).isEqualTo("test.lua");
      assertThat(new String(udf.content(), StandardCharsets.UTF_8))
          .isEqualTo("-- just an empty Lua file\n\n");
      // the UDF body spans physical lines 6..8; the record starts on line 9
      assertThat(entries.get(3).position().line()).isEqualTo(9);
      RecordImage r = ((AsbEntry.Record) entries.get(3)).record();
      assertThat(r.userKey()).isNull();
      assertThat(r.namespace()).isEqualTo("test");
      assertThat(r.set()).isEqualTo("test-set");
      assertThat(Base64.getEncoder().encodeToString(r.digest()))
          .isEqualTo("q+LsiGs1gD9duJDbzQSXytajtCY=");
      assertThat(r.generation()).isEqualTo(1);
      assertThat(r.voidTime()).isZero();
      assertThat(r.neverExpires()).isTrue();
      assertThat(r.bins()).containsExactly(
          Map.entry("int-bin", 12345L), Map.entry("string-bin", "abcde"));
      assertThat(entries.get(3).position().endOffset()).isEqualTo(Files.size(p));
    }
  }

  @Test
  void badFileFailsNamingFileLineAndLetter() throws Exception {
    Path p = SharedReference.path("reference/asbackup/test_bad_backup_file.asb");
    try (AsbReader reader = open(p)) {
      AsbFormatException e = catchThrowableOfType(reader::next, AsbFormatException.class);
      assertThat(e).isNotNull();
      assertThat(e.file()).isEqualTo("test_bad_backup_file.asb");
      assertThat(e.line()).isEqualTo(13);
      assertThat(e.offset()).isEqualTo(161);
      assertThat(e.reason()).contains("unknown bin type letter 'x'");
      assertThat(e.getMessage()).startsWith("test_bad_backup_file.asb:13 (byte 161): ");
      // nothing after the error is read or guessed
      assertThat(catchThrowableOfType(reader::next, AsbFormatException.class).reason())
          .contains("already failed");
    }
  }

  @Test
  void ourWriterReproducesTheValidFileByteForByte() throws Exception {
    Path p = SharedReference.path("reference/asbackup/test_backup_file.asb");
    RecordImage r;
    try (AsbReader reader = open(p)) {
      r = ((AsbEntry.Record) reader.next()).record();
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (AsbWriter w = new AsbWriter(out, false)) {
      w.writeHeader("test", true);
      w.writeRecord(r);
    }
    assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(p));
  }

  @Test
  void ourWriterReproducesTheReadmeSampleByteForByte() throws Exception {
    Path p = SharedReference.path("reference/asbackup/README_sample_backup_file.asb");
    List<AsbEntry> entries;
    try (AsbReader reader = open(p)) {
      entries = readAll(reader);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (AsbWriter w = new AsbWriter(out, false)) {
      w.writeHeader("test", true);
      for (AsbEntry e : entries) {
        if (e instanceof AsbEntry.Index i) {
          w.writeIndex(i.index());
        } else if (e instanceof AsbEntry.Udf u) {
          w.writeUdf(u.udf());
        } else {
          w.writeRecord(((AsbEntry.Record) e).record());
        }
      }
    }
    assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(p));
  }
}
