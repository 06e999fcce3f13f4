package io.aeroshift.backup;

import static io.aeroshift.backup.AsbTestRecords.bins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aerospike.client.Value;
import io.aeroshift.transfer.RecordImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compression and encryption framing, checked against files made with OpenSSL and the zstd CLI. */
class AsbCodecTest {

  private static final String KEY_SHA256 =
      "55c422e642730bfe8764f84fb2dfcd0663a0420091dd9ffd7cc81c468880fb22";

  private static Path resource(String name) throws Exception {
    return Path.of(AsbCodecTest.class.getResource(name).toURI());
  }

  private static AsbEncryptionKey key(AsbEncryption mode) throws Exception {
    return AsbEncryptionKey.fromPemFile(resource("test_key_pkcs1.pem"), mode);
  }

  private static List<RecordImage> readFile(Path file, AsbCodec codec) throws Exception {
    List<RecordImage> out = new ArrayList<>();
    String name = file.getFileName().toString();
    try (AsbReader r = new AsbReader(codec.wrapInput(Files.newInputStream(file), name), name,
        AsbReaderOptions.defaults())) {
      for (AsbEntry e = r.next(); e != null; e = r.next()) {
        out.add(((AsbEntry.Record) e).record());
      }
    }
    return out;
  }

  private static void assertCliRecords(List<RecordImage> records) {
    assertThat(records).hasSize(2);
    assertThat(records.get(0).userKey()).isEqualTo(Value.get("key1"));
    assertThat(records.get(0).voidTime()).isEqualTo(428179113);
    assertThat(records.get(0).bins()).containsExactly(
        Map.entry("foo", 123L), Map.entry("bar", "abc"), Map.entry("baz", true));
    assertThat(records.get(1).generation()).isEqualTo(2);
    assertThat(records.get(1).bins()).containsExactly(Map.entry("s", "hello world"));
  }

  @Test
  void keyIsSha256OfPkcs1DerForBothPemForms() throws Exception {
    byte[] expected = HexFormat.of().parseHex(KEY_SHA256);
    for (String pem : new String[] {"test_key_pkcs1.pem", "test_key_pkcs8.pem"}) {
      assertThat(AsbEncryptionKey.fromPemFile(resource(pem), AsbEncryption.AES256).aesKey())
          .as(pem).isEqualTo(expected);
      assertThat(AsbEncryptionKey.fromPemFile(resource(pem), AsbEncryption.AES128).aesKey())
          .as(pem).isEqualTo(java.util.Arrays.copyOf(expected, 16));
    }
    assertThat(key(AsbEncryption.AES256).toString()).doesNotContain("55c4").contains("***");
  }

  @Test
  void badKeyFilesAreNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.pem");
    Files.writeString(junk, "hello");
    assertThatThrownBy(() -> AsbEncryptionKey.fromPemFile(junk, AsbEncryption.AES128))
        .hasMessageContaining("junk.pem").hasMessageContaining("not a PEM RSA private key");
    Path ec = dir.resolve("ec.pem");
    // PKCS#8 wrapper of an EC key (OID 1.2.840.10045.2.1)
    byte[] der = HexFormat.of().parseHex("3013020100300906072a8648ce3d0201040301020304");
    Files.writeString(ec, "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> AsbEncryptionKey.fromPemFile(ec, AsbEncryption.AES128))
        .hasMessageContaining("not an RSA key");
  }

  @Test
  void readsTwoConcatenatedZstdFramesFromTheZstdCli() throws Exception {
    assertCliRecords(readFile(resource("cli_zstd2frames.asb"),
        AsbCodec.of(AsbCompression.ZSTD, null)));
  }

  @Test
  void readsOpensslAes256CtrOverTwoZstdFrames() throws Exception {
    assertCliRecords(readFile(resource("cli_zstd2frames_aes256.asb"),
        AsbCodec.of(AsbCompression.ZSTD, key(AsbEncryption.AES256))));
  }

