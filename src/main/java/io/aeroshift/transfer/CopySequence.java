package io.aeroshift.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The one copy sequence of Aeroshift: full copy, one catch-up pass, delete reconciliation, each
 * only after the previous one completed (a catch-up after an incomplete full copy would take its
 * {@code since} from a pass that left partitions behind). {@code bin/aeroshift copy} and the
 * service's copy runs both run it; they differ only in what {@link Steps} does around each pass
 * (a resumed run skips the passes it already finished and records each one in its store).
 */
public final class CopySequence {
  /** The passes of the sequence, in order. */
  public static final List<PassKind> ORDER = List.of(PassKind.FULL, PassKind.CATCH_UP, PassKind.RECONCILE);

  private CopySequence() {}

  /** What the caller does around each pass. */
  public interface Steps {
    /** True when the pass already completed earlier (a resumed run) or another step stood in for it. */
    default boolean done(PassKind kind) {
      return false;
    }

    /** Called before the pass starts; false ends the sequence before it (a stop was requested). */
    default boolean starting(PassKind kind) {
      return true;
    }

    /** Called with the pass's summary once it ended, complete or not. */
    default void finished(PassKind kind, PassSummary summary) {}
  }

  /**
   * How the sequence ended.
   *
   * @param passes the passes run now, in order (passes already done are not repeated)
   * @param stoppedBefore the pass the sequence stopped before on request, or null
   */
  public record Outcome(List<PassSummary> passes, PassKind stoppedBefore) {
    public Outcome {
      passes = List.copyOf(passes);
    }

    /** True when every pass of the sequence has completed, now or earlier. */
    public boolean complete() {
      return stoppedBefore == null && passes.stream().allMatch(PassSummary::complete);
    }

    /** The pass that ended incomplete, or null. */
    public PassSummary incomplete() {
      return passes.stream().filter(p -> !p.complete()).findFirst().orElse(null);
    }
  }

  /**
   * Runs the passes not yet done on {@code engine}, with writes that replace (clients are not
   * switched yet: ARCHITECTURE.md, "writes to the target must never undo a client's write").
   *
   * @param fullCopyEstimate records the full copy expects (for progress); asked only if it runs
   */
  public static Outcome run(CopyEngine engine, String namespace, String set, LongSupplier fullCopyEstimate,
      Steps steps) {
    List<PassSummary> passes = new ArrayList<>();
    for (PassKind kind : ORDER) {
      if (steps.done(kind)) {
        continue;
      }
      if (!steps.starting(kind)) {
        return new Outcome(passes, kind);
      }
      PassSummary summary = switch (kind) {
        case FULL -> engine.fullCopy(namespace, set, fullCopyEstimate.getAsLong());
        case CATCH_UP -> engine.catchUp(namespace, set, WriteMode.replace(), 0);
        case RECONCILE -> engine.reconcile(namespace, set, WriteMode.replace());
      };
      passes.add(summary);
      steps.finished(kind, summary);
      if (!summary.complete()) {
        break;
      }
    }
    return new Outcome(passes, null);
  }
}
