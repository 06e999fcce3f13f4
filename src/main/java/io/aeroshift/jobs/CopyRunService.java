package io.aeroshift.jobs;

import com.aerospike.client.IAerospikeClient;
import io.aeroshift.transfer.CheckpointStore;
import io.aeroshift.transfer.PartitionCheckpoint;
import io.aeroshift.transfer.TransferSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs copies inside the service: accepts a checked {@link CopyRunSpec}, runs it in the background
 * (one thread per run, the copy engine's own workers below it), keeps it in a {@link CopyRunStore},
 * and answers what a run is doing. Progress of the running step comes from the engine's live
 * counters; finished steps from the store. A ticker samples every active run into its Micrometer
 * meters ({@link CopyRunMetrics}).
 *
 * <p>Restart: a run stored RUNNING or QUEUED when the service starts was interrupted by the
 * service stopping; {@link #resumeInterrupted()} starts it again, and the copy engine resumes from
 * the partitions recorded in the checkpoint store. A STOPPED or FAILED run is resumed on request
 * ({@link #resume}).
 *
 * <p>One active run per target namespace: the store takes the scope's {@code run_lock} row in the
 * transaction that saves a run active and drops it in the one that saves it final, so a second
 * start into the same namespace fails with {@link ScopeBusy} whichever instance or thread tries.
 * Every run has a stall detector: no progress for the stall limit fails it with reason STALLED.
 *
 * <p>No framework in here: {@code CopyRuns} wires it for the service, tests build it directly.
 */
public final class CopyRunService implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CopyRunService.class);

  /** Opens clients to both sides of a run; a failure names the side. */
  public interface Connector {
    Clients open(CopyRunSpec spec);
  }

  /** Records expected in a namespace (or set) of a registered source, 0 when unknown. */
  public interface Estimates {
    long objects(String source, String namespace, String set);
  }

  /** Both clients of a run, closed together. */
  public record Clients(IAerospikeClient source, IAerospikeClient target) implements AutoCloseable {
    @Override
    public void close() {
      try {
        source.close();
      } finally {
        target.close();
      }
    }
  }

  /** A run with what its running step is doing now (empty when no step is running here). */
  public record Observed(CopyRun run, Optional<LiveProgress> live) {}

  private final CopyRunStore store;
  private final CheckpointStore checkpoints;
  private final Connector connector;
  private final Estimates estimates;
  private final TransferSettings settings;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Duration stallLimit;
  private final Map<String, CopyRunner> active = new ConcurrentHashMap<>();
  private final Map<String, CopyRunMetrics> meters = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "copy-run");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "copy-run-metrics");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param settings the copy engine's tuning; the rate limits come from each run
   * @param tick how often active runs are sampled into their meters
   */
  public CopyRunService(CopyRunStore store, CheckpointStore checkpoints, Connector connector, Estimates estimates,
      TransferSettings settings, MeterRegistry registry, Clock clock, Duration tick) {
    this(store, checkpoints, connector, estimates, settings, registry, clock, tick, DEFAULT_STALL_LIMIT);
  }

  /** How long a run may go without progress before it fails STALLED, unless configured otherwise. */
  public static final Duration DEFAULT_STALL_LIMIT = Duration.ofMinutes(10);

  /**
   * @param stallLimit how long a run may make no progress (records, partitions) before it is
   *     halted and fails with reason STALLED; zero disables the detector
   */
  public CopyRunService(CopyRunStore store, CheckpointStore checkpoints, Connector connector, Estimates estimates,
      TransferSettings settings, MeterRegistry registry, Clock clock, Duration tick, Duration stallLimit) {
    this.stallLimit = stallLimit;
    this.store = store;
    this.checkpoints = checkpoints;
    this.connector = connector;
    this.estimates = estimates;
    this.settings = settings;
    this.registry = registry;
    this.clock = clock;
    ticker.scheduleAtFixedRate(this::sampleAll, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stores the run as QUEUED and starts it in the background.
   *
   * @throws ScopeBusy when another copy run is active in the same target namespace (the database
   *     refuses the second; nothing is stored)
   */
  public CopyRun start(CopyRunSpec spec) {
    CopyRun run = store.save(CopyRun.queued(spec));
    launch(run);
    return run;
  }

  /** Starts every run the store holds as active: they were interrupted by a stop of the service. */
  public int resumeInterrupted() {
    int n = 0;
    for (CopyRun run : store.list()) {
      if (run.state().active() && !active.containsKey(run.id())) {
        LOG.infof("copy run %s was %s when the service stopped: resuming from its checkpoints", run.id(), run.state());
        launch(run);
        n++;
      }
    }
    return n;
  }

  /** Resumes a STOPPED or FAILED run from its checkpoints. */
  public CopyRun resume(String id) {
    CopyRun run = get(id);
    synchronized (this) {
      if (!run.state().resumable() || active.containsKey(id)) {
        throw new RunStateConflict("copy run " + id + " is " + run.state() + ": only a STOPPED or FAILED run can be resumed");
      }
      CopyRun queued;
      try {
        queued = store.save(run.requeued());
      } catch (ConcurrentRunChange e) {
        throw new RunStateConflict(e.getMessage());
      }
      launch(queued);
      return queued;
    }
  }

  /** Stops a running run (state STOPPED once its workers have ended); its checkpoints stay. */
  public CopyRun stop(String id) {
    CopyRun run = get(id);
    CopyRunner runner = active.get(id);
    if (runner == null) {
      throw new RunStateConflict("copy run " + id + " is " + run.state() + ", not running");
    }
    runner.stop();
    return get(id);
  }

  /**
   * Ends a running XDR run cleanly (after the drain): XDR is torn down on every source node and
   * the run ends SUCCEEDED. A stop ({@link #stop}) tears it down too but ends STOPPED.
   */
  public CopyRun finishXdr(String id) {
    CopyRun run = get(id);
    CopyRunner runner = active.get(id);
    if (runner == null || !runner.finishXdr()) {
      throw new RunStateConflict("copy run " + id + " is " + run.state() + " " + run.spec().mode()
          + ": only a running XDR run can be finished");
    }
    return get(id);
  }

  /** The XDR statistics of a running XDR run, as last observed on every source node. */
  public Optional<io.aeroshift.transfer.xdr.XdrMonitor.Observation> xdrObservation(String id) {
    CopyRunner runner = active.get(id);
    return runner == null ? Optional.empty() : runner.xdrObservation();
  }

  /** Changes the rate limits of a running run, now and for its later steps. */
  public CopyRun setRateLimits(String id, long recordsPerSecond, long bytesPerSecond) {
    if (recordsPerSecond < 0 || bytesPerSecond < 0) {
      throw new IllegalArgumentException("rate limits must be >= 0 (0 = unlimited)");
    }
    CopyRun run = get(id);
    CopyRunner runner = active.get(id);
    if (runner == null) {
      throw new RunStateConflict("copy run " + id + " is " + run.state() + ": rate limits change only while it runs");
    }
    runner.setRateLimits(recordsPerSecond, bytesPerSecond);
    return get(id);
  }

  public Optional<Observed> find(String id) {
    return store.find(id).map(this::observe);
  }

  /** Every run, newest first. */
  public List<Observed> list() {
    return store.list().stream().map(this::observe).toList();
  }

  /** The partitions of a pass of a run (default: the current or last pass), optionally only those in one state. */
  public List<CopyPartitionView> partitionViews(String id, Integer pass, io.aeroshift.transfer.PartitionState wanted) {
    Observed o = find(id).orElseThrow(() -> new RunNotFound(JobKind.COPY, id));
    return CopyPartitionView.of(o, pass, wanted, n -> checkpoints.partitions(id, n));
  }

  /** The recorded partitions of one engine pass of a run. */
  public Map<Integer, PartitionCheckpoint> partitions(String id, int pass) {
    return checkpoints.partitions(id, pass);
  }

  private Observed observe(CopyRun run) {
    CopyRunner runner = active.get(run.id());
    return new Observed(run, runner == null ? Optional.empty() : runner.live());
  }

  private CopyRun get(String id) {
    return store.find(id).orElseThrow(() -> new RunNotFound(JobKind.COPY, id));
  }

  private void launch(CopyRun run) {
    CopyRunMetrics m = meters.computeIfAbsent(run.id(), k -> new CopyRunMetrics(registry, run.spec()));
    m.started();
    CopyRunner runner = new CopyRunner(run, store, checkpoints, connector, estimates, settings, clock, m, stallLimit,
        () -> active.remove(run.id()));
    active.put(run.id(), runner);
    threads.submit(runner);
  }

  private void sampleAll() {
    for (CopyRunner r : active.values()) {
      try {
        r.sample();
      } catch (RuntimeException e) {
        LOG.debugf("sampling a copy run failed: %s", e.getMessage());
      }
    }
  }

  /**
   * Service shutdown: stops the work of every active run without ending it, so the stored runs
   * stay RUNNING and the next start resumes them from their checkpoints.
   */
  @Override
  public void close() {
    ticker.shutdownNow();
    for (CopyRunner r : active.values()) {
      r.abandon();
    }
    threads.shutdown();
    try {
      threads.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