  @Test
  void readsOpensslAes128Ctr() throws Exception {
    assertCliRecords(readFile(resource("cli_aes128.asb"),
        AsbCodec.of(AsbCompression.NONE, key(AsbEncryption.AES128))));
  }

  @Test
  void ourEncryptedFileHasAsbackupsLayout() throws Exception {
    AsbEncryptionKey key = key(AsbEncryption.AES256);
    byte[] plain = AsbTestRecords.write(false, "test", List.of(record(1), record(2)));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    long before = System.currentTimeMillis() / 1000;
    try (OutputStream out = AsbCodec.of(AsbCompression.NONE, key).wrapOutput(file)) {
      out.write(plain);
    }
    byte[] bytes = file.toByteArray();
    assertThat(bytes).hasSize(16 + plain.length);
    // independent decryption with the raw block cipher: IV0 = ECB^-1(first block), keystream
    // block i = ECB(IV0 + 1 + i)
    byte[] k = HexFormat.of().parseHex(KEY_SHA256);
    Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
    ecb.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"));
    byte[] iv0 = ecb.doFinal(bytes, 0, 16);
    long ivTime = ((iv0[0] & 0xffL) << 24) | ((iv0[1] & 0xff) << 16) | ((iv0[2] & 0xff) << 8)
        | (iv0[3] & 0xff);
    assertThat(ivTime).isBetween(before - 1, System.currentTimeMillis() / 1000 + 1);
    ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"));
    java.math.BigInteger counter = new java.math.BigInteger(1, iv0);
    byte[] decrypted = new byte[plain.length];
    for (int off = 0; off < plain.length; off += 16) {
      counter = counter.add(java.math.BigInteger.ONE);
      byte[] block = ecb.doFinal(toBlock(counter));
      for (int i = 0; i < 16 && off + i < plain.length; i++) {
        decrypted[off + i] = (byte) (bytes[16 + off + i] ^ block[i]);
      }
    }
    assertThat(decrypted).isEqualTo(plain);
  }

  private static byte[] toBlock(java.math.BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[16];
    int n = Math.min(16, raw.length);
    System.arraycopy(raw, raw.length - n, out, 16 - n, n);
    return out;
  }

  private static RecordImage record(int i) {
    return AsbTestRecords.keyed("test", "s", Value.get((long) i), 1, 0,
        bins("v", "value " + i, "b", new byte[] {(byte) i}));
  }

  @ParameterizedTest
  @CsvSource({"NONE,NONE", "ZSTD,NONE", "GZIP,NONE", "NONE,AES128", "ZSTD,AES128",
      "GZIP,AES256", "ZSTD,AES256"})
  void roundTripEveryCombination(AsbCompression compression, AsbEncryption encryption)
      throws Exception {
    AsbCodec codec = AsbCodec.of(compression,
        encryption == AsbEncryption.NONE ? null : key(encryption));
    List<RecordImage> records = AsbRoundTripTest.everyType();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (AsbWriter w = new AsbWriter(codec.wrapOutput(file), false)) {
      w.writeHeader("test", true);
      for (RecordImage r : records) {
        w.writeRecord(r);
      }
    }
    List<RecordImage> back = new ArrayList<>();
    try (AsbReader r = new AsbReader(
        codec.wrapInput(new ByteArrayInputStream(file.toByteArray()), "x.asb"), "x.asb",
        AsbReaderOptions.defaults())) {
      for (AsbEntry e = r.next(); e != null; e = r.next()) {
        back.add(((AsbEntry.Record) e).record());
      }
    }
    assertThat(back).hasSize(records.size());
    for (int i = 0; i < records.size(); i++) {
      AsbTestRecords.assertSameRecord(back.get(i), records.get(i));
    }
  }

