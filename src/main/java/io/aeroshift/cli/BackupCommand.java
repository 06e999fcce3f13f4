package io.aeroshift.cli;

import com.aerospike.client.IAerospikeClient;
import io.aeroshift.backup.AerospikeBackup;
import io.aeroshift.transfer.CopyProgress;
import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.transfer.TransferSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/aeroshift backup}: a namespace into an asbackup directory asrestore can read.
 * Progress every second; exit 0 only when every partition was backed up and every file closed.
 */
public final class BackupCommand implements Subcommand {

  @Override
  public String name() {
    return "backup";
  }

  @Override
  public String usage() {
    return BackupArgs.BACKUP_USAGE;
  }

  @Override
  public String summary() {
    return "--source H:P[,..] --namespace NS --dir D [--compress zstd|gzip] [--encrypt"
        + " aes128|aes256 --key-file PEM]  asbackup-format backup";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    BackupArgs a;
    try {
      a = BackupArgs.parse(args, false);
    } catch (IllegalArgumentException | IOException e) {
      err.println("aeroshift backup: " + e.getMessage());
      err.println(BackupArgs.BACKUP_USAGE);
      return 2;
    }
    try (IAerospikeClient client = CommandLineClients.connect("backup", "", a.hosts(), 2 * a.parallel(), err)) {
      if (client == null) {
        return 1;
      }
      return backup(a, client, out, err);
    }
  }

  static int backup(BackupArgs a, IAerospikeClient client, PrintStream out, PrintStream err) {
    TransferSettings settings = TransferSettings.defaults()
        .withConcurrency(4, a.parallel(), a.parallel())
        .withRecordsPerSecond(a.recordsPerSecond());
    AerospikeBackup backup = new AerospikeBackup(client, Clock.systemUTC());
    AerospikeBackup.Options o = new AerospikeBackup.Options(a.namespace(), a.set(), a.dir(),
        a.codec(), a.compact(), a.fileLimitBytes(), a.indexes(), a.udfs(), settings);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "backup-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(() -> backup.progress().ifPresent(p -> out.println(line(p))),
        1, 1, TimeUnit.SECONDS);
    AerospikeBackup.Result r;
    try {
      r = backup.run(o, 0, out::println);
    } catch (IOException | RuntimeException e) {
      err.println("aeroshift backup: " + e.getMessage());
      return 1;
    } finally {
      ticker.shutdownNow();
    }
    out.printf("backup %s: %,d records in %d files (%s)%n",
        r.complete() ? "complete" : "INCOMPLETE", r.records(), r.files().size(),
        a.codec().describe());
    if (!r.complete()) {
      err.println("aeroshift backup: " + r.failure());
      return 1;
    }
    return 0;
  }

  static String line(CopyProgress p) {
    return String.format("  %,d records  %,d bytes  %,.0f rec/s  partitions %d/%d done, %d failed",
        p.records(), p.bytes(), p.recordsPerSecond(), p.partitionsDone(), PartitionIds.COUNT, p.partitionsFailed());
  }
}
