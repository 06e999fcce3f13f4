package io.aeroshift.validation;

import io.aeroshift.transfer.RecordImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;

/**
 * The SHA-256 hash of one record's comparable content. Not thread-safe: one instance per thread.
 *
 * <p>Hashed, in this order, each part tagged and length-prefixed: a format tag, the 20-byte digest,
 * and when bins are compared the set name, the stored user key, the expiry bucket and every bin
 * (sorted by name, value in {@link CanonicalEncoder} form). Excluded: generation and last-update
 * time (they legitimately differ after a copy) and the namespace (both sides are read under the
 * namespace being validated; a renamed target namespace must still match).
 */
public final class RecordHasher {

  private static final byte[] FORMAT = "aeroshift-record-v1".getBytes(StandardCharsets.US_ASCII);
  public static final int HASH_BYTES = 32;

  private final ComparisonRules rules;
  private final MessageDigest sha;
  private final CanonicalEncoder encoder = new CanonicalEncoder(512);

  public RecordHasher(ComparisonRules rules) {
    this.rules = rules;
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-256", e);
    }
  }

  public ComparisonRules rules() {
    return rules;
  }

  /** The record's 32-byte hash. */
  public byte[] hash(RecordImage record) {
    encoder.reset();
    encoder.writeSized(FORMAT);
    encoder.writeBytes(record.digest(), 0, record.digest().length);
    if (rules.compareBins()) {
      writeContent(encoder, record, rules);
    }
    sha.reset();
    sha.update(encoder.buffer(), 0, encoder.length());
    return sha.digest();
  }

  /** Set, user key, expiry bucket and bins: everything but the digest. */
  static void writeContent(CanonicalEncoder e, RecordImage record, ComparisonRules rules) {
    e.writeValue(record.set(), "set");
    e.writeValue(record.userKey(), "userKey");
    e.writeLong(rules.expiryBucket(record.voidTime()));
    Map<String, Object> bins = record.bins();
    String[] names = bins.keySet().toArray(new String[0]);
    Arrays.sort(names);
    e.writeInt(names.length);
    for (String name : names) {
      e.writeSized(name.getBytes(StandardCharsets.UTF_8));
      e.writeValue(bins.get(name), "bin '" + name + "' of " + record);
    }
  }
}
