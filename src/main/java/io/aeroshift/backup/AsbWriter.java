package io.aeroshift.backup;

import com.aerospike.client.Value;
import io.aeroshift.transfer.RecordImage;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the asbackup text format, version 3.1, exactly as asbackup does, so asrestore and
 * backup-go restore it. Each block is composed in memory and written whole, so a value the format
 * cannot carry fails before a single byte of its record reaches the stream and records never
 * split.
 *
 * <p>Not thread-safe: one writer per file.
 */
public final class AsbWriter implements Closeable, Flushable {

  /** The only version written: asrestore refuses 3.2. */
  public static final String VERSION = "3.1";

  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private final OutputStream out;
  private final boolean compact;
  private final TextBuffer block = new TextBuffer(4096);
  private long bytesWritten;
  private long records;

  /**
   * @param out the (possibly compressing/encrypting) stream; closed by {@link #close()}
   * @param compact asbackup's {@code --compact}: raw instead of base64 bytes for blob, HLL, list
   *     and map bins and bytes keys. Strings and GeoJSON are always raw.
   */
  public AsbWriter(OutputStream out, boolean compact) {
    this.out = Objects.requireNonNull(out, "out");
    this.compact = compact;
  }

  /** Version line, {@code # namespace}, and {@code # first-file} when this is the backup's first file. */
  public void writeHeader(String namespace, boolean firstFile) throws IOException {
    emit(encodeHeader(namespace, firstFile));
  }

  /** A {@code * i} line. Expression indexes ({@code * e}) are refused: asrestore cannot read them. */
  public void writeIndex(AsbSecondaryIndex index) throws IOException {
    emit(encodeIndex(index));
  }

  /** A {@code * u} block. */
  public void writeUdf(AsbUdf udf) throws IOException {
    emit(encodeUdf(udf));
  }

  /**
   * Writes one record block.
   *
   * @return the bytes of text written
   * @throws IllegalArgumentException naming the record and bin when a value cannot be written;
   *     nothing of the record is written then
   */
  public int writeRecord(RecordImage record) throws IOException {
    block.reset();
    appendRecord(block, record, compact);
    block.writeTo(out);
    bytesWritten += block.length();
    records++;
    return block.length();
  }

  private void emit(byte[] b) throws IOException {
    out.write(b);
    bytesWritten += b.length;
  }

  /** Bytes of text written so far (before any compression or encryption). */
  public long bytesWritten() {
    return bytesWritten;
  }

  public long recordsWritten() {
    return records;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  // ---- pure encoders (also used by the golden tests) ----

  public static byte[] encodeHeader(String namespace, boolean firstFile) {
    TextBuffer b = new TextBuffer(64);
    b.ascii("Version ").ascii(VERSION).put('\n');
    b.ascii("# namespace ").put(AsbText.escape(namespace, "namespace")).put('\n');
    if (firstFile) {
      b.ascii("# first-file\n");
    }
    return b.toByteArray();
  }

  public static byte[] encodeIndex(AsbSecondaryIndex index) {
    if (index.isExpressionIndex()) {
      throw new IllegalArgumentException(
          "index " + index.name() + " is an expression index; asrestore cannot read '* e' lines"
              + " (they need format 3.2), so it is not written");
    }
    TextBuffer b = new TextBuffer(128);
    b.ascii("* i ")
        .put(AsbText.escape(index.namespace(), "index namespace"))
        .put(' ')
        .put(AsbText.escape(index.set(), "index set"))
        .put(' ')
        .put(AsbText.escape(index.name(), "index name"))
        .put(' ')
        .put(index.collection().letter())
        .ascii(" 1 ")
        .put(AsbText.escape(index.bin(), "index bin"))
        .put(' ')
        .put(index.dataType().letter());
    if (index.context() != null) {
      // No trailing space without a context: asrestore 3.12.0 broke on exactly that (issue #36).
      b.put(' ').put(AsbText.escape(index.context(), "index context"));
    }
    return b.put('\n').toByteArray();
  }

  public static byte[] encodeUdf(AsbUdf udf) {
    byte[] content = udf.content();
    TextBuffer b = new TextBuffer(content.length + 64);
    b.ascii("* u L ")
        .put(AsbText.escape(udf.fileName(), "UDF file name"))
        .put(' ')
        .decimal(content.length)
        .put(' ')
        .put(content)
        .put('\n');
    return b.toByteArray();
  }

  public static byte[] encodeRecord(RecordImage record, boolean compact) {
    TextBuffer b = new TextBuffer(256);
    appendRecord(b, record, compact);
    return b.toByteArray();
  }

  private static void appendRecord(TextBuffer b, RecordImage r, boolean compact) {
    if (r.generation() < 0 || r.generation() > 65535) {
      throw new IllegalArgumentException(r + ": generation " + r.generation() + " outside 0..65535");
    }
    if (r.voidTime() == -1) {
      throw new IllegalArgumentException(
          r + ": void time -1 is the client's TTL for 'never expires'; the void time of a"
              + " never-expiring record is 0");
    }
    if (r.bins().size() > 65535) {
      throw new IllegalArgumentException(r + ": " + r.bins().size() + " bins, the format allows 65535");
    }
    if (r.userKey() != null) {
      appendKey(b, r, compact);
    }
    b.ascii("+ n ").put(AsbText.escape(r.namespace(), "namespace")).put('\n');
    b.ascii("+ d ").ascii(BASE64.encodeToString(r.digest())).put('\n');
    if (r.set() != null && !r.set().isEmpty()) {
      b.ascii("+ s ").put(AsbText.escape(r.set(), "set")).put('\n');
    }
    b.ascii("+ g ").decimal(r.generation()).put('\n');
    b.ascii("+ t ").decimal(Integer.toUnsignedLong(r.voidTime())).put('\n');
    b.ascii("+ b ").decimal(r.bins().size()).put('\n');
    for (Map.Entry<String, Object> bin : r.bins().entrySet()) {
      try {
        appendBin(b, bin.getKey(), bin.getValue(), compact);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(r + " bin '" + bin.getKey() + "': " + e.getMessage(), e);
      }
    }
  }

  private static void appendKey(TextBuffer b, RecordImage r, boolean compact) {
    Value key = r.userKey();
    Object v = key.getObject();
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      b.ascii("+ k I ").decimal(((Number) v).longValue()).put('\n');
    } else if (v instanceof Double || v instanceof Float) {
      b.ascii("+ k D ").ascii(AsbText.formatDouble(((Number) v).doubleValue())).put('\n');
    } else if (v instanceof String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      b.ascii("+ k S ").decimal(utf8.length).put(' ').put(utf8).put('\n');
    } else if (v instanceof byte[] bytes && key.getType() == 4) {
      appendBytes(b, compact ? "+ k B!" : "+ k B", bytes, compact);
    } else {
      throw new IllegalArgumentException(
          r + ": user key of type " + key.getClass().getSimpleName()
              + " cannot be written (keys are integer, double, string or blob)");
    }
  }

