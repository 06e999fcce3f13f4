package io.aeroshift.validation;

import com.aerospike.client.Value;
import io.aeroshift.transfer.RecordImage;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hashing;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;

/**
 * The hash of one record's comparable content, with the {@link RecordHash} chosen by the suite.
 * Not thread-safe: one instance per thread.
 *
 * <p>Hashed, in this order, each part tagged and length-prefixed: a format tag, the 20-byte digest,
 * and when bins are compared the set name, the stored user key, the expiry bucket and every bin
 * (sorted by name, value in {@link CanonicalEncoder} form). Excluded: generation and last-update
 * time (they legitimately differ after a copy) and the namespace (both sides are read under the
 * namespace being validated; a renamed target namespace must still match).
 *
 * <p>The result is always {@link #HASH_BYTES} long, read by {@link PartitionChecksum} as an
 * unsigned big-endian integer: SHA-256 fills it, XXH3-128 fills the low 16 bytes (the high 16 are
 * zero), so the partition sum and its rendering keep one shape whichever hash a run used.
 */
public final class RecordHasher {

  private static final byte[] FORMAT = "aeroshift-record-v1".getBytes(StandardCharsets.US_ASCII);
  public static final int HASH_BYTES = 32;

  private static final Hasher128 XXH3 = Hashing.xxh3_128();
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final ComparisonRules rules;
  private final RecordHash function;
  private final MessageDigest sha;
  private final CanonicalEncoder encoder = new CanonicalEncoder(512);
  /** The format tag as written at the start of every record's bytes: its length, then the tag. */
  private static final int FORMAT_PREFIX_BYTES = 4 + FORMAT.length;
  private final byte[] shaOut = new byte[HASH_BYTES];
  private final LastName setName = new LastName();
  private final LastName binName = new LastName();

  /** A SHA-256 hasher (the hash of every run before the hash became a choice). */
  public RecordHasher(ComparisonRules rules) {
    this(rules, RecordHash.SHA_256);
  }

  public RecordHasher(ComparisonRules rules, RecordHash function) {
    this.rules = rules;
    this.function = function;
    encoder.writeSized(FORMAT);
    if (function == RecordHash.SHA_256) {
      try {
        this.sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK must provide SHA-256", e);
      }
    } else {
      this.sha = null;
    }
  }

  public RecordHash function() {
    return function;
  }

  public ComparisonRules rules() {
    return rules;
  }

  /** The record's {@value #HASH_BYTES}-byte hash. */
  public byte[] hash(RecordImage record) {
    byte[] out = new byte[HASH_BYTES];
    hash(record.digest(), record.set(), record.userKey(), record.voidTime(), record.bins(), out);
    return out;
  }

  /**
   * The hash of a record given by its parts, written into {@code out[0..32)}. Same bytes as
   * {@link #hash(RecordImage)}.
   *
   * @param voidTime expiry, seconds since 2010 (0 = never)
   * @param bins bin values as the client returns them; empty or null when bins are not read
   */
  public void hash(byte[] digest, String set, Value userKey, int voidTime, Map<String, Object> bins, byte[] out) {
    encode(digest, set, userKey, voidTime, bins);
    if (sha == null) {
      HashValue128 h = XXH3.hashBytesTo128Bits(encoder.buffer(), 0, encoder.length());
      BIG_ENDIAN_LONG.set(out, 0, 0L);
      BIG_ENDIAN_LONG.set(out, 8, 0L);
      BIG_ENDIAN_LONG.set(out, 16, h.getMostSignificantBits());
      BIG_ENDIAN_LONG.set(out, 24, h.getLeastSignificantBits());
      return;
    }
    shaDigest(out);
  }

  /**
   * Adds the record's hash to a partition checksum: what the checksum path does per record, with
   * the client's own key and bin map, no record copy, and (XXH3-128) the 128 bits added as two
   * words instead of going through a 32-byte array. Same sum as {@link #hash(byte[], String, Value,
   * int, Map, byte[])} followed by {@link PartitionChecksum.Accumulator#add(byte[])}.
   */
  public void addTo(
      PartitionChecksum.Accumulator sum, byte[] digest, String set, Value userKey, int voidTime, Map<String, Object> bins) {
    encode(digest, set, userKey, voidTime, bins);
    if (sha == null) {
      HashValue128 h = XXH3.hashBytesTo128Bits(encoder.buffer(), 0, encoder.length());
      sum.add(0L, 0L, h.getMostSignificantBits(), h.getLeastSignificantBits());
      return;
    }
    shaDigest(shaOut);
    sum.add(shaOut);
  }

