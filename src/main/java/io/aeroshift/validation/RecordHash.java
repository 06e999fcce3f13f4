package io.aeroshift.validation;

import java.util.Arrays;
import java.util.Locale;

/**
 * The hash function a validation applies to each record's canonical form before the hashes are
 * summed per partition ({@link PartitionChecksum}). Both sides of one run always use the same one.
 *
 * <p>XXH3-128 (hash4j) is the default: the checksum only has to catch accidents (lost or changed
 * records), for which a 128-bit non-cryptographic hash of good quality is enough, and it costs a
 * small fraction of SHA-256 per record (the profile of {@code bin/bench validate} put SHA-256 at a
 * quarter of the validation's CPU). SHA-256 stays for users whose policy asks for a cryptographic
 * hash: suite setting {@code hash: sha-256}, or {@code "hash"} in a validation request.
 */
public enum RecordHash {
  XXH3_128("xxh3-128"),
  SHA_256("sha-256");

  private final String label;

  RecordHash(String label) {
    this.label = label;
  }

  /** The name used in suite files, requests and reports. */
  public String label() {
    return label;
  }

  /** The hash of a label; throws {@link IllegalArgumentException} naming the labels offered. */
  public static RecordHash ofLabel(String label) {
    for (RecordHash h : values()) {
      if (h.label.equals(label == null ? null : label.toLowerCase(Locale.ROOT))) {
        return h;
      }
    }
    throw new IllegalArgumentException("must be one of " + labels() + ", was '" + label + "'");
  }

  /** Every label offered, in declaration order. */
  public static java.util.List<String> labels() {
    return Arrays.stream(values()).map(RecordHash::label).toList();
  }
}
