package io.aeroshift.jobs;

import com.aerospike.client.IAerospikeClient;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.CopyMode;
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
 * <p>Leases and restart: the runner working on an active run holds its lease in the store
 * ({@link RunLeasing}) and renews it while the run works here; at shutdown it gives its leases up.
 * A run stored RUNNING or QUEUED whose lease is free or has run out has nobody working on it (its
 * service stopped or died); {@link #resumeInterrupted()} takes it over and starts it again, and the
 * copy engine resumes from the partitions recorded in the checkpoint store. A run another live
 * replica works on is never taken: its lease is still running. A STOPPED or FAILED run is resumed
 * on request ({@link #resume}).
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
    long renew = store.leases().leaseTerms().renewEvery().toMillis();
    ticker.scheduleAtFixedRate(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
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

  /**
   * Takes over and starts every run the store holds as active whose lease is free or has run out:
   * nobody works on it (its service stopped or died, or its runner ended without saving an end).
   * A run another live runner holds is left to it. Runs a migration owns are left to its
   * reconciler ({@link #ensure}), which resumes them under the migration's lease with the
   * migration's connections.
   */
  public int resumeInterrupted() {
    return resumeInterrupted(false);
  }

  /**
   * As {@link #resumeInterrupted()}; with {@code evenIfLeased} also the runs whose lease has not run
   * out yet: for a start on a state store no other process can open, where every lease found was
   * held by a process that is gone.
   */
  public synchronized int resumeInterrupted(boolean evenIfLeased) {
    int n = 0;
    for (CopyRun run : store.takeOver(r -> r.spec().migration() == null, evenIfLeased)) {
      if (!active.containsKey(run.id())) {
        LOG.infof("copy run %s is %s and nobody works on it: resuming it here from its checkpoints", run.id(),
            run.state());
        launch(run);
        n++;
      }
    }
    return n;
  }

  /**
   * Looks for runs to take over as often as it renews its leases ({@link #resumeInterrupted()}), so
   * the runs of a replica that died are resumed by another once their leases have run out.
   */
  public void takeOverEvery() {
    Duration period = store.leases().leaseTerms().renewEvery();
    ticker.scheduleWithFixedDelay(() -> {
      try {
        resumeInterrupted(false);
      } catch (RuntimeException e) {
        LOG.warnf("looking for copy runs to take over failed: %s; trying again in %s", e.getMessage(), period);
      }
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the run of {@code spec} under its id unless that is already done: a run unknown to the
   * store is stored and started; one stored active that does not run here (its service stopped or
   * died; the caller holds the lease that makes it the run's only owner) or STOPPED is resumed here
   * from its checkpoints; one running here, SUCCEEDED or FAILED is left as it is (a failed run is
   * resumed only on request). Returns the run as stored.
   *
   * @throws ScopeBusy when a new run's target namespace has another active copy run
   */
  public synchronized CopyRun ensure(CopyRunSpec spec) {
    Optional<CopyRun> stored = store.find(spec.id());
    if (stored.isEmpty()) {
      return start(spec);
    }
    CopyRun run = stored.get();
    if (active.containsKey(run.id())) {
      return run;
    }
    if (run.state().active()) {
      LOG.infof("copy run %s is %s but runs nowhere: resuming it here from its checkpoints", run.id(), run.state());
      store.leases().lease(run.id());
      launch(run);
      return run;
    }
    return run.state() == CopyRunState.STOPPED ? resume(run.id()) : run;
  }

  /** True when the run's work runs in this service now. */
  public boolean runsHere(String id) {
    return active.containsKey(id);
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
   * Stops the run for the reconciler of the migration that owns it, wherever the run was left: one
   * running here is stopped as by {@link #stop}; one stored active that works nowhere here (its
   * runner's process stopped or died, or lost the migration to this one) is saved STOPPED under a
   * lease taken from whoever held it, which releases its {@code run_lock} and makes a runner that
   * may still work on it stop at its next save or renewal. An XDR run is left to a runner that
   * resumes it (only a runner tears XDR down on the source); a final run is left as it is.
   */
  public synchronized CopyRun stopForOwner(String id) {
    CopyRun run = get(id);
    if (active.containsKey(id)) {
      return stop(id);
    }
    if (!run.state().active() || run.spec().mode() == CopyMode.XDR) {
      return run;
    }
    store.leases().lease(id);
    Failure why = Failure.of(FailureReason.STOPPED, "stopped by its migration while no runner worked on it",
        clock.instant());
    CopyRun stopped = store.save(get(id).ended(CopyRunState.STOPPED, why, clock.instant()));
    LOG.infof("copy run %s: stopped by its migration while no runner worked on it", id);
    return stopped;
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

  /**
   * The client a running XDR run holds to the source: the drain counts its connections as the
   * service's own, not as a residual writer's.
   */
  public Optional<com.aerospike.client.IAerospikeClient> xdrSourceClient(String id) {
    CopyRunner runner = active.get(id);
    return runner == null ? Optional.empty() : runner.xdrSourceClient();
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
    return CopyPartitionView.of(o, pass, wanted, n -> checkpoints.partitions(o.run().spec().checkpointScope(), n));
  }

  /** The recorded partitions of one engine pass of a run. */
  public Map<Integer, PartitionCheckpoint> partitions(String id, int pass) {
    return checkpoints.partitions(get(id).spec().checkpointScope(), pass);
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

  /**
   * Heartbeat: extends the leases of the runs working here. A run whose lease this runner no longer
   * holds was taken over (this process did not renew in time) or ended by another (a migration's
   * reconciler stopped it): its work here stops, unsaved. (One that just saved its own end is
   * already done: stopping it changes nothing.)
   */
  private void renewLeases() {
    try {
      for (String id : store.leases().renewLeases(List.copyOf(active.keySet()))) {
        CopyRunner r = active.get(id);
        if (r != null) {
          LOG.infof("copy run %s: this runner no longer holds its lease (taken over, or ended meanwhile); its work"
              + " here stops", id);
          r.abandon();
        }
      }
    } catch (RuntimeException e) {
      LOG.warnf("renewing the leases of copy runs failed: %s", e.getMessage());
    }
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
    // taken before the runs are halted: a run that ends meanwhile leaves the active map, and its
    // lease would otherwise stay until it ran out, delaying the next start's resume by the lease
    List<String> leased = List.copyOf(active.keySet());
    for (CopyRunner r : active.values()) {
      r.abandon();
    }
    threads.shutdown();
    try {
      threads.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      store.leases().releaseLeases(leased); // the next start (here or another replica) resumes them at once
    } catch (RuntimeException e) {
      LOG.warnf("releasing the leases of copy runs failed (taken over once they run out): %s", e.getMessage());
    }
  }
}