  private void shaDigest(byte[] out) {
    sha.update(encoder.buffer(), 0, encoder.length());
    try {
      sha.digest(out, 0, HASH_BYTES); // also resets the digest for the next record
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 must write 32 bytes", e);
    }
  }

  /** The canonical form of the record into {@link #encoder}. */
  private void encode(byte[] digest, String set, Value userKey, int voidTime, Map<String, Object> bins) {
    // the format tag stays at the start of the buffer: every record's bytes begin with it
    encoder.truncate(FORMAT_PREFIX_BYTES);
    encoder.writeBytes(digest, 0, digest.length);
    if (rules.compareBins()) {
      writeContent(digest, set, userKey, voidTime, bins == null ? Map.of() : bins);
    }
  }

  /** Set, user key, expiry bucket and bins: everything but the digest. */
  private void writeContent(byte[] digest, String set, Value userKey, int voidTime, Map<String, Object> bins) {
    CanonicalEncoder e = encoder;
    if (set == null) {
      e.writeValue(null, "set");
    } else {
      e.writeByte(CanonicalEncoder.STRING);
      e.writeString(setName.utf8(set));
    }
    if (userKey instanceof Value.StringValue k) {
      e.writeString((String) k.getObject(), CanonicalEncoder.STRING);
    } else if (userKey instanceof Value.LongValue k) {
      e.writeByte(CanonicalEncoder.INTEGER);
      e.writeLong(k.toLong());
    } else {
      e.writeValue(userKey, "userKey");
    }
    e.writeLong(rules.expiryBucket(voidTime));
    e.writeInt(bins.size());
    if (bins.size() == 1) {
      // The common single-bin record: nothing to sort, and mostly the previous record's bin name,
      // found by a lookup instead of a walk of the map's table.
      String last = binName.name;
      Object value = last == null ? null : bins.get(last);
      if (value != null) {
        writeBin(e, digest, binName.utf8, last, value);
        return;
      }
      Map.Entry<String, Object> only = bins.entrySet().iterator().next();
      writeBin(e, digest, binName.utf8(only.getKey()), only.getKey(), only.getValue());
      return;
    }
    String[] names = bins.keySet().toArray(new String[0]);
    Arrays.sort(names);
    for (String name : names) {
      writeBin(e, digest, name.getBytes(StandardCharsets.UTF_8), name, bins.get(name));
    }
  }

  /**
   * The UTF-8 bytes of the last name seen, kept while the same name repeats: a scan returns one
   * set, and mostly one bin name, record after record (each as a new String), so the repeat costs
   * an equals instead of an encoding and an array.
   */
  private static final class LastName {
    private String name;
    private byte[] utf8;

    byte[] utf8(String s) {
      if (!s.equals(name)) {
        utf8 = s.getBytes(StandardCharsets.UTF_8);
        name = s;
      }
      return utf8;
    }
  }

  private static void writeBin(CanonicalEncoder e, byte[] digest, byte[] nameUtf8, String name, Object value) {
    e.writeString(nameUtf8);
    // the common bin types directly, in the bytes CanonicalEncoder#writeValue gives them
    if (value instanceof String s) {
      e.writeString(s, CanonicalEncoder.STRING);
      return;
    }
    if (value instanceof Long l) {
      e.writeByte(CanonicalEncoder.INTEGER);
      e.writeLong(l);
      return;
    }
    if (value instanceof byte[] b) {
      e.writeByte(CanonicalEncoder.BLOB);
      e.writeSized(b);
      return;
    }
    try {
      e.writeValue(value, name);
    } catch (IllegalArgumentException x) {
      throw new IllegalArgumentException(x.getMessage() + " (bin '" + name + "' of the record with digest " + Digests.hex(digest) + ")", x);
    }
  }
}
