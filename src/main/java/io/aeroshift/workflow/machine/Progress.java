package io.aeroshift.workflow.machine;

/**
 * Copy progress as last observed.
 *
 * @param fractionDone 0..1 of the full copy (1 once it finished)
 * @param recordsCopied records written to the target by every pass so far
 * @param recordsPerSecond current rate, 0 when nothing runs
 * @param etaSeconds seconds to the end of the running pass, -1 when unknown
 */
public record Progress(double fractionDone, long recordsCopied, double recordsPerSecond, long etaSeconds) {
  public static final Progress NONE = new Progress(0, 0, 0, -1);

  /** The same figures with nothing running (rate 0, no ETA). */
  public Progress idle() {
    return new Progress(fractionDone, recordsCopied, 0, -1);
  }
}
