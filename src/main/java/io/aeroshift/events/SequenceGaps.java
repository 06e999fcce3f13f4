package io.aeroshift.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decides how far the relay may go in the outbox without skipping an event that is still on its way
 * (pure: no I/O, no clock). Sequence numbers are taken when a row is inserted, not when its
 * transaction commits, so with concurrent transactions a lower {@code seq} can become visible after
 * a higher one; a missing {@code seq} below a committed one is either in flight or rolled back.
 *
 * <p>A gap is settled (treated as rolled back and skipped) only when both hold, judged with what was
 * known <em>before</em> the read that still did not show it:
 * <ul>
 *   <li>none of the appending transactions open just after the read that first showed the gap is
 *       still open: the gap's holder, if any, allocated its {@code seq} before the higher committed
 *       one was allocated, so it was open then; a transaction opened later gets a higher
 *       {@code seq}. Who is open comes from PostgreSQL's lock table (every replica) or from this
 *       process ({@link InFlightAppends}) on H2;</li>
 *   <li>it has been open at least {@code grace} (for a store where the open transactions of other
 *       writers cannot be seen; zero by default).</li>
 * </ul>
 * A gap open longer than {@code maxHold} is settled whatever the open transactions say (the transaction
 * manager rolls a transaction back at its timeout, so nothing can fill it any more) and reported as
 * forced, so the relay never stalls for ever.
 */
public final class SequenceGaps {

  /** A gap being watched: when it was first seen and the appending transactions open after that read. */
  record Watch(Instant firstSeen, Set<String> openAfterRead) {}

  /**
   * The outcome of one pass.
   *
   * @param release committed sequence numbers to publish now, in order
   * @param releasedUpTo every {@code seq} at or below this is published or settled as absent
   * @param skipped gaps settled as absent in this pass
   * @param forced those of {@code skipped} settled by {@code maxHold} alone
   * @param held the lowest gap still held, or empty
   */
  public record Pass(List<Long> release, long releasedUpTo, List<Long> skipped, List<Long> forced, OptionalLong held) {}

  private final Duration grace;
  private final Duration maxHold;
  private final Map<Long, Watch> watched = new HashMap<>();
  private long releasedUpTo;

  public SequenceGaps(long releasedUpTo, Duration grace, Duration maxHold) {
    this.releasedUpTo = releasedUpTo;
    this.grace = grace;
    this.maxHold = maxHold;
  }

  public long releasedUpTo() {
    return releasedUpTo;
  }

  /** Gaps currently held open. */
  public int heldGaps() {
    return watched.size();
  }

  /**
   * One pass over what a read returned.
   *
   * @param committed the sequence numbers the read returned above {@link #releasedUpTo()}, ascending
   * @param openBeforeRead the appending transactions open just before the read
   * @param openAfterRead the appending transactions open just after the read
   * @param now the time of the read
   */
  public Pass advance(List<Long> committed, Set<String> openBeforeRead, Set<String> openAfterRead, Instant now) {
    List<Long> release = new ArrayList<>();
    List<Long> skipped = new ArrayList<>();
    List<Long> forced = new ArrayList<>();
    long expected = releasedUpTo + 1;
    OptionalLong held = OptionalLong.empty();
    outer:
    for (long seq : committed) {
      if (seq < expected) {
        continue; // read twice: already released
      }
      while (expected < seq) {
        Watch watch = watched.get(expected);
        if (watch == null) {
          // first seen in this read: it may have committed just after the read began
          watched.put(expected, new Watch(now, Set.copyOf(openAfterRead)));
          held = OptionalLong.of(expected);
          break outer;
        }
        Duration open = Duration.between(watch.firstSeen(), now);
        boolean holdersDone = Collections.disjoint(watch.openAfterRead(), openBeforeRead);
        if (holdersDone && open.compareTo(grace) >= 0) {
          skipped.add(expected);
        } else if (open.compareTo(maxHold) >= 0) {
          skipped.add(expected);
          forced.add(expected);
        } else {
          held = OptionalLong.of(expected);
          break outer;
        }
        watched.remove(expected);
        expected++;
      }
      watched.remove(seq);
      release.add(seq);
      expected = seq + 1;
    }
    releasedUpTo = expected - 1;
    watched.keySet().removeIf(s -> s <= releasedUpTo);
    return new Pass(List.copyOf(release), releasedUpTo, List.copyOf(skipped), List.copyOf(forced), held);
  }
}
