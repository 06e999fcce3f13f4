package io.aeroshift.validation;

/**
 * The order-independent checksum of a partition: the number of records and the sum, modulo 2^256,
 * of their SHA-256 hashes read as unsigned 256-bit integers.
 *
 * <p>Addition, not XOR: XOR is linear over GF(2), so any two equal hashes cancel (a record read twice
 * vanishes, and a record present on one side twice plus absent on the other looks equal) and any
 * set of differences whose hashes XOR to zero cancels. Modular addition makes a duplicated record
 * change the sum, and the count is carried alongside as a cheap second witness. It is the additive
 * multiset hash (MSet-Add-Hash, Clarke et al. 2003): equal multisets give equal checksums; different
 * multisets give equal checksums only by a SHA-256-level accident. It is built to catch accidents
 * (bugs, lost writes), not an adversary who chooses records to collide.
 *
 * @param count number of records summed
 * @param w0 most significant 64 bits of the sum
 * @param w3 least significant 64 bits of the sum
 */
public record PartitionChecksum(long count, long w0, long w1, long w2, long w3) {

  public static final PartitionChecksum EMPTY = new PartitionChecksum(0, 0, 0, 0, 0);

  public String hex() {
    return String.format("%d:%016x%016x%016x%016x", count, w0, w1, w2, w3);
  }

  /** Builds a checksum incrementally; not thread-safe. */
  public static final class Accumulator {
    private long count;
    private final long[] words = new long[4];

    public void add(byte[] hash) {
      apply(hash, +1);
    }

    /** Takes a record back out (used when a record turns out to be left out after it was summed). */
    public void remove(byte[] hash) {
      apply(hash, -1);
    }

    private void apply(byte[] hash, int sign) {
      if (hash.length != RecordHasher.HASH_BYTES) {
        throw new IllegalArgumentException("record hash must be 32 bytes, was " + hash.length);
      }
      long[] h = new long[4];
      for (int i = 0; i < 4; i++) {
        long w = 0;
        for (int b = 0; b < 8; b++) {
          w = (w << 8) | (hash[i * 8 + b] & 0xFFL);
        }
        h[i] = w;
      }
      if (sign > 0) {
        addWords(h);
        count++;
      } else {
        // Subtraction mod 2^256 is addition of the two's complement.
        for (int i = 0; i < 4; i++) {
          h[i] = ~h[i];
        }
        addWords(h);
        addWords(new long[] {0, 0, 0, 1});
        count--;
      }
    }

    private void addWords(long[] h) {
      long carry = 0;
      for (int i = 3; i >= 0; i--) {
        long a = words[i];
        long sum = a + h[i] + carry;
        // Unsigned overflow detection: carry out when the sum wrapped past a (or equals it with carry in).
        carry =
            (Long.compareUnsigned(sum, a) < 0 || (carry == 1 && sum == a)) ? 1 : 0;
        words[i] = sum;
      }
    }

    public long count() {
      return count;
    }

    public PartitionChecksum toChecksum() {
      return new PartitionChecksum(count, words[0], words[1], words[2], words[3]);
    }
  }
}
