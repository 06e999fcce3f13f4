package io.aeroshift.backup;

import static io.aeroshift.backup.AsbTestRecords.bins;
import static io.aeroshift.backup.AsbTestRecords.keyed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aerospike.client.Value;
import io.aeroshift.transfer.RecordImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input: a clear error naming file, line, offset and reason; nothing after it is guessed. */
class AsbReaderErrorsTest {

  private static final String HEADER = "Version 3.1\n# namespace test\n";
  private static final String DIGEST = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  private static final String REC = "+ n test\n+ d " + DIGEST + "\n+ g 1\n+ t 0\n+ b 1\n";

  /** Reads until the error; returns the entries delivered before it and the error. */
  private record Outcome(List<AsbEntry> entries, AsbFormatException error) {}

  private static Outcome read(String text) {
    return read(text.getBytes(StandardCharsets.UTF_8), AsbReaderOptions.defaults());
  }

  private static Outcome read(byte[] bytes, AsbReaderOptions options) {
    List<AsbEntry> entries = new ArrayList<>();
    try (AsbReader r = new AsbReader(new ByteArrayInputStream(bytes), "bad.asb", options)) {
      for (AsbEntry e = r.next(); e != null; e = r.next()) {
        entries.add(e);
      }
      return new Outcome(entries, null);
    } catch (AsbFormatException e) {
      return new Outcome(entries, e);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static AsbFormatException error(String text) {
    Outcome o = read(text);
    assertThat(o.error()).as("expected an error for %s", text).isNotNull();
    assertThat(o.error().file()).isEqualTo("bad.asb");
    return o.error();
  }

  @Test
  void everyTruncationPointGivesTheCompleteRecordsThenATruncationError() throws Exception {
    List<RecordImage> records = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      records.add(keyed("test", "s", Value.get("k" + i), 1, 0,
          bins("i", (long) i, "s", "a b\nc", "b", new byte[] {1, 2, 3}, "l", List.of(1L, "x"))));
    }
    for (boolean compact : new boolean[] {false, true}) {
      byte[] full = AsbTestRecords.write(compact, "test", records);
      Outcome whole = read(full, AsbReaderOptions.defaults());
      assertThat(whole.error()).isNull();
      List<Long> ends = whole.entries().stream().map(e -> e.position().endOffset()).toList();
      int headerLength = (int) whole.entries().get(0).position().offset();
      for (int cut = headerLength; cut < full.length; cut++) {
        Outcome o = read(Arrays.copyOf(full, cut), AsbReaderOptions.defaults());
        final int at = cut;
        long complete = ends.stream().filter(end -> end <= at).count();
        assertThat(o.entries()).as("cut at %d", cut).hasSize((int) complete);
        for (int i = 0; i < complete; i++) {
          AsbTestRecords.assertSameRecord(((AsbEntry.Record) o.entries().get(i)).record(),
              records.get(i));
        }
        if (ends.contains((long) cut) || cut == headerLength) {
          assertThat(o.error()).as("cut at record boundary %d", cut).isNull();
        } else {
          assertThat(o.error()).as("cut at %d", cut).isNotNull();
          assertThat(o.error().reason()).as("cut at %d", cut).startsWith("truncated file");
          assertThat(o.error().offset()).isEqualTo(cut);
        }
      }
    }
  }

  @Test
  void recordsBeforeACorruptLineAreDeliveredAndNothingAfter() {
    String good = REC + "- I a 1\n";
    Outcome o = read(HEADER + good + good + REC + "- I a 1x\n" + good);
    assertThat(o.entries()).hasSize(2);
    assertThat(o.error().line()).isEqualTo(3 + 2 * 6 + 5);
    assertThat(o.error().reason()).contains("invalid character 'x' in integer '1x'")
        .contains("bin 'a'");
  }

  @Test
  void unknownAndRemovedBinLetters() {
    assertThat(error(HEADER + REC + "- x baz T\n").reason())
        .contains("unknown bin type letter 'x'");
    assertThat(error(HEADER + REC + "- U ldt 1\n").reason()).contains("large data type");
  }

  @Test
  void wrongLengths() {
    assertThat(error(HEADER + REC + "- S bar 2 abc\n").reason())
        .contains("expected LF in bin 'bar', found 'c'");
    AsbFormatException tooLong = error(HEADER + REC + "- S bar 9 abc\n");
    assertThat(tooLong.reason()).startsWith("truncated file");
    assertThat(error(HEADER + REC + "- S bar x3 abc\n").reason()).contains("invalid length 'x3'");
    assertThat(error(HEADER + REC + "- B bar 5 aGVsbG8=\n").reason())
        .contains("not a multiple of 4");
    assertThat(error(HEADER + REC + "- B bar 8 aGVs*G8=\n").reason()).contains("invalid base64");
    assertThat(error(HEADER + REC + "- S bar 999999999999 abc\n").reason())
        .contains("exceeds the limit");
  }

  @Test
  void hugeAnnouncedLengthInAShortFileIsTruncationNotAnAllocation() {
    Outcome o = read((HEADER + REC + "- S bar 134217728 abc\n").getBytes(StandardCharsets.UTF_8),
        AsbReaderOptions.defaults());
    assertThat(o.error().reason()).startsWith("truncated file");
  }

  @Test
  void binCountMustMatchTheBinLines() {
    String rec2 = "+ n test\n+ d " + DIGEST + "\n+ g 1\n+ t 0\n+ b 2\n- I a 1\n";
    AsbFormatException e = error(HEADER + rec2 + REC + "- I a 1\n");
    assertThat(e.reason()).contains("expected bin line 2 of 2").contains("found '+'");
  }

  @Test
  void unescapedSpaceInABinNameIsCaught() {
    assertThat(error(HEADER + REC + "- I my bin 5\n").reason())
        .contains("invalid character 'b' in integer");
  }

  @Test
  void escapeAtEndOfDataIsTruncation() {
    assertThat(error(HEADER + REC + "- I ab\\").reason()).startsWith("truncated file");
  }

  @Test
  void corruptHeaderLines() {
    assertThat(error(HEADER + "+ n test\n+ d " + DIGEST + "\n+ t 0\n").reason())
        .contains("unexpected record line '+ t', expected '+ s' or '+ g'");
    assertThat(error(HEADER + "+ n test\n+ d AAAA\n").reason()).contains("28 base64 characters");
    assertThat(error(HEADER + "+ n test\n+ d " + DIGEST + "\n+ g 65536\n").reason())
        .contains("generation 65536 outside 0..65535");
    assertThat(error(HEADER + "+ n test\n+ d " + DIGEST + "\n+ g 1\n+ t -1\n").reason())
        .contains("outside 0..4294967295");
    assertThat(error(HEADER + "+ n test\n+ d " + DIGEST + "\n+ g 1\n+ t 4294967296\n").reason())
        .contains("outside 0..4294967295");
    assertThat(error(HEADER + "+ k Q 1\n").reason()).contains("invalid key type 'Q'");
    assertThat(error(HEADER + REC + "- Z b yes\n").reason()).contains("invalid boolean 'yes'");
    assertThat(error(HEADER + REC + "- D b 1.0E10\n").reason()).contains("'E'");
    assertThat(error(HEADER + REC + "- I b +1\n").reason()).contains("'+'");
    assertThat(error(HEADER + "x\n").reason()).contains("invalid start of block: 'x'");
    assertThat(error(HEADER + REC + "- I a 1\n# namespace x\n").reason())
        .contains("meta ('#') line after the header");
  }

  @Test
  void voidTimeIsUnsigned32() {
    Outcome o = read(HEADER + "+ n test\n+ d " + DIGEST + "\n+ g 1\n+ t 4294967295\n+ b 0\n");
    assertThat(o.error()).isNull();
    assertThat(((AsbEntry.Record) o.entries().get(0)).record().voidTime()).isEqualTo(-1);
  }

  @Test
  void digestMustMatchTheUserKey() {
    String rec = "+ k S 4 key2\n+ n test\n+ d 7JEZLUt/jONdXXjTS8ply6qqyWA=\n+ s demo\n+ g 1\n"
        + "+ t 0\n+ b 0\n";
    assertThat(error(HEADER + rec).reason()).contains("does not match set 'demo'");
    Outcome lenient = read((HEADER + rec).getBytes(StandardCharsets.UTF_8),
        AsbReaderOptions.defaults().withVerifyDigest(false));
    assertThat(lenient.error()).isNull();
  }

  @Test
  void versionLine() {
    assertThat(error("").reason()).contains("empty file");
    assertThat(error("Version 3.1").reason()).contains("invalid version line");
    assertThat(error("Version 4.0\n").reason()).contains("unsupported format version '4.0'");
    assertThat(error("version 3.1\n").reason()).contains("invalid version line");
    assertThat(error("Version 3.1\n# color red\n").reason()).contains("unknown meta line");
    AsbFormatException v32 = error("Version 3.2\n# namespace test\n");
    assertThat(v32.reason()).contains("3.2").contains("asrestore refuses");
    assertThat(v32.line()).isEqualTo(1);
  }

  @Test
  void compressedDataReadAsPlainSaysWhichFlagIsMissing() throws Exception {
    ByteArrayOutputStream zstd = new ByteArrayOutputStream();
    try (var z = new com.github.luben.zstd.ZstdOutputStream(zstd)) {
      z.write((HEADER + REC + "- I a 1\n").getBytes(StandardCharsets.UTF_8));
    }
    Outcome o = read(zstd.toByteArray(), AsbReaderOptions.defaults());
    assertThat(o.error().reason()).contains("zstd-compressed").contains("--compress zstd");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (var z = new java.util.zip.GZIPOutputStream(gz)) {
      z.write((HEADER + REC + "- I a 1\n").getBytes(StandardCharsets.UTF_8));
    }
    assertThat(read(gz.toByteArray(), AsbReaderOptions.defaults()).error().reason())
        .contains("gzip-compressed");
  }

  @Test
  void backupGoExpressionIndexesOnlyWhenAsked() {
    String text = "Version 3.2\n# namespace test\n* e test  exp N 1 bin N kwEB\n"
        + "* i test s idx L 1 b S ctx64==\n";
    assertThat(error(text).reason()).contains("3.2");
    String in31 = HEADER + "* e test  exp N 1 bin N kwEB\n";
    assertThat(error(in31).reason()).contains("'* e'");
    Outcome o = read(text.getBytes(StandardCharsets.UTF_8),
        AsbReaderOptions.defaults().withAcceptBackupGo(true));
    assertThat(o.error()).isNull();
    AsbSecondaryIndex exp = ((AsbEntry.Index) o.entries().get(0)).index();
    assertThat(exp.expression()).isEqualTo("kwEB");
    assertThat(exp.set()).isEmpty();
    assertThat(exp.context()).isNull();
    AsbSecondaryIndex ctx = ((AsbEntry.Index) o.entries().get(1)).index();
    assertThat(ctx.context()).isEqualTo("ctx64==");
    assertThat(ctx.collection()).isEqualTo(AsbSecondaryIndex.Collection.LIST);
  }

  @Test
  void legacyVersion30DoesNotUnescapeAndHasNoGlobals() {
    Outcome o = read("Version 3.0\n# namespace test\n+ n test\n+ d " + DIGEST
        + "\n+ g 1\n+ t 0\n+ b 1\n- S a\\b 1 x\n");
    assertThat(o.error()).isNull();
    assertThat(((AsbEntry.Record) o.entries().get(0)).record().bins())
        .containsExactly(Map.entry("a\\b", "x"));
    assertThat(error("Version 3.0\n* u L f.lua 1 x\n").reason()).contains("version 3.0");
  }

  @Test
  void readerAcceptsWhatTheToolsWriteButWeDoNot() {
    // X (base64 string) keys and bins, '!' after any type, Go's shortest doubles, globals anywhere
    String text = HEADER + "+ k X 8 a2V5MQ==\n+ n test\n+ d 7JEZLUt/jONdXXjTS8ply6qqyWA=\n"
        + "+ s demo\n+ g 1\n+ t 0\n+ b 4\n- X s 4 YWJj\n- I! i 5\n- D d 0.1\n- D e NaN\n"
        + "* u L late.lua 3 x=1\n";
    Outcome o = read(text);
    assertThat(o.error()).isNull();
    RecordImage r = ((AsbEntry.Record) o.entries().get(0)).record();
    assertThat(r.userKey()).isEqualTo(Value.get("key1"));
    assertThat(r.bins().get("s")).isEqualTo("abc");
    assertThat(r.bins().get("i")).isEqualTo(5L);
    assertThat(r.bins().get("d")).isEqualTo(0.1);
    assertThat((Double) r.bins().get("e")).isNaN();
    assertThat(((AsbEntry.Udf) o.entries().get(1)).udf().fileName()).isEqualTo("late.lua");
  }

  @Test
  void duplicateBinNamesAreRejected() {
    String rec2 = "+ n test\n+ d " + DIGEST + "\n+ g 1\n+ t 0\n+ b 2\n- I a 1\n- S a 1 x\n";
    assertThat(error(HEADER + rec2).reason()).contains("bin 'a' appears twice");
  }

  @Test
  void invalidMsgpackInAListBin() {
    assertThat(error(HEADER + REC + "- L l 4 gaFh\n").reason()).contains("not a msgpack list");
  }
}