  /**
   * The encrypted IV is random, so 1 file in 65,536 starts with gzip's magic (CI met one): such a
   * file reads back like any other, and a wrong key on it is still named as a wrong key.
   */
  @ParameterizedTest
  @CsvSource({"NONE,1F8B", "GZIP,1F8B", "ZSTD,1F8B", "NONE,28B52FFD", "GZIP,28B52FFD",
      "ZSTD,28B52FFD", "NONE,56657273696F6E20", "ZSTD,56657273696F6E20"})
  void anEncryptedFileWhoseFirstBytesLookLikeAMagicReadsBack(AsbCompression compression,
      String head) throws Exception {
    AsbEncryptionKey key = key(AsbEncryption.AES256);
    byte[] encryptedIv = java.util.Arrays.copyOf(java.util.HexFormat.of().parseHex(head), 16);
    byte[] iv0 = AesCtr.ecb(javax.crypto.Cipher.DECRYPT_MODE, key.aesKey(), encryptedIv);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    OutputStream encrypted = new AesCtr.Output(file, key, iv0);
    OutputStream text = compression == AsbCompression.ZSTD
        ? new org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream(encrypted)
        : compression == AsbCompression.GZIP
            ? new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(encrypted)
            : encrypted;
    try (AsbWriter w = new AsbWriter(text, false)) {
      w.writeHeader("test", true);
      w.writeRecord(record(7));
    }
    byte[] bytes = file.toByteArray();
    assertThat(java.util.Arrays.copyOf(bytes, 16)).isEqualTo(encryptedIv);

    List<RecordImage> back = new ArrayList<>();
    AsbCodec codec = AsbCodec.of(compression, key);
    try (AsbReader r = new AsbReader(codec.wrapInput(new ByteArrayInputStream(bytes), "m.asb"),
        "m.asb", AsbReaderOptions.defaults())) {
      for (AsbEntry e = r.next(); e != null; e = r.next()) {
        back.add(((AsbEntry.Record) e).record());
      }
    }
    assertThat(back).hasSize(1);
    AsbTestRecords.assertSameRecord(back.get(0), record(7));
    AsbEncryptionKey otherKey = AsbEncryptionKey.fromPkcs1Der(new byte[] {1, 2, 3},
        AsbEncryption.AES256);
    assertThat(failure(bytes, AsbCodec.of(compression, otherKey))).contains("wrong key")
        .doesNotContain("not encrypted");
  }

