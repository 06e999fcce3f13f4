package io.aeroshift.transfer;

import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.Expression;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.policy.WritePolicy;
import java.util.OptionalInt;

/**
 * The one factory of every client policy the transfer uses. Each call builds a fresh policy from
 * the settings; the client's shared defaults are never touched.
 *
 * <p>Safe-write rule, after the switch (docs/copy.md): a copy write or delete applies only if the
 * target record is missing, or was last updated before the switch ({@code lastUpdate < switch}
 * as a filter expression, evaluated atomically by the server), or, when this engine wrote it
 * after the switch and still knows the generation the server returned, is still exactly that
 * generation ({@code EXPECT_GEN_EQUAL}). The target's last-update time is never compared with
 * the source's: on the target it is the time of the copy.
 */
public final class TransferPolicies {

  private final TransferSettings settings;

  public TransferPolicies(TransferSettings settings) {
    this.settings = settings;
  }

  /**
   * A partition-scan policy; {@code sinceNanos} > 0 adds {@code lastUpdate >= sinceNanos} (catch-up).
   */
  public ScanPolicy scanPolicy(boolean includeBinData, long sinceNanos) {
    ScanPolicy p = new ScanPolicy();
    p.includeBinData = includeBinData;
    p.concurrentNodes = false;
    p.maxConcurrentNodes = 1;
    p.socketTimeout = (int) settings.socketTimeout().toMillis();
    p.totalTimeout = 0;
    p.maxRetries = 2;
    p.sleepBetweenRetries = 100;
    p.filterExp = sinceNanos > 0 ? changedSince(sinceNanos) : null;
    return p;
  }

  /**
   * The write policy for copying {@code image} with write TTL {@code ttl} (see {@link TtlRule}).
   *
   * @param knownGeneration the generation this engine got back from its own earlier write of the
   *     record after the switch, if it has one
   */
  public WritePolicy writePolicy(
      RecordImage image, int ttl, WriteMode mode, OptionalInt knownGeneration) {
    WritePolicy p = baseWrite();
    p.expiration = ttl;
    p.sendKey = image.userKey() != null;
    p.recordExistsAction = RecordExistsAction.REPLACE;
    conditionAfterSwitch(p, mode, knownGeneration);
    return p;
  }

  /** The policy for a reconciliation delete; conditional after the switch like a write. */
  public WritePolicy deletePolicy(WriteMode mode, OptionalInt knownGeneration) {
    WritePolicy p = baseWrite();
    conditionAfterSwitch(p, mode, knownGeneration);
    return p;
  }

  /** A point-read policy (verification, tests of the engine). */
  public Policy readPolicy() {
    Policy p = new Policy();
    p.socketTimeout = (int) settings.socketTimeout().toMillis();
    p.totalTimeout = (int) settings.totalTimeout().toMillis();
    return p;
  }

  /** {@code lastUpdate >= sinceNanos}: the catch-up filter. */
  public static Expression changedSince(long sinceNanos) {
    return Exp.build(Exp.ge(Exp.lastUpdate(), Exp.val(sinceNanos)));
  }

  /** {@code lastUpdate < switchNanos}: "no client has written this record since the switch". */
  public static Expression notWrittenSince(long switchNanos) {
    return Exp.build(Exp.lt(Exp.lastUpdate(), Exp.val(switchNanos)));
  }

  private WritePolicy baseWrite() {
    WritePolicy p = new WritePolicy();
    p.socketTimeout = (int) settings.socketTimeout().toMillis();
    p.totalTimeout = (int) settings.totalTimeout().toMillis();
    p.maxRetries = 2;
    p.sleepBetweenRetries = 50;
    p.failOnFilteredOut = true;
    return p;
  }

  private static void conditionAfterSwitch(
      WritePolicy p, WriteMode mode, OptionalInt knownGeneration) {
    if (!mode.afterSwitch()) {
      p.generationPolicy = GenerationPolicy.NONE;
      p.filterExp = null;
      return;
    }
    if (knownGeneration.isPresent()) {
      // Our own post-switch version: its last-update time is after the switch, so only the
      // generation can tell it from a client's write.
      p.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
      p.generation = knownGeneration.getAsInt();
      p.filterExp = null;
    } else {
      p.generationPolicy = GenerationPolicy.NONE;
      p.filterExp = notWrittenSince(mode.switchNanos());
    }
  }
}
