package io.aeroshift.jobs;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.cluster.Node;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.transfer.CopyProgress;
import io.aeroshift.transfer.PassKind;
import io.aeroshift.transfer.xdr.XdrMonitor;
import io.aeroshift.transfer.xdr.XdrReplication;
import io.aeroshift.transfer.xdr.XdrSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The XDR step of a copy run (mode XDR): sets XDR up on every source node ({@link XdrReplication}:
 * preflight refusals are typed failures), then watches its statistics until the run is finished
 * or stopped. The DC keeps shipping live writes and deletes through the catch-up, validation,
 * cutover and drain; {@link #finish()} (after the drain) and {@link #stop()} (rollback, abort)
 * tear it down on every source node, and so does any failure, so nothing stays configured on a
 * source that Aeroshift no longer watches. {@link #abandon()} (service shutdown) leaves XDR
 * shipping: the next start runs this step again, and setup is idempotent.
 *
 * <p>A blocker ends the step: abandoned records rising at once, a destination unreachable or a
 * source unanswering for longer than the stall limit. A source node that restarted (dynamic XDR is
 * not persisted) is set up again, with the rewind, so nothing it took while down is missed.
 */
final class XdrCopy {
  private static final Duration POLL = Duration.ofMillis(250);

  private final XdrReplication replication;
  private final Clock clock;
  private final Duration stallLimit;
  private final Instant started;
  private volatile XdrMonitor.Observation last;
  private volatile boolean stopRequested;
  private volatile boolean finishRequested;
  private volatile boolean abandoned;
  /** Released by stop, finish or abandon: the watch wakes at once instead of at its next poll. */
  private final CountDownLatch wake = new CountDownLatch(1);

  /** The client this copy holds to the source while it ships (its connections are the service's own). */
  private final IAerospikeClient source;

  IAerospikeClient source() {
    return source;
  }

  XdrCopy(IAerospikeClient source, IAerospikeClient target, CopyRunSpec spec, Clock clock, Duration stallLimit) {
    this.source = source;
    this.clock = clock;
    this.stallLimit = stallLimit.isZero() ? CopyRunService.DEFAULT_STALL_LIMIT : stallLimit;
    this.replication = new XdrReplication(source, settings(spec, target, this.stallLimit), clock);
    this.started = clock.instant();
  }

  /** The DC name a run ships through: stable for the run id, so a resumed run finds its own DC. */
  static String dcName(String runId) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(runId.getBytes(StandardCharsets.UTF_8));
      return "aeroshift-" + HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  static XdrSettings settings(CopyRunSpec spec, IAerospikeClient target, Duration stallLimit) {
    XdrSpec x = spec.xdr();
    List<String> namespaces = List.of(spec.namespace());
    XdrSettings s;
    if (!x.proxy().isEmpty()) {
      s = XdrSettings.viaProxy(dcName(spec.id()), x.proxy(), namespaces);
    } else {
      List<String> nodes = new ArrayList<>();
      for (Node n : target.getNodes()) {
        nodes.add(n.getHost().name + ":" + n.getHost().port);
      }
      if (nodes.isEmpty()) {
        throw new RunFailedException(Failure.of(FailureReason.TARGET_UNREACHABLE,
            "the target " + spec.target() + " has no node to ship to", Instant.now()), null);
      }
      s = XdrSettings.direct(dcName(spec.id()), nodes, namespaces);
    }
    return s.withLimits(Duration.ofSeconds(x.reachTimeoutSeconds()), x.readyLagSeconds(), stallLimit);
  }

  XdrSettings settings() {
    return replication.settings();
  }

  /** The latest observation of every source node's statistics (empty before the first). */
  Optional<XdrMonitor.Observation> observation() {
    return Optional.ofNullable(last);
  }

  void stop() {
    stopRequested = true;
    wake.countDown();
  }

  void finish() {
    finishRequested = true;
    wake.countDown();
  }

  void abandon() {
    abandoned = true;
    wake.countDown();
  }

  /** Sets up, then watches until finished, stopped, abandoned or blocked; null when finished cleanly. */
  Failure run() {
    Optional<Failure> setup = replication.start();
    if (setup.isPresent()) {
      // start() removes what it configured when a step is refused; a source that stopped answering
      // half-way may still hold part of it
      return setup.get().reason() == FailureReason.XDR_NOT_AVAILABLE ? setup.get() : teardownAfter(setup.get());
    }
    Instant unansweredSince = null;
    while (true) {
      if (abandoned) {
        return Failure.of(FailureReason.STOPPED, "service stopping: XDR left shipping, resumed at the next start",
            clock.instant());
      }
      if (stopRequested || finishRequested) {
        Optional<Failure> left = replication.teardown();
        if (left.isPresent()) {
          return left.get();
        }
        return finishRequested && !stopRequested ? null
            : Failure.of(FailureReason.STOPPED, "stopped: XDR torn down on every source node", clock.instant());
      }
      XdrMonitor.Observation o = replication.observe();
      last = o;
      if (o.state() == XdrMonitor.State.BLOCKED) {
        boolean sourceSilent = o.blocker().reason() == FailureReason.SOURCE_UNREACHABLE;
        if (sourceSilent && unansweredSince == null) {
          unansweredSince = o.at();
        }
        if (!sourceSilent || !Duration.between(unansweredSince, o.at()).minus(stallLimit).isNegative()) {
          return teardownAfter(o.blocker());
        }
      } else {
        unansweredSince = null;
        if (o.nodes().stream().anyMatch(n -> !n.present())) {
          Optional<Failure> again = replication.start();
          if (again.isPresent()) {
            return teardownAfter(again.get());
          }
        }
      }
      pause();
    }
  }

  private Failure teardownAfter(Failure cause) {
    Optional<Failure> left = replication.teardown();
    return left.map(l -> new Failure(cause.reason(), cause.errorClass(), cause.detail()
        + "; removing the XDR configuration failed too: " + l.detail(), cause.at())).orElse(cause);
  }

  private void pause() {
    try {
      wake.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandoned = true;
    }
  }

  /**
   * The step's progress in the copy runs' figures: records shipped, partitions recovered out of
   * the rewind's 4096 (done once nothing is pending), the rate since the step started.
   */
  Optional<CopyProgress> progress(String runId) {
    XdrMonitor.Observation o = last;
    if (o == null) {
      return Optional.empty();
    }
    int total = 4096;
    int done = (int) Math.round(o.recoveredFraction() * total);
    Duration elapsed = Duration.between(started, o.at());
    double rate = elapsed.isZero() || elapsed.isNegative() ? 0 : o.shipped() * 1000.0 / elapsed.toMillis();
    return Optional.of(new CopyProgress(runId, 1, PassKind.FULL, o.shipped(), 0, 0, 0, 0, 0, total, done, 0,
        total - done, rate, 0, null, elapsed, Map.of()));
  }
}
