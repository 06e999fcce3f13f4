package io.aeroshift.transfer;

import com.aerospike.client.Key;
import com.aerospike.client.Value;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record as it travels between a source cluster, a target cluster, backup files and the
 * validation checks: everything the copy preserves, nothing it cannot (the last-update time is the
 * target's own).
 *
 * @param namespace namespace
 * @param set set name, or null when the record has none
 * @param digest the 20-byte RIPEMD-160 digest, the record's identity
 * @param userKey the stored user key, or null when the record was written without {@code sendKey}
 * @param generation the generation on the side it was read from (informational: never copied)
 * @param voidTime expiry in seconds since 2010-01-01T00:00:00Z, 0 = never expires (the server's
 *     citrusleaf epoch, as the client's {@code Record.expiration})
 * @param bins bins in the order read, values as the Aerospike client represents them (Long, Double,
 *     String, byte[], Boolean, List, Map, GeoJSONValue, HLLValue)
 */
public record RecordImage(
    String namespace,
    String set,
    byte[] digest,
    Value userKey,
    int generation,
    int voidTime,
    Map<String, Object> bins) {

  /** Seconds between 1970-01-01 and 2010-01-01, the server's expiry epoch. */
  public static final long CITRUSLEAF_EPOCH_SECONDS = 1262304000L;

  public RecordImage {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(digest, "digest");
    if (digest.length != 20) {
      throw new IllegalArgumentException("digest must be 20 bytes, was " + digest.length);
    }
    bins = Collections.unmodifiableMap(new LinkedHashMap<>(bins));
  }

  /** The client key addressing this record (digest, set and user key when stored). */
  public Key key() {
    return new Key(namespace, digest, set, userKey);
  }

  /** True when the record never expires. */
  public boolean neverExpires() {
    return voidTime == 0;
  }

  /**
   * The TTL to write so the copy expires when the original does: -1 (never) for a never-expiring
   * record, otherwise the seconds left; 0 or less when it has already expired at {@code nowEpochSeconds}.
   */
  public long remainingTtl(long nowEpochSeconds) {
    if (voidTime == 0) {
      return -1;
    }
    return (Integer.toUnsignedLong(voidTime) + CITRUSLEAF_EPOCH_SECONDS) - nowEpochSeconds;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordImage r
        && namespace.equals(r.namespace)
        && Objects.equals(set, r.set)
        && Arrays.equals(digest, r.digest)
        && Objects.equals(userKey, r.userKey)
        && generation == r.generation
        && voidTime == r.voidTime
        && bins.equals(r.bins);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return "RecordImage[" + namespace + "/" + (set == null ? "" : set) + "/" + hex(digest) + "]";
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.toString();
  }
}
