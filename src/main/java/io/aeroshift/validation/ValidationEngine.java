package io.aeroshift.validation;

import io.aeroshift.transfer.RecordImage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Validates partitions of one namespace between a source and a target reader: per-partition
 * checksums of both sides read in parallel, and a record-level drill-down of the partitions whose
 * checksums differ. Independent of how the clusters are read.
 *
 * <p>Per partition: read the source (records written after the cut-off reported apart) and the
 * target at the same time, hash every sampled record, leave out by digest what the {@link
 * LeaveOutRule} says, and compare the two {@link PartitionChecksum}s. Equal: MATCH. Different: read
 * both again in full and diff them ({@link PartitionDiffer}); no difference left (an expiry bucket
 * boundary, a live write that settled): MATCH; differences on a first look: PENDING_RECHECK (when
 * the suite says so), otherwise MISMATCH. Any read that fails: UNVALIDATED with the reason.
 */
public final class ValidationEngine implements AutoCloseable {

  private final PartitionReader source;
  private final PartitionReader target;
  private final ValidationSuite suite;
  private final Clock clock;
  private final ValidationResultStore store;
  private final String scope;
  private final ExecutorService partitionPool;
  private final ExecutorService targetPool;
  private final ThreadLocal<RecordHasher> hashers;
  private final PartitionDiffer differ;

  public ValidationEngine(
      PartitionReader source,
      PartitionReader target,
      ValidationSuite suite,
      Clock clock,
      int parallelPartitions,
      ValidationResultStore store,
      String scope) {
    if (parallelPartitions < 1) {
      throw new IllegalArgumentException("parallel partitions must be >= 1, was " + parallelPartitions);
    }
    this.source = source;
    this.target = target;
    this.suite = suite;
    this.clock = clock;
    this.store = store;
    this.scope = scope;
    this.partitionPool = Executors.newFixedThreadPool(parallelPartitions, daemon("validate-source"));
    this.targetPool = Executors.newFixedThreadPool(parallelPartitions, daemon("validate-target"));
    ComparisonRules rules = suite.rules();
    this.hashers = ThreadLocal.withInitial(() -> new RecordHasher(rules));
    this.differ = new PartitionDiffer(rules, suite.sample(), suite.maxListedRecords());
  }

  /** Every partition of the namespace. */
  public static List<Integer> allPartitions() {
    return IntStream.range(0, Digests.PARTITIONS).boxed().toList();
  }

  /**
   * Validates the given partitions.
   *
   * @param cutoff the live-write cut-off: source records written after it are left out
   * @param counts the count check's findings, read by the caller (empty to skip)
   */
  public ValidationResult validate(
      String namespace, Instant cutoff, Collection<Integer> partitions, List<CountCheck.CountFinding> counts) {
    String runId = UUID.randomUUID().toString();
    Instant started = clock.instant();
    Map<Integer, PartitionStatus> previous = new HashMap<>();
    List<PartitionResult> results = checkAll(runId, namespace, cutoff, partitions, 0, previous);
    ValidationResult result =
        new ValidationResult(
            runId, namespace, suite.name(), started, clock.instant(), cutoff, suite.sample().rate(),
            suite.compareBins(), suite.finalEvidence(), results, counts, null);
    store.runFinished(scope, result);
    return result;
  }

  /**
   * Re-checks the partitions of a previous run that are PENDING_RECHECK or UNVALIDATED, with a new
   * cut-off (taken after the catch-up pass that should have carried the missing writes). A partition
   * that still differs after being pending becomes MISMATCH.
   */
  public ValidationResult recheck(ValidationResult previous, Instant newCutoff) {
    Map<Integer, PartitionStatus> before = new HashMap<>();
    Map<Integer, Integer> attempts = new HashMap<>();
    List<PartitionResult> kept = new ArrayList<>();
    List<Integer> again = new ArrayList<>();
    for (PartitionResult p : previous.partitions()) {
      if (p.status() == PartitionStatus.PENDING_RECHECK || p.status() == PartitionStatus.UNVALIDATED) {
        again.add(p.partitionId());
        before.put(p.partitionId(), p.status());
        attempts.put(p.partitionId(), p.attempt() + 1);
      } else {
        kept.add(p);
      }
    }
    List<PartitionResult> fresh =
        checkAll(previous.runId(), previous.namespace(), newCutoff, again, -1, before, attempts);
    kept.addAll(fresh);
    ValidationResult result = previous.withPartitions(kept, clock.instant(), newCutoff);
    store.runFinished(scope, result);
    return result;
  }

