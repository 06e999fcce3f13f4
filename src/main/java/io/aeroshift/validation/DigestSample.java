package io.aeroshift.validation;

/**
 * A digest-modulo sample: a record is in the sample when a part of its digest that does not choose
 * the partition, read as an unsigned number, modulo {@link #MODULUS} is below the sample's cut.
 * Both clusters hold the same digest for the same record, so both sides sample the same records
 * without coordination, and every partition is sampled at about the same rate.
 *
 * <p>The number is the server's own {@code digestModulo}: digest bytes 16..19 as an unsigned
 * little-endian 32-bit integer (server {@code exp.c}, {@code exp_eval_meta_digest_mod}:
 * {@code *(uint32_t*)&keyd.digest[16] % mod} on little-endian hosts). So the same sample can be
 * pushed to the server as the filter {@code digestModulo(10000) < perTenThousand} and re-applied on
 * the client, and the two agree record for record.
 *
 * @param perTenThousand records kept per 10,000 (10000 = everything, 100 = 1%)
 */
public record DigestSample(int perTenThousand) {

  public static final int MODULUS = 10_000;
  public static final DigestSample ALL = new DigestSample(MODULUS);

  public DigestSample {
    if (perTenThousand < 1 || perTenThousand > MODULUS) {
      throw new IllegalArgumentException(
          "sample must keep between 1 and 10000 records per 10000, was " + perTenThousand);
    }
  }

  /** A sample from a rate in (0, 1], rounded to the nearest 1/10000. */
  public static DigestSample ofRate(double rate) {
    if (!(rate > 0 && rate <= 1)) {
      throw new IllegalArgumentException("sample rate must be in (0, 1], was " + rate);
    }
    return new DigestSample((int) Math.max(1, Math.round(rate * MODULUS)));
  }

  public boolean isFull() {
    return perTenThousand == MODULUS;
  }

  public double rate() {
    return perTenThousand / (double) MODULUS;
  }

  /** True when the record with this digest is in the sample. */
  public boolean includes(byte[] digest) {
    if (isFull()) {
      return true;
    }
    return modulo(digest) < perTenThousand;
  }

  /**
   * What the server's {@code digestModulo(10000)} returns for this digest. Bytes 0-1 choose the
   * partition (12 bits); bytes 16-19 are independent of them.
   */
  public static long modulo(byte[] digest) {
    long v =
        (digest[16] & 0xFFL)
            | ((digest[17] & 0xFFL) << 8)
            | ((digest[18] & 0xFFL) << 16)
            | ((digest[19] & 0xFFL) << 24);
    return v % MODULUS;
  }
}
