package io.aeroshift.backup;

import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import io.aeroshift.transfer.AerospikeRecordSource;
import io.aeroshift.transfer.CopyEngine;
import io.aeroshift.transfer.CopyProgress;
import io.aeroshift.transfer.InMemoryCheckpointStore;
import io.aeroshift.transfer.PassSummary;
import io.aeroshift.transfer.RateLimiter;
import io.aeroshift.transfer.TransferPolicies;
import io.aeroshift.transfer.TransferSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
   * Stops the running scan abruptly (see {@link CopyEngine#stop()}); the result of {@link #run}
   * is then incomplete. A stop before the scan started stops it as soon as it starts.
   */
  public void stop() {
    stopped = true;
    CopyEngine e = engine;
    if (e != null) {
      e.stop();
    }
  }

  public Result run(Options o, long estimatedRecords, Consumer<String> log) throws IOException {
    List<AsbSecondaryIndex> indexes = o.includeIndexes() ? indexes(o.namespace(), o.set())
        : List.of();
    List<AsbUdf> udfs = o.includeUdfs() ? udfs() : List.of();
    log.accept("backup of " + o.namespace() + " to " + o.dir() + " (" + o.codec().describe()
        + "): " + indexes.size() + " secondary indexes, " + udfs.size() + " UDF modules");
    AsbBackupDirectory dir = new AsbBackupDirectory(o.dir(), o.namespace(), null,
        o.fileLimitBytes(), o.codec(), o.compact(), indexes, udfs);
    TransferPolicies policies = new TransferPolicies(o.settings());
    AerospikeRecordSource source = new AerospikeRecordSource(client, policies);
    CopyEngine e = new CopyEngine("backup-" + clock.millis(), source, source,
        new AsbFileSink(dir), new InMemoryCheckpointStore(), o.settings(), clock);
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
        dir.close();
      } catch (IOException ex) {
        failure = ex.getMessage();
      }
    }
    if (failure == null && !pass.complete()) {
      failure = pass.failures().size() + " partition(s) failed, first: "
          + (pass.failures().isEmpty() ? "stopped" : pass.failures().values().iterator().next());
    }
    return new Result(pass, dir.files(), dir.recordsWritten(), failure);
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
