package io.aeroshift.validation;

/**
 * A validation suite, loaded from a YAML file in {@code validators/}: which checks run and with
 * which tolerances.
 *
 * @param name suite name (the file name without .yaml)
 * @param description what the suite is for
 * @param countCheck run the object-count check from info
 * @param checksumCheck run the per-partition checksum check (with drill-down)
 * @param compareBins true: bins, set, user key and expiry are compared; false: digests only
 * @param sample which records are compared (digest modulo)
 * @param sampledResultIsFinal whether a sampled result may serve as final cutover evidence
 * @param countTolerancePercent allowed relative difference of object counts, in percent
 * @param expiryToleranceSeconds allowed difference of a record's void time between the sides
 * @param maxListedRecords most records listed per kind (missing/extra/differing) per partition
 * @param recheckBeforeFail a differing partition is PENDING_RECHECK until re-checked
 * @param expiryMarginSeconds records expiring within this many seconds of the check are left out
 * @param recordsPerSecond read rate limit per cluster for this validation, 0 = unlimited
 * @param hash the record hash summed into partition checksums (XXH3-128 unless the suite asks
 *     for SHA-256)
 */
public record ValidationSuite(
    String name,
    String description,
    boolean countCheck,
    boolean checksumCheck,
    boolean compareBins,
    DigestSample sample,
    boolean sampledResultIsFinal,
    double countTolerancePercent,
    long expiryToleranceSeconds,
    int maxListedRecords,
    boolean recheckBeforeFail,
    long expiryMarginSeconds,
    long recordsPerSecond,
    RecordHash hash) {

  public ValidationSuite {
    java.util.Objects.requireNonNull(hash, "hash");
  }

  public ComparisonRules rules() {
    return compareBins
        ? ComparisonRules.fullRecords(expiryToleranceSeconds)
        : ComparisonRules.digestsOnly();
  }

  /**
   * True when a result of this suite may be the final evidence for cutover: checksums with bins
   * compared, over every record unless the suite explicitly accepts a sample as final.
   */
  public boolean finalEvidence() {
    return checksumCheck && compareBins && (sample.isFull() || sampledResultIsFinal);
  }

  /** Built-in defaults, the same as validators/default.yaml, for callers without a suite file. */
  public static ValidationSuite defaults() {
    return new ValidationSuite(
        "default",
        "full per-partition checksums with record-level drill-down, bins compared",
        true,
        true,
        true,
        DigestSample.ALL,
        false,
        0.5,
        60,
        100,
        true,
        120,
        0,
        RecordHash.XXH3_128);
  }

  public ValidationSuite withRecordsPerSecond(long rate) {
    return new ValidationSuite(
        name, description, countCheck, checksumCheck, compareBins, sample, sampledResultIsFinal,
        countTolerancePercent, expiryToleranceSeconds, maxListedRecords, recheckBeforeFail,
        expiryMarginSeconds, rate, hash);
  }

  /** The same suite with another record hash (a request may ask for SHA-256). */
  public ValidationSuite withHash(RecordHash value) {
    return new ValidationSuite(
        name, description, countCheck, checksumCheck, compareBins, sample, sampledResultIsFinal,
        countTolerancePercent, expiryToleranceSeconds, maxListedRecords, recheckBeforeFail,
        expiryMarginSeconds, recordsPerSecond, value);
  }
}
