package io.aeroshift.backup;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aeroshift.transfer.AerospikeRecordSource;
import io.aeroshift.transfer.CopyEngine;
import io.aeroshift.transfer.CopyProgress;
import io.aeroshift.transfer.InMemoryCheckpointStore;
import io.aeroshift.transfer.PartitionCheckpoint;
import io.aeroshift.transfer.PartitionState;
import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.transfer.PassKind;
import io.aeroshift.transfer.PassRecord;
import io.aeroshift.transfer.PassSummary;
import io.aeroshift.transfer.ProgressListener;
import io.aeroshift.transfer.RateLimiter;
import io.aeroshift.transfer.TransferPolicies;
import io.aeroshift.transfer.TransferSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Backs a namespace up into an asbackup directory with the copy engine: its partition scheduler,
 * per-node scan limits, cursors and scan retries, and its rate limiter, with {@link AsbFileSink}
 * as the target. Secondary index definitions and UDF modules go into file 00000.
 */
public final class AerospikeBackup {

  /** What to back up and how. */
  public record Options(
      String namespace,
      String set,
      Path dir,
      AsbCodec codec,
      boolean compact,
      long fileLimitBytes,
      boolean includeIndexes,
      boolean includeUdfs,
      TransferSettings settings) {}

  /** The outcome: complete only when every partition was scanned and every file closed. */
  public record Result(PassSummary pass, List<Path> files, long records, String failure) {
    public boolean complete() {
      return failure == null && pass != null && pass.complete();
    }
  }

  private final IAerospikeClient client;
  private final Clock clock;
  private volatile CopyEngine engine;
  private final AtomicInteger partitionsDone = new AtomicInteger();
  private volatile int crashAfterPartitions = -1;
  private volatile boolean crashed;
  private volatile boolean stopped;

