package io.aeroshift.cli;

import com.aerospike.client.IAerospikeClient;
import io.aeroshift.backup.AerospikeRestore;
import io.aeroshift.backup.AsbReaderOptions;
import io.aeroshift.transfer.TransferSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/aeroshift restore}: asbackup files (ours or the tools') into a cluster. Progress every
 * second, per-file failures naming file, line and reason; exit 0 only when every file was read to
 * its end and every record written. A rerun resumes from the state file.
 */
public final class RestoreCommand implements Subcommand {

  @Override
  public String name() {
    return "restore";
  }

  @Override
  public String usage() {
    return BackupArgs.RESTORE_USAGE;
  }

  @Override
  public String summary() {
    return "--target H:P[,..] --dir D [--compress zstd|gzip] [--encrypt aes128|aes256 --key-file"
        + " PEM]  restore asbackup files";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    BackupArgs a;
    try {
      a = BackupArgs.parse(args, true);
    } catch (IllegalArgumentException | IOException e) {
      err.println("aeroshift restore: " + e.getMessage());
      err.println(BackupArgs.RESTORE_USAGE);
      return 2;
    }
    // files read in parallel, and the writes of the restore's settings below
    int inFlight = a.parallel() + Math.max(16, a.parallel());
    try (IAerospikeClient client = CommandLineClients.connect("restore", "", a.hosts(), inFlight, err)) {
      if (client == null) {
        return 1;
      }
      return restore(a, client, out, err);
    }
  }

  static int restore(BackupArgs a, IAerospikeClient client, PrintStream out, PrintStream err) {
    TransferSettings settings = TransferSettings.defaults()
        .withConcurrency(4, a.parallel(), Math.max(16, a.parallel()))
        .withRecordsPerSecond(a.recordsPerSecond());
    AerospikeRestore restore = new AerospikeRestore(client, Clock.systemUTC());
    AerospikeRestore.Options o = new AerospikeRestore.Options(a.dir(), a.codec(),
        AsbReaderOptions.defaults().withAcceptBackupGo(a.acceptBackupGo()), a.indexes(),
        a.udfs(), a.parallel(), a.stateFile(), settings);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "restore-progress");
      t.setDaemon(true);
      return t;
    });
    long start = System.nanoTime();
    ticker.scheduleAtFixedRate(() -> {
      double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
      long n = restore.recordsWritten();
      out.printf("  %,d records written  %,.0f rec/s%n", n, n / secs);
    }, 1, 1, TimeUnit.SECONDS);
    AerospikeRestore.Result r;
    try {
      r = restore.run(o, out::println);
    } catch (IOException | RuntimeException e) {
      err.println("aeroshift restore: " + e.getMessage());
      return 1;
    } finally {
      ticker.shutdownNow();
    }
    if (r.startedAfresh() != null) {
      out.println("note: " + r.startedAfresh());
    }
    out.printf("restore %s: %,d records written, %,d expired skipped, %,d without bins skipped,"
            + " %,d already restored earlier, %,d in doubt, %d indexes, %d UDFs, %d files%n",
        r.complete() ? "complete" : "INCOMPLETE", r.records(), r.skippedExpired(),
        r.skippedNoBins(), r.alreadyRestored(), r.inDoubt(), r.indexes(), r.udfs(),
        r.files().size());
    for (Map.Entry<String, String> f : r.failures().entrySet()) {
      err.println("aeroshift restore: FAILED " + f.getValue());
    }
    return r.complete() ? 0 : 1;
  }
}
