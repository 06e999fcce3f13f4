package io.aeroshift.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * How a backup file's text is stored: text, then compression, then encryption, then the file (the
 * order of asbackup and backup-go). Nothing in a file says which was used, so a reader sniffs the
 * first bytes at every layer and names the missing or wrong setting instead of producing garbage.
 *
 * @param compression compression of the text
 * @param key AES key, or null for no encryption
 * @param zstdLevel zstd level (asbackup's default is 3)
 */
public record AsbCodec(AsbCompression compression, AsbEncryptionKey key, int zstdLevel) {

  private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
  private static final byte[] GZIP_MAGIC = {0x1F, (byte) 0x8B};
  private static final byte[] VERSION = "Version ".getBytes(StandardCharsets.US_ASCII);
  private static final int BUFFER = 1 << 16;

  public AsbCodec {
    Objects.requireNonNull(compression, "compression");
  }

  public static AsbCodec plain() {
    return new AsbCodec(AsbCompression.NONE, null, 3);
  }

  public static AsbCodec of(AsbCompression compression, AsbEncryptionKey key) {
    return new AsbCodec(compression, key, 3);
  }

  public AsbEncryption encryption() {
    return key == null ? AsbEncryption.NONE : key.mode();
  }

  /** e.g. {@code zstd+aes256}, {@code plain}. */
  public String describe() {
    String c = compression == AsbCompression.NONE ? "" : compression.flag();
    String e = key == null ? "" : key.mode().flag();
    if (c.isEmpty() && e.isEmpty()) {
      return "plain";
    }
    return c.isEmpty() ? e : e.isEmpty() ? c : c + "+" + e;
  }

  /**
   * Wraps a file stream for writing text. Closing the result finishes the compressed frame and
   * closes {@code file}.
   */
  public OutputStream wrapOutput(OutputStream file) throws IOException {
    OutputStream out = file;
    if (key != null) {
      out = new AesCtr.Output(out, key);
    }
    switch (compression) {
      case ZSTD:
        out = new ZstdCompressorOutputStream(out, zstdLevel);
        break;
      case GZIP:
        out = new GzipCompressorOutputStream(out);
        break;
      default:
        break;
    }
    return new BufferedOutputStream(out, BUFFER);
  }

  /**
   * Wraps a file stream for reading text, checking that the data matches this codec.
   *
   * @throws AsbFormatException naming the file and the setting that does not match (not
   *     encrypted, wrong key, missing or wrong compression)
   */
  public InputStream wrapInput(InputStream file, String name) throws IOException {
    BufferedInputStream raw = new BufferedInputStream(file, BUFFER);
    byte[] head = peek(raw, 16);
    if (head.length == 0) {
      throw problem(name, "empty file: no version line");
    }
    raw.mark(BUFFER);
    InputStream in = raw;
    if (key != null) {
      try {
        in = new AesCtr.Input(raw, key);
      } catch (IOException e) {
        throw problem(name, notEncrypted(raw, head).orElse(e.getMessage()));
      }
    }
    PushbackInputStream p = new PushbackInputStream(in, 16);
    byte[] plain = peekPushback(p, 8);
    boolean zstd = startsWith(plain, ZSTD_MAGIC);
    boolean gzip = startsWith(plain, GZIP_MAGIC);
    boolean text = startsWith(plain, VERSION);
    boolean expected = compression == AsbCompression.ZSTD ? zstd
        : compression == AsbCompression.GZIP ? gzip : text;
    // An encrypted file starts with 16 random-looking bytes, which begin with gzip's magic once in
    // 65,536 files: only when decryption gives nothing recognisable do the raw bytes name the cause.
    if (key != null && !expected) {
      Optional<String> unencrypted = notEncrypted(raw, head);
      if (unencrypted.isPresent()) {
        throw problem(name, unencrypted.get());
      }
    }
    String keyHint = key == null ? ""
        : " (after decryption with " + key.mode().flag() + " the data is not recognisable:"
            + " wrong key or wrong --encrypt mode?)";
    switch (compression) {
      case ZSTD:
        if (!zstd) {
          throw problem(name, "the data is not zstd-compressed" + hint(gzip, text, keyHint));
        }
        return new BufferedInputStream(new ZstdCompressorInputStream(p), BUFFER);
      case GZIP:
        if (!gzip) {
          throw problem(name, "the data is not gzip-compressed" + hint(zstd, text, keyHint, true));
        }
        return new BufferedInputStream(new GzipCompressorInputStream(p, true), BUFFER);
      default:
        if (zstd) {
          throw problem(name, "the data is zstd-compressed; read it with --compress zstd");
        }
        if (gzip) {
          throw problem(name, "the data is gzip-compressed; read it with --compress gzip");
        }
        if (!text && key != null) {
          throw problem(name, "cannot decrypt: wrong key or wrong --encrypt mode ("
              + key.mode().flag() + " used); the decrypted data is not a backup");
        }
        return p;
    }
  }

  /**
   * Why a file read with a key is not encrypted, when its raw bytes say so: a plain version line, or
   * a compressed frame that really decompresses to one (an encrypted IV may start with a magic).
   */
  private static Optional<String> notEncrypted(BufferedInputStream raw, byte[] head) {
    if (startsWith(head, VERSION) && AsbReader.isText(head)) {
      return Optional.of("the file is not encrypted (it starts with a plain version line);"
          + " read it without --encrypt");
    }
    boolean zstd = startsWith(head, ZSTD_MAGIC);
    if (!zstd && !startsWith(head, GZIP_MAGIC)) {
      return Optional.empty();
    }
    try {
      raw.reset();
      InputStream text = zstd ? new ZstdCompressorInputStream(raw)
          : new GzipCompressorInputStream(raw);
      if (!startsWith(text.readNBytes(VERSION.length), VERSION)) {
        return Optional.empty();
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of("the file is not encrypted but compressed; read it without --encrypt"
        + " and with --compress " + (zstd ? "zstd" : "gzip"));
  }

  private static String hint(boolean otherCompression, boolean text, String keyHint) {
    return hint(otherCompression, text, keyHint, false);
  }

  private static String hint(boolean other, boolean text, String keyHint, boolean otherIsZstd) {
    if (other) {
      return "; it is " + (otherIsZstd ? "zstd" : "gzip") + "-compressed: read it with --compress "
          + (otherIsZstd ? "zstd" : "gzip");
    }
    if (text) {
      return "; it is plain text: read it without --compress";
    }
    return keyHint.isEmpty() ? "; it is not a backup file, or it is encrypted (--encrypt and"
        + " --key-file needed)" : keyHint;
  }

  private static AsbFormatException problem(String name, String reason) {
    return new AsbFormatException(name, 0, -1, reason);
  }

  private static byte[] peek(BufferedInputStream in, int n) throws IOException {
    in.mark(n);
    byte[] b = in.readNBytes(n);
    in.reset();
    return b;
  }

  private static byte[] peekPushback(PushbackInputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    in.unread(b);
    return b;
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
