package io.aeroshift.backup;

/**
 * How lenient a reader is beyond what asrestore accepts.
 *
 * @param acceptBackupGo also read backup-go's format 3.2 and its expression-index ({@code * e})
 *     lines, which asrestore refuses. Off by default so a file we accept is one asrestore accepts.
 * @param decodeCdt deliver list and map bins as the Java values the client gives ({@code List},
 *     {@code Map}); when false they are delivered as the exact msgpack the file holds, as {@code
 *     Value.BytesValue} with particle type LIST (20) or MAP (19), which the client writes unchanged
 *     (keeps list order flags and key-value-ordered maps that the client's decoding drops)
 * @param verifyDigest when a record carries its user key, check that the digest is the one the key
 *     and set give, so a corrupted digest never addresses the wrong record
 * @param maxValueBytes largest length-prefixed value accepted; a bigger length is reported as
 *     corruption instead of being allocated
 */
public record AsbReaderOptions(
    boolean acceptBackupGo, boolean decodeCdt, boolean verifyDigest, long maxValueBytes) {

  /** Aerospike records are at most 8 MiB by default and 128 MiB at the very most. */
  public static final long DEFAULT_MAX_VALUE_BYTES = 128L * 1024 * 1024;

  public AsbReaderOptions {
    if (maxValueBytes <= 0) {
      throw new IllegalArgumentException("maxValueBytes must be positive");
    }
  }

  /** asrestore's acceptance, decoded lists and maps, digests verified. */
  public static AsbReaderOptions defaults() {
    return new AsbReaderOptions(false, true, true, DEFAULT_MAX_VALUE_BYTES);
  }

  public AsbReaderOptions withAcceptBackupGo(boolean accept) {
    return new AsbReaderOptions(accept, decodeCdt, verifyDigest, maxValueBytes);
  }

  public AsbReaderOptions withDecodeCdt(boolean decode) {
    return new AsbReaderOptions(acceptBackupGo, decode, verifyDigest, maxValueBytes);
  }

  public AsbReaderOptions withVerifyDigest(boolean verify) {
    return new AsbReaderOptions(acceptBackupGo, decodeCdt, verify, maxValueBytes);
  }

  public AsbReaderOptions withMaxValueBytes(long max) {
    return new AsbReaderOptions(acceptBackupGo, decodeCdt, verifyDigest, max);
  }
}