  private List<PartitionResult> checkAll(
      String runId, String ns, Instant cutoff, Collection<Integer> partitions, int attempt,
      Map<Integer, PartitionStatus> previous) {
    return checkAll(runId, ns, cutoff, partitions, attempt, previous, Map.of());
  }

  private List<PartitionResult> checkAll(
      String runId, String ns, Instant cutoff, Collection<Integer> partitions, int attempt,
      Map<Integer, PartitionStatus> previous, Map<Integer, Integer> attempts) {
    List<Future<PartitionResult>> futures = new ArrayList<>(partitions.size());
    for (int p : partitions) {
      if (p < 0 || p >= Digests.PARTITIONS) {
        throw new IllegalArgumentException("partition id must be 0..4095, was " + p);
      }
      int a = attempts.getOrDefault(p, Math.max(attempt, 0));
      boolean wasPending = previous.get(p) == PartitionStatus.PENDING_RECHECK;
      futures.add(partitionPool.submit(() -> checkAndStore(runId, ns, p, cutoff, a, wasPending)));
    }
    List<PartitionResult> out = new ArrayList<>(futures.size());
    for (int i = 0; i < futures.size(); i++) {
      out.add(await(futures.get(i)));
    }
    return out;
  }

  private PartitionResult checkAndStore(
      String runId, String ns, int p, Instant cutoff, int attempt, boolean wasPending) {
    PartitionResult r;
    try {
      r = check(ns, p, cutoff, attempt, wasPending);
    } catch (RuntimeException e) {
      // A bug or an unexpected client failure must never turn into a pass.
      r = PartitionResult.unvalidated(p, "error: " + e, clock.instant(), attempt);
    }
    store.partitionChecked(scope, runId, r);
    return r;
  }

  /** Validates one partition. */
  PartitionResult check(String ns, int p, Instant cutoff, int attempt, boolean wasPending) {
    Instant at = clock.instant();
    long cutoffNanos = cutoff.getEpochSecond() * 1_000_000_000L + cutoff.getNano();
    HashedSide src;
    HashedSide tgt;
    try {
      Future<HashedSide> t = targetPool.submit(() -> readHashes(target, ns, p, 0));
      src = sourceSide(() -> readHashes(source, ns, p, cutoffNanos), t);
      tgt = awaitSide(t);
    } catch (PartitionReader.PartitionUnreadableException e) {
      return PartitionResult.unvalidated(p, e.getMessage(), at, attempt);
    }
    LeaveOutRule rule = new LeaveOutRule(src.changed, expiresBefore());
    PartitionChecksum.Accumulator s = new PartitionChecksum.Accumulator();
    PartitionChecksum.Accumulator t = new PartitionChecksum.Accumulator();
    Map<LeftOutReason, Long> leftOut = new EnumMap<>(LeftOutReason.class);
    Set<Digests.Key> all = new HashSet<>(src.hashes.keySet());
    all.addAll(tgt.hashes.keySet());
    all.addAll(src.changed);
    for (Digests.Key d : all) {
      Hashed sh = src.hashes.get(d);
      Hashed th = tgt.hashes.get(d);
      LeftOutReason reason = rule.reason(d, sh == null ? -1 : sh.voidTime, th == null ? -1 : th.voidTime);
      if (reason != null) {
        leftOut.merge(reason, 1L, Long::sum);
        continue;
      }
      if (sh != null) {
        s.add(sh.hash);
      }
      if (th != null) {
        t.add(th.hash);
      }
    }
    PartitionChecksum sc = s.toChecksum();
    PartitionChecksum tc = t.toChecksum();
    if (sc.equals(tc)) {
      return new PartitionResult(p, PartitionStatus.MATCH, null, at, attempt, sc, tc, null, leftOut);
    }
    return drillDown(ns, p, cutoffNanos, attempt, wasPending, at, src.changed, sc, tc);
  }

