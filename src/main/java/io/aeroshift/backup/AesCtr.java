package io.aeroshift.backup;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * asbackup's encryption framing: the file starts with AES-ECB(key, IV0), 16 bytes, and the rest is
 * the data XORed with the AES-CTR keystream whose first counter block is IV0 + 1 (128-bit
 * big-endian increment, continuous over the whole file). No MAC, no padding, no trailer.
 */
final class AesCtr {

  static final int BLOCK = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private AesCtr() {}

  /** IV0 as asbackup makes it: 4 bytes of big-endian Unix time, then 12 random bytes. */
  static byte[] newIv() {
    byte[] iv = new byte[BLOCK];
    RANDOM.nextBytes(iv);
    long now = System.currentTimeMillis() / 1000;
    iv[0] = (byte) (now >>> 24);
    iv[1] = (byte) (now >>> 16);
    iv[2] = (byte) (now >>> 8);
    iv[3] = (byte) now;
    return iv;
  }

  static byte[] plusOne(byte[] iv) {
    byte[] out = iv.clone();
    for (int i = out.length - 1; i >= 0; i--) {
      if (++out[i] != 0) {
        break;
      }
    }
    return out;
  }

  static byte[] ecb(int mode, byte[] key, byte[] block) {
    try {
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
      c.init(mode, new SecretKeySpec(key, "AES"));
      return c.doFinal(block);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable", e);
    }
  }

  static Cipher ctr(byte[] key, byte[] firstCounter) {
    try {
      Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(firstCounter));
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR unavailable", e);
    }
  }

  /** Encrypts everything written to it; the encrypted IV goes out first. */
  static final class Output extends FilterOutputStream {
    private final Cipher cipher;
    private byte[] buf = new byte[8192];

    Output(OutputStream out, AsbEncryptionKey key) throws IOException {
      this(out, key, newIv());
    }

    Output(OutputStream out, AsbEncryptionKey key, byte[] iv0) throws IOException {
      super(out);
      byte[] k = key.aesKey();
      out.write(ecb(Cipher.ENCRYPT_MODE, k, iv0));
      cipher = ctr(k, plusOne(iv0));
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (buf.length < len) {
        buf = new byte[Math.max(len, buf.length * 2)];
      }
      int n;
      try {
        n = cipher.update(b, off, len, buf, 0);
      } catch (GeneralSecurityException e) {
        throw new IOException("AES-CTR failed", e);
      }
      out.write(buf, 0, n);
    }
  }

  /** Decrypts a stream framed as above. */
  static final class Input extends FilterInputStream {
    private final Cipher cipher;

    /**
     * @throws IOException when the stream ends before the 16-byte IV
     */
    Input(InputStream in, AsbEncryptionKey key) throws IOException {
      super(in);
      byte[] header = in.readNBytes(BLOCK);
      if (header.length < BLOCK) {
        throw new IOException("too short for an encrypted backup (" + header.length
            + " bytes; the encrypted IV alone is 16)");
      }
      byte[] k = key.aesKey();
      cipher = ctr(k, plusOne(ecb(Cipher.DECRYPT_MODE, k, header)));
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        try {
          cipher.update(b, off, n, b, off);
        } catch (GeneralSecurityException e) {
          throw new IOException("AES-CTR failed", e);
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Skipping would desynchronise the keystream; read through instead.
      byte[] scratch = new byte[(int) Math.min(n, 8192)];
      long left = n;
      while (left > 0) {
        int r = read(scratch, 0, (int) Math.min(left, scratch.length));
        if (r < 0) {
          break;
        }
        left -= r;
      }
      return n - left;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