  public AerospikeBackup(IAerospikeClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Progress of the running scan pass. */
  public Optional<CopyProgress> progress() {
    CopyEngine e = engine;
    return e == null ? Optional.empty() : e.progress();
  }

  /** The running scan's rate limiter (changeable while running), once the scan has started. */
  public Optional<RateLimiter> rateLimiter() {
    CopyEngine e = engine;
    return e == null ? Optional.empty() : Optional.of(e.rateLimiter());
  }

  /**
   * Stops the running backup (see {@link CopyEngine#stop()}); the result of {@link #run} is then
   * incomplete, finished files and the state stay and a rerun resumes. A stop before the scan
   * started stops it as soon as it starts.
   */
  public void stop() {
    stopped = true;
    CopyEngine e = engine;
    if (e != null) {
      e.stop();
    }
  }

  /**
   * Runs the backup, or resumes it when {@code o.dir()} holds the state of a backup started with
   * the same options ({@link BackupState}): partitions in finished files are not scanned again,
   * a partition cut off by the kill continues after its last record in a finished file, and the
   * unfinished {@code .part} files of the killed run are deleted. A directory whose state was
   * written with other options is refused, naming the option, and left unchanged.
   */
  public Result run(Options o, long estimatedRecords, Consumer<String> log) throws IOException {
    BackupState.Settings wanted = new BackupState.Settings(o.namespace(), o.set(), o.namespace(),
        o.codec().compression(), o.codec().encryption(), o.compact());
    BackupState state = resumable(o, wanted);
    boolean resumed = state.loaded();
    List<AsbSecondaryIndex> indexes = o.includeIndexes() && !state.hasFirstFile()
        ? indexes(o.namespace(), o.set()) : List.of();
    List<AsbUdf> udfs = o.includeUdfs() && !state.hasFirstFile() ? udfs() : List.of();
    if (resumed) {
      long done = state.partitions().values().stream()
          .filter(BackupState.PartitionProgress::done).count();
      log.accept("resuming backup of " + o.namespace() + " in " + o.dir() + ": " + done
          + " of " + PartitionIds.COUNT + " partitions and " + state.records() + " records already in "
          + state.files().size() + " finished files"
          + (state.hasFirstFile() ? "" : "; the first file is written again"));
    } else {
      log.accept("backup of " + o.namespace() + " to " + o.dir() + " (" + o.codec().describe()
          + "): " + indexes.size() + " secondary indexes, " + udfs.size() + " UDF modules");
    }
    AsbBackupDirectory dir = new AsbBackupDirectory(o.dir(), null, o.fileLimitBytes(),
        o.codec(), indexes, udfs, state);
    TransferPolicies policies = new TransferPolicies(o.settings());
    AerospikeRecordSource source = new AerospikeRecordSource(client, policies);
    String id = "backup-" + clock.millis();
    InMemoryCheckpointStore checkpoints = seeded(id, o, state);
    CopyEngine e = new CopyEngine(id, source, source, new AsbFileSink(dir), checkpoints,
        o.settings(), clock);
    e.addListener(new ProgressListener() {
      @Override
      public void partitionFinished(PartitionCheckpoint cp) {
        if (cp.state() == PartitionState.DONE) {
          dir.partitionDone(cp.partition());
          int n = partitionsDone.incrementAndGet();
          if (n == crashAfterPartitions) {
            crashed = true;
            e.stop();
          }
        }
      }
    });
    engine = e;
    if (stopped) {
      e.stop();
    }
    PassSummary pass = null;
    String failure = null;
    try {
      pass = e.fullCopy(o.namespace(), o.set(), estimatedRecords);
    } finally {
      try {
        if (crashed) {
          dir.abandon();
          failure = "killed by the test hook after " + crashAfterPartitions + " partitions";
        } else {
          dir.close();
        }
      } catch (IOException ex) {
        failure = ex.getMessage();
      }
    }
    if (failure == null && !pass.complete()) {
      failure = pass.failures().size() + " partition(s) failed, first: "
          + (pass.failures().isEmpty() ? "stopped" : pass.failures().values().iterator().next());
    }
    if (failure == null) {
      state.markComplete();
    }
    return new Result(pass, dir.files(), state.records(), failure);
  }

  /**
   * Test hook: after {@code n} partitions are done the engine is stopped and the open files are
   * left unfinished, as a killed process leaves them.
   */
  void crashAfterPartitions(int n) {
    this.crashAfterPartitions = n;
  }

  /** The state to continue, after checking it belongs to a backup with these options. */
  private static BackupState resumable(Options o, BackupState.Settings wanted)
      throws IOException {
    Optional<BackupState> found = BackupState.load(o.dir());
    if (found.isEmpty()) {
      return BackupState.fresh(o.dir(), wanted);
    }
    BackupState state = found.get();
    String difference = state.settings().difference(wanted);
    if (difference != null) {
      throw new IOException("backup directory " + o.dir() + " already holds backup files of a"
          + " backup started with " + difference + "; rerun with the same options to resume it,"
          + " or use another directory");
    }
    if (!state.files().isEmpty()) {
      // a wrong key would leave files no single restore can read: check it on a finished file
      Path first = o.dir().resolve(state.files().get(0).name());
      if (Files.exists(first)) {
        try (InputStream in = o.codec().wrapInput(Files.newInputStream(first),
            first.getFileName().toString())) {
          in.read();
        }
      }
    }
    return state;
  }

  /** Engine checkpoints from the state: done partitions skipped, cut ones resumed after a digest. */
  private InMemoryCheckpointStore seeded(String id, Options o, BackupState state) {
    InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    if (!state.loaded()) {
      return store;
    }
    Instant now = clock.instant();
    store.savePass(new PassRecord(id, 1, PassKind.FULL, o.namespace(), o.set(), 0, now, null));
    for (BackupState.PartitionProgress p : state.partitions().values()) {
      store.save(new PartitionCheckpoint(id, 1, p.partition(),
          p.done() ? PartitionState.DONE : PartitionState.IN_PROGRESS,
          p.done() ? null : p.lastDigest(), p.records(), 0, 0, 0, 0, 0, null, now));
    }
    return store;
  }

  /** {@code sindex-list} of the namespace, as asbackup reads it. */
  List<AsbSecondaryIndex> indexes(String namespace, String set) {
    Node node = client.getCluster().getRandomNode();
    String answer = Info.request(null, node, "sindex-list:ns=" + namespace + ";b64=true");
    return SindexList.parse(answer, namespace, set);
  }

  /** Every registered UDF module with its source ({@code udf-list}, then {@code udf-get}). */
  List<AsbUdf> udfs() {
    Node node = client.getCluster().getRandomNode();
    String list = Info.request(null, node, "udf-list");
    List<AsbUdf> out = new ArrayList<>();
    if (list == null || list.isBlank()) {
      return out;
    }
    for (String entry : list.split(";")) {
      String name = SindexList.field(entry, "filename");
      if (name == null || name.isBlank()) {
        continue;
      }
      String got = Info.request(null, node, "udf-get:filename=" + name);
      String content = got == null ? null : SindexList.field(got, "content");
      if (content == null) {
        throw new IllegalStateException("cannot read UDF module " + name + " from the source"
            + " (udf-get answered '" + got + "')");
      }
      out.add(new AsbUdf(name, Base64.getDecoder().decode(content)));
    }
    return out;
  }

}