  private static void appendBin(TextBuffer b, String name, Object value, boolean compact) {
    byte[] esc = AsbText.escape(name, "bin name");
    if (value == null || value instanceof Value.NullValue) {
      b.ascii("- N ").put(esc).put('\n');
      return;
    }
    if (value instanceof Boolean bool) {
      b.ascii("- Z ").put(esc).put(' ').put(bool ? 'T' : 'F').put('\n');
      return;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      b.ascii("- I ").put(esc).put(' ').decimal(((Number) value).longValue()).put('\n');
      return;
    }
    if (value instanceof Double || value instanceof Float) {
      b.ascii("- D ").put(esc).put(' ')
          .ascii(AsbText.formatDouble(((Number) value).doubleValue())).put('\n');
      return;
    }
    if (value instanceof String s) {
      appendRaw(b, "- S ", esc, s.getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (value instanceof Value.GeoJSONValue geo) {
      appendRaw(b, "- G ", esc, ((String) geo.getObject()).getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (value instanceof byte[] bytes) {
      appendTyped(b, AsbBinType.BLOB, esc, bytes, compact);
      return;
    }
    if (value instanceof Value.HLLValue hll) {
      appendTyped(b, AsbBinType.HLL, esc, hll.getBytes(), compact);
      return;
    }
    if (value instanceof Value.BytesValue bv && bv.getType() == AsbBinType.STRING.particleType()) {
      // a string that is not valid UTF-8, kept as its exact bytes
      appendRaw(b, "- S ", esc, (byte[]) bv.getObject());
      return;
    }
    if (value instanceof Value.BytesValue bv) {
      appendTyped(b, typeOfParticle(bv.getType()), esc, (byte[]) bv.getObject(), compact);
      return;
    }
    if (value instanceof Value.MapValue mv) {
      appendTyped(b, AsbBinType.MAP, esc,
          CdtCodec.packMap((Map<?, ?>) mv.getObject(), mv.getOrder()), compact);
      return;
    }
    if (value instanceof List<?> list) {
      appendTyped(b, AsbBinType.LIST, esc, CdtCodec.packList(list), compact);
      return;
    }
    if (value instanceof Map<?, ?> map) {
      appendTyped(b, AsbBinType.MAP, esc, CdtCodec.packMap(map), compact);
      return;
    }
    if (value instanceof Value v) {
      // Other client Value wrappers (LongValue, StringValue, ListValue...) carry a plain object.
      appendBin(b, name, v.getObject(), compact);
      return;
    }
    throw new IllegalArgumentException(
        "value of type " + value.getClass().getName() + " has no asbackup representation");
  }

  private static AsbBinType typeOfParticle(int particleType) {
    switch (particleType) {
      case 4:
        return AsbBinType.BLOB;
      case 18:
        return AsbBinType.HLL;
      case 19:
        return AsbBinType.MAP;
      case 20:
        return AsbBinType.LIST;
      default:
        AsbBinType lang = AsbBinType.languageBlobOf(particleType);
        if (lang == null) {
          throw new IllegalArgumentException(
              "bytes of particle type " + particleType + " have no asbackup letter");
        }
        return lang;
    }
  }

  private static void appendRaw(TextBuffer b, String prefix, byte[] esc, byte[] raw) {
    b.ascii(prefix).put(esc).put(' ').decimal(raw.length).put(' ').put(raw).put('\n');
  }

  private static void appendTyped(
      TextBuffer b, AsbBinType type, byte[] esc, byte[] bytes, boolean compact) {
    b.ascii("- ").put(type.letter());
    if (compact) {
      b.put('!');
    }
    b.put(' ').put(esc);
    appendBytes(b, "", bytes, compact);
  }

  /** {@code <prefix> <len> <raw>} in compact mode, {@code <prefix> <b64len> <b64>} otherwise. */
  private static void appendBytes(TextBuffer b, String prefix, byte[] bytes, boolean compact) {
    b.ascii(prefix);
    if (compact) {
      b.put(' ').decimal(bytes.length).put(' ').put(bytes).put('\n');
    } else {
      byte[] enc = BASE64.encode(bytes);
      b.put(' ').decimal(enc.length).put(' ').put(enc).put('\n');
    }
  }
}
