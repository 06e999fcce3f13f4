package io.aeroshift.emulator.exp;

import java.nio.charset.StandardCharsets;

/**
 * Mutable scratch state for one evaluation: the record, the clock, the result registers each node
 * writes, and the LET variable slots. One frame per thread is reused across records so that the
 * scan path does not allocate per record.
 */
final class EvalFrame {
  ExpRecord record;
  long nowMillis;

  /** Result registers: integer, float, and a byte slice (string, blob, geo JSON, list, map, hll). */
  long i;
  double d;
  byte[] bytes;
  int off;
  int len;

  // LET variables, indexed by slot.
  boolean[] varKnown = new boolean[4];
  int[] varBool = new int[4];
  long[] varInt = new long[4];
  double[] varFloat = new double[4];
  byte[][] varBytes = new byte[4][];
  int[] varOff = new int[4];
  int[] varLen = new int[4];

  private String cachedSetName;
  private byte[] cachedSetNameBytes = new byte[0];

  void reset(ExpRecord record, long nowMillis, int varSlots) {
    this.record = record;
    this.nowMillis = nowMillis;
    if (varKnown.length < varSlots) {
      growVars(varSlots);
    }
  }

  /** The UTF-8 set name; cached by identity because a store hands out one String per set. */
  byte[] setNameBytes(String setName) {
    if (setName != cachedSetName) {
      cachedSetNameBytes = setName == null ? new byte[0] : setName.getBytes(StandardCharsets.UTF_8);
      cachedSetName = setName;
    }
    return cachedSetNameBytes;
  }

  /** Drops references to the record so a pooled frame does not pin it. */
  void release() {
    record = null;
    bytes = null;
    for (int s = 0; s < varBytes.length; s++) {
      varBytes[s] = null;
    }
  }

  private void growVars(int n) {
    varKnown = new boolean[n];
    varBool = new int[n];
    varInt = new long[n];
    varFloat = new double[n];
    varBytes = new byte[n][];
    varOff = new int[n];
    varLen = new int[n];
  }
}