  private PartitionResult drillDown(
      String ns, int p, long cutoffNanos, int attempt, boolean wasPending, Instant at,
      Set<Digests.Key> changedBefore, PartitionChecksum sc, PartitionChecksum tc) {
    FullSide src;
    FullSide tgt;
    try {
      Future<FullSide> t = targetPool.submit(() -> readFull(target, ns, p, 0));
      src = sourceSide(() -> readFull(source, ns, p, cutoffNanos), t);
      tgt = awaitSide(t);
    } catch (PartitionReader.PartitionUnreadableException e) {
      return PartitionResult.unvalidated(p, "drill-down: " + e.getMessage(), at, attempt);
    }
    Set<Digests.Key> changed = new HashSet<>(changedBefore);
    changed.addAll(src.changed);
    PartitionDiff diff = differ.diff(src.records, tgt.records, new LeaveOutRule(changed, expiresBefore()));
    PartitionStatus status;
    if (!diff.hasDifferences()) {
      status = PartitionStatus.MATCH;
    } else if (suite.recheckBeforeFail() && !wasPending) {
      status = PartitionStatus.PENDING_RECHECK;
    } else {
      status = PartitionStatus.MISMATCH;
    }
    return new PartitionResult(p, status, null, at, attempt, sc, tc, diff, diff.leftOut());
  }

  /** Void time (2010 epoch) before which an expiring record is left out; 0 = rule off. */
  private long expiresBefore() {
    if (suite.expiryMarginSeconds() <= 0) {
      return 0;
    }
    return clock.instant().getEpochSecond()
        - RecordImage.CITRUSLEAF_EPOCH_SECONDS
        + suite.expiryMarginSeconds();
  }

  private record Hashed(byte[] hash, long voidTime) {}

  private static final class HashedSide {
    final Map<Digests.Key, Hashed> hashes = new HashMap<>();
    final Set<Digests.Key> changed = new HashSet<>();
  }

  private static final class FullSide {
    final List<RecordImage> records = new ArrayList<>();
    final Set<Digests.Key> changed = new HashSet<>();
  }

  private HashedSide readHashes(PartitionReader reader, String ns, int p, long cutoffNanos)
      throws PartitionReader.PartitionUnreadableException {
    HashedSide side = new HashedSide();
    DigestSample sample = suite.sample();
    RecordHasher hasher = hashers.get();
    reader.read(
        ns,
        p,
        cutoffNanos,
        suite.compareBins(),
        new PartitionReader.Sink() {
          @Override
          public void record(RecordImage r) {
            if (sample.includes(r.digest())) {
              side.hashes.put(
                  Digests.key(r.digest()),
                  new Hashed(hasher.hash(r), Integer.toUnsignedLong(r.voidTime())));
            }
          }

          @Override
          public void changedAfterCutoff(byte[] digest) {
            if (sample.includes(digest)) {
              side.changed.add(Digests.key(digest));
            }
          }
        });
    return side;
  }

  private FullSide readFull(PartitionReader reader, String ns, int p, long cutoffNanos)
      throws PartitionReader.PartitionUnreadableException {
    FullSide side = new FullSide();
    DigestSample sample = suite.sample();
    reader.read(
        ns,
        p,
        cutoffNanos,
        suite.compareBins(),
        new PartitionReader.Sink() {
          @Override
          public void record(RecordImage r) {
            if (sample.includes(r.digest())) {
              side.records.add(r);
            }
          }

          @Override
          public void changedAfterCutoff(byte[] digest) {
            if (sample.includes(digest)) {
              side.changed.add(Digests.key(digest));
            }
          }
        });
    return side;
  }

  private interface SideRead<T> {
    T read() throws PartitionReader.PartitionUnreadableException;
  }

  /** Reads the source side; on failure the target read of the same partition is abandoned. */
  private static <T> T sourceSide(SideRead<T> read, Future<?> targetRead)
      throws PartitionReader.PartitionUnreadableException {
    try {
      return read.read();
    } catch (PartitionReader.PartitionUnreadableException e) {
      targetRead.cancel(true);
      throw new PartitionReader.PartitionUnreadableException("source: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      targetRead.cancel(true);
      throw new PartitionReader.PartitionUnreadableException("source: error: " + e, e);
    }
  }

  private static <T> T awaitSide(Future<T> f) throws PartitionReader.PartitionUnreadableException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PartitionReader.PartitionUnreadableException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof PartitionReader.PartitionUnreadableException pu) {
        throw new PartitionReader.PartitionUnreadableException("target: " + pu.getMessage(), pu);
      }
      throw new PartitionReader.PartitionUnreadableException("target: error: " + c, c);
    }
  }

  private static PartitionResult await(Future<PartitionResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("validation interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("validation task failed", e.getCause());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    partitionPool.shutdownNow();
    targetPool.shutdownNow();
  }
}
