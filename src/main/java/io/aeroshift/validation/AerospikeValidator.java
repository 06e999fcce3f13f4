package io.aeroshift.validation;

import com.aerospike.client.Host;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.policy.ClientPolicy;
import io.aeroshift.discovery.AerospikeClients;
import io.aeroshift.discovery.ClusterIdentity;
import io.aeroshift.discovery.ServerVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Validates a namespace between two live clusters with the official client: the count check over
 * info, then the per-partition checksums of both clusters read in parallel, with drill-down. Each
 * cluster gets its own client and its own records-per-second limit.
 */
public final class AerospikeValidator implements AutoCloseable {

  /**
   * How the validator reads.
   *
   * @param parallelPartitions partitions validated at the same time (each reads both clusters)
   * @param socketTimeoutMillis socket idle timeout of each scan
   * @param clientPolicy template for both clients (copied, never modified); null for defaults
   */
  public record Settings(int parallelPartitions, int socketTimeoutMillis, ClientPolicy clientPolicy) {
    public static Settings defaults() {
      return new Settings(Math.max(2, Runtime.getRuntime().availableProcessors() * 2), 30_000, null);
    }
  }

  private final IAerospikeClient sourceClient;
  private final IAerospikeClient targetClient;
  private final ValidationSuite suite;
  private final ValidationEngine engine;
  private final Clock clock;
  private final String sampleNote;

  private AerospikeValidator(
      IAerospikeClient sourceClient, IAerospikeClient targetClient, ValidationSuite suite,
      Settings settings, ValidationResultStore store, String scope, Clock clock) {
    this.sourceClient = sourceClient;
    this.targetClient = targetClient;
    this.suite = suite;
    this.clock = clock;
    DigestSample sample = suite.sample();
    boolean sourceFilters = !sample.isFull() && AerospikePartitionReader.pushesSampleTo(sourceClient);
    boolean targetFilters = !sample.isFull() && AerospikePartitionReader.pushesSampleTo(targetClient);
    this.sampleNote = sampleNote(sample, sourceFilters, targetFilters);
    if (sampleNote != null && !(sourceFilters && targetFilters)) {
      LOG.warn(sampleNote);
    }
    this.engine =
        new ValidationEngine(
            new AerospikePartitionReader(sourceClient, new RecordRateLimiter(suite.recordsPerSecond()),
                settings.socketTimeoutMillis(), sourceFilters ? sample : DigestSample.ALL),
            new AerospikePartitionReader(targetClient, new RecordRateLimiter(suite.recordsPerSecond()),
                settings.socketTimeoutMillis(), targetFilters ? sample : DigestSample.ALL),
            suite, clock, settings.parallelPartitions(), store, scope);
  }

