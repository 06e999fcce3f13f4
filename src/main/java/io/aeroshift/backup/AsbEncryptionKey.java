package io.aeroshift.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The AES key asbackup derives from a PEM private key: SHA-256 over the key's PKCS#1
 * {@code RSAPrivateKey} DER (what OpenSSL's {@code i2d_PrivateKey} gives for RSA), truncated to 16
 * bytes for AES-128. A PKCS#8 {@code BEGIN PRIVATE KEY} file is unwrapped to its inner PKCS#1 key
 * first, as backup-go does. The key material is never printed.
 */
public final class AsbEncryptionKey {

  private static final byte[] RSA_OID = {
    0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01
  };

  private final AsbEncryption mode;
  private final byte[] aesKey;

  private AsbEncryptionKey(AsbEncryption mode, byte[] aesKey) {
    this.mode = mode;
    this.aesKey = aesKey;
  }

  /**
   * Reads a PEM key file.
   *
   * @throws IllegalArgumentException naming the file when it is not an unencrypted RSA private key
   *     in PEM form
   */
  public static AsbEncryptionKey fromPemFile(Path pem, AsbEncryption mode) throws IOException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    try {
      return fromPem(text, mode);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key file " + pem + ": " + e.getMessage(), e);
    }
  }

  /** Derives the key from PEM text. */
  public static AsbEncryptionKey fromPem(String pem, AsbEncryption mode) {
    if (mode == AsbEncryption.NONE) {
      throw new IllegalArgumentException("no key is needed without encryption");
    }
    byte[] pkcs1;
    if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
      if (pem.contains("Proc-Type: 4,ENCRYPTED")) {
        throw new IllegalArgumentException("passphrase-protected PEM keys are not supported");
      }
      pkcs1 = body(pem, "RSA PRIVATE KEY");
    } else if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
      pkcs1 = unwrapPkcs8(body(pem, "PRIVATE KEY"));
    } else if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw new IllegalArgumentException("passphrase-protected PEM keys are not supported");
    } else {
      throw new IllegalArgumentException(
          "not a PEM RSA private key (expected BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
    }
    return fromPkcs1Der(pkcs1, mode);
  }

  /** Derives the key from PKCS#1 DER bytes (what asbackup hashes). */
  public static AsbEncryptionKey fromPkcs1Der(byte[] pkcs1, AsbEncryption mode) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(pkcs1);
      return new AsbEncryptionKey(mode, Arrays.copyOf(digest, mode.keyBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  public AsbEncryption mode() {
    return mode;
  }

  /** The raw AES key (a copy). */
  byte[] aesKey() {
    return aesKey.clone();
  }

  @Override
  public String toString() {
    return "AsbEncryptionKey[" + mode.flag() + ", ***]";
  }

  private static byte[] body(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = pem.indexOf(begin);
    int e = pem.indexOf(end, b);
    if (b < 0 || e < 0) {
      throw new IllegalArgumentException("PEM block " + label + " is not terminated");
    }
    String base64 = pem.substring(b + begin.length(), e).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("PEM body is not base64", ex);
    }
  }

  /** PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, OCTET STRING privateKey }. */
  private static byte[] unwrapPkcs8(byte[] der) {
    Der d = new Der(der);
    d.enter(0x30, "PrivateKeyInfo");
    d.skip(0x02, "version");
    int algLen = d.enter(0x30, "AlgorithmIdentifier");
    int algEnd = d.pos + algLen;
    if (!Arrays.equals(Arrays.copyOfRange(der, d.pos, Math.min(der.length, d.pos + RSA_OID.length)),
        RSA_OID)) {
      throw new IllegalArgumentException(
          "the key is not an RSA key; asbackup and backup-go use RSA keys only");
    }
    d.pos = algEnd;
    int len = d.enter(0x04, "privateKey");
    return Arrays.copyOfRange(der, d.pos, d.pos + len);
  }

  /** Just enough DER to walk a PrivateKeyInfo. */
  private static final class Der {
    private final byte[] b;
    private int pos;

    Der(byte[] b) {
      this.b = b;
    }

    /** Reads tag and length, leaves pos at the content, returns the content length. */
    int enter(int tag, String what) {
      if (pos >= b.length || (b[pos] & 0xff) != tag) {
        throw new IllegalArgumentException("malformed PKCS#8 key: expected " + what);
      }
      pos++;
      int first = b[pos++] & 0xff;
      int len;
      if (first < 0x80) {
        len = first;
      } else {
        int n = first & 0x7f;
        if (n == 0 || n > 3) {
          throw new IllegalArgumentException("malformed PKCS#8 key: bad length in " + what);
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[pos++] & 0xff);
        }
      }
      if (pos + len > b.length) {
        throw new IllegalArgumentException("malformed PKCS#8 key: " + what + " overruns the key");
      }
      return len;
    }

    void skip(int tag, String what) {
      int len = enter(tag, what);
      pos += len;
    }
  }
}
