package io.aeroshift.backup;

import static io.aeroshift.backup.AsbTestRecords.bins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.Value;
import io.aeroshift.backup.AsbSecondaryIndex.Collection;
import io.aeroshift.backup.AsbSecondaryIndex.DataType;
import io.aeroshift.transfer.RecordImage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes written, line by line, against ASBACKUP-FORMAT.md (§2-§4) and the expected lines
 * of the asbackup/backup-go encoder tests it quotes.
 */
class AsbWriterGoldenTest {

  private static final byte[] DIGEST = new byte[20];
  private static final String DIGEST_B64 = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  /** The bin lines written for a single bin, without the record header. */
  private static String binLine(String name, Object value, boolean compact) {
    RecordImage r = new RecordImage("test", null, DIGEST, null, 1, 0, bins(name, value));
    String all = new String(AsbWriter.encodeRecord(r, compact), StandardCharsets.ISO_8859_1);
    String header = "+ n test\n+ d " + DIGEST_B64 + "\n+ g 1\n+ t 0\n+ b 1\n";
    assertThat(all).startsWith(header);
    return all.substring(header.length());
  }

  private static String b64(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void scalarBinLines() {
    assertThat(binLine("binName", null, false)).isEqualTo("- N binName\n");
    assertThat(binLine("binName", true, false)).isEqualTo("- Z binName T\n");
    assertThat(binLine("binName", false, false)).isEqualTo("- Z binName F\n");
    assertThat(binLine("binName", -123L, false)).isEqualTo("- I binName -123\n");
    assertThat(binLine("binName", Long.MIN_VALUE, false))
        .isEqualTo("- I binName -9223372036854775808\n");
    assertThat(binLine("binName", 123.456, false)).isEqualTo("- D binName 123.456\n");
    assertThat(binLine("binName", 0.1, false)).isEqualTo("- D binName 0.10000000000000001\n");
    assertThat(binLine("binName", 1e100, false)).isEqualTo("- D binName 1e+100\n");
    assertThat(binLine("binName", 8.699637788021931e-151, false))
        .isEqualTo("- D binName 8.6996377880219314e-151\n");
    assertThat(binLine("binName", Double.NaN, false)).isEqualTo("- D binName nan\n");
    assertThat(binLine("binName", Double.NEGATIVE_INFINITY, false))
        .isEqualTo("- D binName -inf\n");
  }

  @Test
  void stringAndGeoJsonAreAlwaysRawWithByteLengths() {
    assertThat(binLine("binName", "hello", false)).isEqualTo("- S binName 5 hello\n");
    assertThat(binLine("binName", "hello", true)).isEqualTo("- S binName 5 hello\n");
    assertThat(binLine("s", "", false)).isEqualTo("- S s 0 \n");
    // values are never escaped: SP, LF and backslash go out as they are
    assertThat(binLine("s", "a b\nc\\", false)).isEqualTo("- S s 6 a b\nc\\\n");
    // length counts UTF-8 bytes: "größe" is 5 chars, 7 bytes
    String utf8 = new String(binLine("s", "größe", false).getBytes(StandardCharsets.ISO_8859_1),
        StandardCharsets.UTF_8);
    assertThat(utf8).isEqualTo("- S s 7 größe\n");
    String geo = "{\"type\":\"Point\",\"coordinates\":[1.5,2]}";
    assertThat(binLine("loc", new Value.GeoJSONValue(geo), true))
        .isEqualTo("- G loc " + geo.length() + " " + geo + "\n");
  }

  @Test
  void bytesLikeBinsBase64AndCompact() {
    byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
    assertThat(binLine("binName", hello, false)).isEqualTo("- B binName 8 aGVsbG8=\n");
    assertThat(binLine("binName", hello, true)).isEqualTo("- B! binName 5 hello\n");
    assertThat(binLine("binName", new Value.HLLValue(hello), false))
        .isEqualTo("- Y binName 8 aGVsbG8=\n");
    assertThat(binLine("binName", new Value.HLLValue(hello), true))
        .isEqualTo("- Y! binName 5 hello\n");
    assertThat(binLine("b", new byte[0], false)).isEqualTo("- B b 0 \n");
    assertThat(binLine("j", new Value.BytesValue(hello, 7), false)).isEqualTo("- J j 8 aGVsbG8=\n");
    assertThat(binLine("p", new Value.BytesValue(hello, 9), true)).isEqualTo("- P! p 5 hello\n");
    assertThat(binLine("e", new Value.BytesValue(hello, 12), false)).isEqualTo("- E e 8 aGVsbG8=\n");
  }

  @Test
  void listsAndMapsAreClientMsgpack() {
    // [1, "a"]: fixarray(2), 1, fixstr(2) = particle type STRING (3) + 'a'
    assertThat(binLine("l", List.of(1L, "a"), false))
        .isEqualTo("- L l 8 " + b64(0x92, 0x01, 0xa2, 0x03, 0x61) + "\n");
    // unordered {"a": 1}: fixmap(1)
    Map<String, Long> hash = new HashMap<>();
    hash.put("a", 1L);
    assertThat(binLine("m", hash, false))
        .isEqualTo("- M m 8 " + b64(0x81, 0xa2, 0x03, 0x61, 0x01) + "\n");
    // key-ordered {"a": 1}: fixmap(2) with the map-order extension entry c7 00 01 c0 first
    Map<String, Long> sorted = new TreeMap<>(hash);
    byte[] ordered = {(byte) 0x82, (byte) 0xc7, 0x00, 0x01, (byte) 0xc0, (byte) 0xa2, 0x03, 0x61,
        0x01};
    assertThat(binLine("m", sorted, false)).isEqualTo("- M m 12 " + Base64.getEncoder().encodeToString(ordered) + "\n");
    String compact = binLine("m", sorted, true);
    assertThat(compact.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(
        concat("- M! m 9 ".getBytes(StandardCharsets.US_ASCII), ordered, new byte[] {'\n'}));
    // raw msgpack handed through as bytes of particle type LIST is written unchanged
    assertThat(binLine("l", new Value.BytesValue(new byte[] {(byte) 0x90}, 20), true))
        .isEqualTo("- L! l 1 \u0090\n");
  }

  @Test
  void binNamesAreEscaped() {
    assertThat(binLine("b\nin\\Nam e", 1234L, false)).isEqualTo("- I b\\\nin\\\\Nam\\ e 1234\n");
  }

  @Test
  void keyLines() {
    assertThat(keyLine(Value.get(-123L), false)).isEqualTo("+ k I -123\n");
    assertThat(keyLine(Value.get(123.456789), false)).isEqualTo("+ k D 123.456789\n");
    assertThat(keyLine(Value.get(0.1), false)).isEqualTo("+ k D 0.10000000000000001\n");
    assertThat(keyLine(Value.get("hello"), false)).isEqualTo("+ k S 5 hello\n");
    assertThat(keyLine(Value.get("a b\n"), false)).isEqualTo("+ k S 4 a b\n\n");
    assertThat(keyLine(Value.get("hello".getBytes(StandardCharsets.US_ASCII)), false))
        .isEqualTo("+ k B 8 aGVsbG8=\n");
    assertThat(keyLine(Value.get("hello".getBytes(StandardCharsets.US_ASCII)), true))
        .isEqualTo("+ k B! 5 hello\n");
  }

  private static String keyLine(Value key, boolean compact) {
    RecordImage r = AsbTestRecords.keyed("test", "demo", key, 1, 0, Map.of());
    String all = new String(AsbWriter.encodeRecord(r, compact), StandardCharsets.ISO_8859_1);
    return all.substring(0, all.indexOf("+ n "));
  }

  @Test
  void fullRecordWithEscapedNamespaceAndSetAndUnsignedVoidTime() {
    RecordImage r = new RecordImage(" n\ns\\", "se t", DIGEST, null, 65535,
        (int) 3_000_000_000L, bins("x", 1L));
    assertThat(new String(AsbWriter.encodeRecord(r, false), StandardCharsets.UTF_8)).isEqualTo(
        "+ n \\ n\\\ns\\\\\n+ d " + DIGEST_B64 + "\n+ s se\\ t\n+ g 65535\n+ t 3000000000\n"
            + "+ b 1\n- I x 1\n");
  }

  @Test
  void emptySetIsOmittedAndZeroBinsAllowed() {
    RecordImage r = new RecordImage("test", "", DIGEST, null, 0, 0, Map.of());
    assertThat(new String(AsbWriter.encodeRecord(r, false), StandardCharsets.UTF_8))
        .isEqualTo("+ n test\n+ d " + DIGEST_B64 + "\n+ g 0\n+ t 0\n+ b 0\n");
  }

  @Test
  void headers() {
    assertThat(new String(AsbWriter.encodeHeader("test", true), StandardCharsets.UTF_8))
        .isEqualTo("Version 3.1\n# namespace test\n# first-file\n");
    assertThat(new String(AsbWriter.encodeHeader("te st", false), StandardCharsets.UTF_8))
        .isEqualTo("Version 3.1\n# namespace te\\ st\n");
  }

  @Test
  void secondaryIndexLines() {
    assertThat(index(AsbSecondaryIndex.of("ns", "", "name", Collection.DEFAULT, "bin",
        DataType.STRING))).isEqualTo("* i ns  name N 1 bin S\n");
    assertThat(index(AsbSecondaryIndex.of("n s", "se\\t", "name\n", Collection.DEFAULT, " bin",
        DataType.STRING))).isEqualTo("* i n\\ s se\\\\t name\\\n N 1 \\ bin S\n");
    assertThat(index(new AsbSecondaryIndex("ns", "set", "name", Collection.DEFAULT, "bin",
        DataType.STRING, "context", null))).isEqualTo("* i ns set name N 1 bin S context\n");
    assertThat(index(new AsbSecondaryIndex("test_ns", "testset", "test_id", Collection.LIST,
        "test_list", DataType.NUMERIC, "lhABI8zIIqMDaWQ=", null)))
        .isEqualTo("* i test_ns testset test_id L 1 test_list N lhABI8zIIqMDaWQ=\n");
    assertThat(index(AsbSecondaryIndex.of("ns", "s", "k", Collection.MAPKEYS, "b",
        DataType.GEO2DSPHERE))).isEqualTo("* i ns s k K 1 b G\n");
    assertThat(index(AsbSecondaryIndex.of("ns", "s", "v", Collection.MAPVALUES, "b",
        DataType.BLOB))).isEqualTo("* i ns s v V 1 b B\n");
  }

  private static String index(AsbSecondaryIndex i) {
    return new String(AsbWriter.encodeIndex(i), StandardCharsets.UTF_8);
  }

  @Test
  void udfBlockIsVerbatim() {
    AsbUdf udf = new AsbUdf("my mod.lua",
        "function f(r)\n  return 1\nend\n".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(AsbWriter.encodeUdf(udf), StandardCharsets.UTF_8))
        .isEqualTo("* u L my\\ mod.lua 29 function f(r)\n  return 1\nend\n\n");
  }

  @Test
  void refusesWhatAsrestoreCannotRead() {
    assertThatThrownBy(() -> AsbWriter.encodeIndex(new AsbSecondaryIndex("ns", "", "e",
        Collection.DEFAULT, "b", DataType.NUMERIC, null, "kwEB")))
        .hasMessageContaining("expression index");
    RecordImage never = new RecordImage("test", null, DIGEST, null, 1, -1, Map.of());
    assertThatThrownBy(() -> AsbWriter.encodeRecord(never, false))
        .hasMessageContaining("void time -1");
    RecordImage odd = new RecordImage("test", null, DIGEST, null, 1, 0,
        bins("b", new java.util.Date()));
    assertThatThrownBy(() -> AsbWriter.encodeRecord(odd, false))
        .hasMessageContaining("bin 'b'")
        .hasMessageContaining("java.util.Date");
    RecordImage nul = new RecordImage("test", null, DIGEST, null, 1, 0, bins("a\0", 1L));
    assertThatThrownBy(() -> AsbWriter.encodeRecord(nul, false)).hasMessageContaining("NUL");
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }
}