  private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AerospikeValidator.class);

  static String sampleNote(DigestSample sample, boolean sourceFilters, boolean targetFilters) {
    if (sample.isFull()) {
      return null;
    }
    String rate = String.format(java.util.Locale.ROOT, "%.2f%%", sample.rate() * 100);
    if (sourceFilters && targetFilters) {
      return "sample " + rate + " read on the servers (digestModulo filter): only the sample crosses the network";
    }
    String old = !sourceFilters && !targetFilters ? "source and target" : !sourceFilters ? "source" : "target";
    return "sample " + rate + " taken on the client for the " + old + ": a node there runs a server older than "
        + ServerVersion.FILTER_EXPRESSIONS + " (or its build is unknown), which has no digestModulo "
        + "filter, so every record of that cluster is read and only the sample is compared";
  }

  /**
   * Where the suite's sample is taken (on the servers, or on the client for a cluster whose servers
   * cannot filter on digestModulo); null when the suite reads every record.
   */
  public String sampleNote() {
    return sampleNote;
  }

  /** Connects to both clusters; fails (and connects nothing) if either is unreachable. */
  public static AerospikeValidator connect(
      List<Host> source, List<Host> target, ValidationSuite suite, Settings settings,
      ValidationResultStore store, String scope) {
    return connect(source, settings.clientPolicy(), target, settings.clientPolicy(), suite, settings, store, scope);
  }

  /**
   * Connects with a policy per cluster (each side has its own user and TLS); null policies mean
   * defaults. Fails with the client's {@link com.aerospike.client.AerospikeException} of the side
   * that could not be reached, and connects nothing. {@link #validate} refuses a source and target
   * that are one cluster (409 SAME_CLUSTER, {@link io.aeroshift.discovery.ClusterIdentity#requireDistinct}).
   */
  public static AerospikeValidator connect(
      List<Host> source, ClientPolicy sourcePolicy, List<Host> target, ClientPolicy targetPolicy,
      ValidationSuite suite, Settings settings, ValidationResultStore store, String scope) {
    IAerospikeClient s = AerospikeClients.connect(policy(sourcePolicy, settings), source);
    IAerospikeClient t;
    try {
      t = AerospikeClients.connect(policy(targetPolicy, settings), target);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return new AerospikeValidator(s, t, suite, settings, store, scope, Clock.systemUTC());
  }

  private static ClientPolicy policy(ClientPolicy template, Settings settings) {
    // each partition in flight reads on both sides with a scan and, on a mismatch, a digest listing
    return AerospikeClients.forCommandsInFlight(template, settings.parallelPartitions() * 2);
  }

  /** True when the source cluster serves {@code namespace}. */
  public boolean sourceHasNamespace(String namespace) {
    return hasNamespace(sourceClient, namespace);
  }

  /** True when the target cluster serves {@code namespace}. */
  public boolean targetHasNamespace(String namespace) {
    return hasNamespace(targetClient, namespace);
  }

  /** True when some node of the cluster serves {@code namespace} (info {@code namespaces}). */
  public static boolean hasNamespace(IAerospikeClient client, String namespace) {
    return io.aeroshift.transfer.AerospikeRecordSource.servesNamespace(client, namespace);
  }


  public ValidationSuite suite() {
    return suite;
  }

  /** Validates the given partitions (see {@link ValidationEngine#allPartitions()}) with this cut-off. */
  public ValidationResult validate(String namespace, Instant cutoff, Collection<Integer> partitions) {
    return validate(java.util.UUID.randomUUID().toString(), namespace, cutoff, partitions);
  }

  /** As {@link #validate(String, Instant, Collection)}, under a run id chosen by the caller. */
  public ValidationResult validate(String runId, String namespace, Instant cutoff, Collection<Integer> partitions) {
    // a cluster compared with itself always matches: such a pass must never become evidence
    ClusterIdentity.requireDistinct(sourceClient, targetClient, namespace);
    java.util.Optional<String> skewed = SourceClocks.ahead(sourceClient, namespace, clock.instant());
    if (skewed.isPresent()) {
      return ValidationResult.failed(runId, namespace, suite, clock.instant(), skewed.get());
    }
    List<CountCheck.CountFinding> counts = List.of();
    String failure = null;
    if (suite.countCheck()) {
      try {
        counts =
            CountCheck.compare(
                AerospikeCountReader.read(sourceClient, namespace),
                AerospikeCountReader.read(targetClient, namespace),
                suite.countTolerancePercent());
      } catch (RuntimeException e) {
        failure = "count check failed: " + e.getMessage();
      }
    }
    if (!suite.checksumCheck()) {
      Instant now = clock.instant();
      return new ValidationResult(
          runId, namespace, suite.name(), now, now, cutoff,
          suite.sample().rate(), suite.compareBins(), false, List.of(), counts, failure);
    }
    ValidationResult r = engine.validate(runId, namespace, cutoff, partitions, counts);
    if (failure != null) {
      r = new ValidationResult(
          r.runId(), r.namespace(), r.suite(), r.startedAt(), r.finishedAt(), r.cutoff(), r.sampleRate(),
          r.compareBins(), r.finalEvidence(), r.partitions(), r.counts(), failure, r.hash());
    }
    return r;
  }

  /** Re-checks the pending and unvalidated partitions of a previous run with a new cut-off. */
  public ValidationResult recheck(ValidationResult previous, Instant cutoff) {
    java.util.Optional<String> skewed =
        SourceClocks.ahead(sourceClient, previous.namespace(), clock.instant());
    if (skewed.isPresent()) {
      return ValidationResult.failed(previous.runId(), previous.namespace(), suite, clock.instant(), skewed.get());
    }
    return engine.recheck(previous, cutoff);
  }

  /** Records read so far on either side, for the progress of a run. */
  public long recordsRead() {
    return engine.recordsRead();
  }

  @Override
  public void close() {
    engine.close();
    sourceClient.close();
    targetClient.close();
  }
}