  private static byte[] encode(AsbCodec codec) throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (AsbWriter w = new AsbWriter(codec.wrapOutput(file), false)) {
      w.writeHeader("test", true);
      w.writeRecord(record(1));
    }
    return file.toByteArray();
  }

  private static String failure(byte[] file, AsbCodec codec) {
    AsbFormatException e = catchThrowableOfType(() -> {
      try (InputStream in = codec.wrapInput(new ByteArrayInputStream(file), "f_00000.asb");
          AsbReader r = new AsbReader(in, "f_00000.asb", AsbReaderOptions.defaults())) {
        while (r.next() != null) {
          // read to the end
        }
      }
    }, AsbFormatException.class);
    assertThat(e).as("expected a failure").isNotNull();
    assertThat(e.getMessage()).startsWith("f_00000.asb");
    return e.reason();
  }

  @Test
  void mismatchedSettingsGiveAClearErrorNamingTheFile() throws Exception {
    AsbEncryptionKey k128 = key(AsbEncryption.AES128);
    AsbEncryptionKey k256 = key(AsbEncryption.AES256);
    byte[] zstd = encode(AsbCodec.of(AsbCompression.ZSTD, null));
    byte[] plain = encode(AsbCodec.plain());
    byte[] enc = encode(AsbCodec.of(AsbCompression.NONE, k128));
    byte[] zstdEnc = encode(AsbCodec.of(AsbCompression.ZSTD, k256));
    AsbEncryptionKey otherKey = AsbEncryptionKey.fromPkcs1Der(new byte[] {1, 2, 3},
        AsbEncryption.AES128);

    assertThat(failure(zstd, AsbCodec.plain())).contains("--compress zstd");
    assertThat(failure(plain, AsbCodec.of(AsbCompression.ZSTD, null)))
        .contains("not zstd-compressed").contains("without --compress");
    assertThat(failure(plain, AsbCodec.of(AsbCompression.NONE, k128))).contains("not encrypted");
    assertThat(failure(zstd, AsbCodec.of(AsbCompression.ZSTD, k128)))
        .contains("not encrypted").contains("--compress zstd");
    assertThat(failure(enc, AsbCodec.plain())).contains("encrypted");
    assertThat(failure(enc, AsbCodec.of(AsbCompression.NONE, otherKey)))
        .contains("wrong key");
    assertThat(failure(enc, AsbCodec.of(AsbCompression.NONE, k256))).contains("wrong key");
    assertThat(failure(zstdEnc, AsbCodec.of(AsbCompression.NONE, k256))).contains("--compress zstd");
    assertThat(failure(zstdEnc, AsbCodec.of(AsbCompression.ZSTD, otherKey))).contains("wrong key");
    assertThat(failure(zstdEnc, AsbCodec.of(AsbCompression.GZIP, k256))).contains("zstd");
    assertThat(failure(new byte[0], AsbCodec.plain())).contains("empty file");
    assertThat(failure(new byte[5], AsbCodec.of(AsbCompression.NONE, k128)))
        .contains("too short");
  }

  @Test
  void truncatedCompressedFileFailsWithoutGuessing() throws Exception {
    List<RecordImage> records = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      records.add(record(i));
    }
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    AsbCodec codec = AsbCodec.of(AsbCompression.ZSTD, key(AsbEncryption.AES128));
    try (AsbWriter w = new AsbWriter(codec.wrapOutput(file), false)) {
      w.writeHeader("test", true);
      for (RecordImage r : records) {
        w.writeRecord(r);
      }
    }
    byte[] cut = java.util.Arrays.copyOf(file.toByteArray(), file.size() / 2);
    List<RecordImage> got = new ArrayList<>();
    AsbFormatException e = catchThrowableOfType(() -> {
      try (AsbReader r = new AsbReader(codec.wrapInput(new ByteArrayInputStream(cut), "t.asb"),
          "t.asb", AsbReaderOptions.defaults())) {
        for (AsbEntry en = r.next(); en != null; en = r.next()) {
          got.add(((AsbEntry.Record) en).record());
        }
      }
    }, AsbFormatException.class);
    assertThat(e).isNotNull();
    assertThat(e.file()).isEqualTo("t.asb");
    assertThat(got.size()).isGreaterThan(0).isLessThan(records.size());
    for (int i = 0; i < got.size(); i++) {
      AsbTestRecords.assertSameRecord(got.get(i), records.get(i));
    }
  }

  @Test
  void zstdFramesWrittenSeparatelyReadAsOneStream() throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (int part = 0; part < 3; part++) {
      try (OutputStream z = new com.github.luben.zstd.ZstdOutputStream(new NonClosing(file))) {
        if (part == 0) {
          z.write(AsbWriter.encodeHeader("test", true));
        }
        z.write(AsbWriter.encodeRecord(record(part), false));
      }
    }
    List<RecordImage> back = new ArrayList<>();
    try (AsbReader r = new AsbReader(AsbCodec.of(AsbCompression.ZSTD, null)
        .wrapInput(new ByteArrayInputStream(file.toByteArray()), "m.asb"), "m.asb",
        AsbReaderOptions.defaults())) {
      for (AsbEntry e = r.next(); e != null; e = r.next()) {
        back.add(((AsbEntry.Record) e).record());
      }
    }
    assertThat(back).hasSize(3);
    assertThat(back.get(2).bins().get("v")).isEqualTo("value 2");
    assertThat(new String(file.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("value");
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void close() throws java.io.IOException {
      flush();
    }
  }
}
