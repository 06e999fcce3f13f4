package io.aeroshift.backup;

import io.aeroshift.discovery.ClusterIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-file restore progress, kept in a small text file so a stopped or failed restore resumes
 * after the last entry known written: one line per backup file, {@code name TAB offset TAB line
 * TAB records TAB done}, after a first line naming the cluster restored into ({@code target TAB
 * node ids TAB addresses TAB cluster-name}, lists comma-separated, {@code -} for none). Progress
 * is only valid for that cluster: a restore into another one starts afresh ({@link #forTarget}).
 * Saved atomically (temp file + rename).
 *
 * <p>Saving is shared between the file readers: {@link #put} records the progress and writes the
 * file unless another reader is writing it, in which case it goes on at once and the progress
 * goes to disk with the next save or {@link #flush}. A reader therefore never queues behind the
 * others' file writes (with every reader saving every 500 records, that queue was 40% of a
 * restore's reader time in a profile), and the file on disk is always a set of progress
 * records that were each true when recorded: at worst older than the latest, never ahead of what
 * was written.
 */
public final class RestoreCheckpoints {

  /** Progress in one file: entries up to {@code offset} (decoded text) are restored. */
  public record FileProgress(String file, long offset, long line, long records, boolean done) {}

  private static final String TARGET = "target";

  private final Path path;
  private final Map<String, FileProgress> files = new TreeMap<>();
  private ClusterIdentity target;
  /** Changes recorded (guarded by this) and the change the file on disk holds (by saveLock). */
  private long version;
  private long savedVersion;
  private final java.util.concurrent.locks.ReentrantLock saveLock = new java.util.concurrent.locks.ReentrantLock();

  private RestoreCheckpoints(Path path) {
    this.path = path;
  }

  /** Loads the state file, or starts empty when it does not exist. */
  public static RestoreCheckpoints load(Path path) throws IOException {
    RestoreCheckpoints c = new RestoreCheckpoints(path);
    if (Files.exists(path)) {
      int n = 0;
      for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f[0].equals(TARGET) && f.length == 4) {
          c.target = new ClusterIdentity(list(f[1]), list(f[2]), f[3].equals("-") ? null : f[3]);
          continue;
        }
        if (f.length != 5) {
          throw new IOException("restore state " + path + ":" + n + ": expected 5 tab-separated"
              + " fields, found " + f.length);
        }
        try {
          c.files.put(f[0], new FileProgress(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]),
              Long.parseLong(f[3]), Boolean.parseBoolean(f[4])));
        } catch (NumberFormatException e) {
          throw new IOException("restore state " + path + ":" + n + ": " + e.getMessage(), e);
        }
      }
    }
    return c;
  }

  /**
   * Makes this state the one of {@code cluster}: progress recorded for another cluster, or for an
   * unknown one (a state file from before targets were recorded), is dropped, because skipping
   * files restored elsewhere would leave this cluster without them. Returns why progress was
   * dropped, or null when it was kept (or there was none).
   */
  public String forTarget(ClusterIdentity cluster) throws IOException {
    String why = adopt(cluster);
    flush();
    return why == null ? null : why + ": starting afresh, every file is restored into this target";
  }

  private synchronized String adopt(ClusterIdentity cluster) {
    String why = null;
    if (!files.isEmpty()) {
      if (target == null) {
        why = "the restore state " + path + " does not say which cluster it was restored into";
      } else if (ClusterIdentity.sameCluster(target, cluster, null).isEmpty()) {
        why = "the restore state " + path + " is of another cluster (nodes " + target.nodeIds() + ", this target has "
            + cluster.nodeIds() + ")";
      }
    }
    if (why != null) {
      files.clear();
    }
    target = cluster;
    version++;
    return why;
  }

  public synchronized FileProgress get(String file) {
    return files.get(file);
  }

  /**
   * Records a file's progress and saves it, unless another thread is saving: then this returns
   * at once and the progress is saved by that thread's next save or by {@link #flush}.
   */
  public void put(FileProgress p) throws IOException {
    synchronized (this) {
      files.put(p.file(), p);
      version++;
    }
    if (saveLock.tryLock()) {
      try {
        saveLatest();
        saveLatest(); // what the others recorded while this save ran
      } finally {
        saveLock.unlock();
      }
    }
  }

  /** Saves every progress recorded so far, waiting for a save under way. */
  public void flush() throws IOException {
    saveLock.lock();
    try {
      saveLatest();
    } finally {
      saveLock.unlock();
    }
  }

  public synchronized List<FileProgress> all() {
    return new ArrayList<>(files.values());
  }

  /** Under saveLock: writes the state if the file does not hold the latest change yet. */
  private void saveLatest() throws IOException {
    String text;
    long v;
    synchronized (this) {
      if (version == savedVersion) {
        return;
      }
      text = render();
      v = version;
    }
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    savedVersion = v;
  }

  private String render() {
    StringBuilder sb = new StringBuilder();
    if (target != null) {
      sb.append(TARGET).append('\t').append(join(target.nodeIds())).append('\t').append(join(target.addresses()))
          .append('\t').append(target.clusterName() == null ? "-" : target.clusterName()).append('\n');
    }
    for (FileProgress p : files.values()) {
      sb.append(p.file()).append('\t').append(p.offset()).append('\t').append(p.line())
          .append('\t').append(p.records()).append('\t').append(p.done()).append('\n');
    }
    return sb.toString();
  }

  private static String join(Set<String> values) {
    return values.isEmpty() ? "-" : String.join(",", values);
  }

  private static Set<String> list(String field) {
    return field.equals("-") || field.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(field.split(",")));
  }
}
