package io.aeroshift.transfer;

import java.util.Objects;

/**
 * What a sink did with one after-switch write, and the generation the server gave the record when
 * it was written: the "version this engine wrote" that the safe-write rule later recognises.
 *
 * @param outcome what happened
 * @param generation the record's generation after our write when {@code outcome} is {@link
 *     WriteOutcome#WRITTEN} and the sink can tell; 0 otherwise (0 is never a stored generation)
 */
public record WriteReply(WriteOutcome outcome, int generation) {

  public WriteReply {
    Objects.requireNonNull(outcome, "outcome");
    if (generation < 0 || generation > 0xFFFF) {
      throw new IllegalArgumentException("generation out of range (16 bits): " + generation);
    }
    if (generation != 0 && outcome != WriteOutcome.WRITTEN) {
      throw new IllegalArgumentException("only a written record has a new generation");
    }
  }

  /** An outcome without a generation. */
  public static WriteReply of(WriteOutcome outcome) {
    return new WriteReply(outcome, 0);
  }
}
