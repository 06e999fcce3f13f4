package io.aeroshift.backup;

import java.io.FileOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a directory backup has durably written, kept <em>in the backup directory</em>
 * ({@value #FILE_NAME}) so a killed backup resumes when rerun on the same directory, on this or on
 * another machine: a backup directory is routinely copied or moved, and a state kept elsewhere
 * (the service's database, a path on the first machine) would not travel with the files it
 * describes. asrestore reads only {@code *.asb}, so the state file never disturbs a restore.
 *
 * <p>Only finished files count: a file is recorded here after it was flushed and synced and
 * before it is renamed from {@code .asb.part} to {@code .asb}, with, for every partition that has
 * records in it, the number of those records and the digest of the last one. A partition's
 * records in the finished files are a prefix of its scan order (one thread scans a partition and
 * rotates files in order), so a resumed scan continues after the last recorded digest: nothing is
 * scanned twice and nothing is skipped. A partition is done when its scan finished and the file
 * holding its last records is recorded. Saved atomically (temp file, fsync, rename).
 *
 * <p>Format, one fact per line (names URL-encoded, digests base64):
 * {@code aeroshift-backup-state 1}, {@code namespace N}, {@code set S} (only with a set),
 * {@code prefix P}, {@code compression none|zstd|gzip}, {@code encryption none|aes128|aes256},
 * {@code compact true|false}, then {@code file NAME RECORDS [first]} per finished file,
 * {@code partition ID RECORDS DIGEST|- done|open}, and {@code complete} once the backup is.
 */
public final class BackupState {

  public static final String FILE_NAME = ".aeroshift-backup.state";
  private static final String MAGIC = "aeroshift-backup-state 1";

  /** The options a resumed backup must share with the run that started it. */
  public record Settings(String namespace, String set, String prefix, AsbCompression compression,
      AsbEncryption encryption, boolean compact) {

    /** The first option that differs, as a sentence, or null when {@code other} matches. */
    String difference(Settings other) {
      if (!namespace.equals(other.namespace)) {
        return "--namespace " + namespace + " (this run: " + other.namespace + ")";
      }
      if (!Objects.equals(set, other.set)) {
        return (set == null ? "no --set" : "--set " + set) + " (this run: "
            + (other.set == null ? "no --set" : other.set) + ")";
      }
      if (!prefix.equals(other.prefix)) {
        return "file prefix " + prefix + " (this run: " + other.prefix + ")";
      }
      if (compression != other.compression) {
        return "--compress " + compression.flag() + " (this run: " + other.compression.flag() + ")";
      }
      if (encryption != other.encryption) {
        return "--encrypt " + encryption.flag() + " (this run: " + other.encryption.flag() + ")";
      }
      if (compact != other.compact) {
        return (compact ? "--compact" : "no --compact") + " (this run: "
            + (other.compact ? "--compact" : "no --compact") + ")";
      }
      return null;
    }
  }

  /** A finished file of the backup. */
  public record FinishedFile(String name, long records, boolean first) {}

  /** Records of one partition in finished files; {@code lastDigest} is where a scan resumes. */
  public record PartitionProgress(int partition, long records, byte[] lastDigest, boolean done) {}

  /** Records of one partition written to one file: count and last digest. */
  static final class Span {
    long records;
    byte[] last;
  }

  private final Path path;
  private final Settings settings;
  private final List<FinishedFile> files = new ArrayList<>();
  private final Map<Integer, PartitionProgress> partitions = new TreeMap<>();
  private final Set<Integer> emptyDone = ConcurrentHashMap.newKeySet();
  private final boolean loaded;
  private boolean complete;

  private BackupState(Path dir, Settings settings, boolean loaded) {
    this.path = dir.resolve(FILE_NAME);
    this.settings = settings;
    this.loaded = loaded;
  }

  /** A new backup's state (not saved yet). */
  static BackupState fresh(Path dir, Settings settings) {
    return new BackupState(dir, settings, false);
  }

  /** True when read from a directory: the backup is being resumed. */
  public boolean loaded() {
    return loaded;
  }

  /** The state in {@code dir}, if a backup was started there. */
  public static Optional<BackupState> load(Path dir) throws IOException {
    Path p = dir.resolve(FILE_NAME);
    if (!Files.exists(p)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
      throw new IOException(p + ":1: not an Aeroshift backup state (expected '" + MAGIC + "')");
    }
    Map<String, String> head = new TreeMap<>();
    List<String[]> body = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(" ");
      if (f[0].equals("file") || f[0].equals("partition") || f[0].equals("complete")) {
        body.add(f);
      } else if (f.length == 2) {
        head.put(f[0], decode(f[1]));
      } else {
        throw new IOException(p + ":" + (i + 1) + ": unreadable line '" + lines.get(i) + "'");
      }
    }
    try {
      Settings s = new Settings(required(head, "namespace", p), head.get("set"),
          required(head, "prefix", p),
          AsbCompression.parse(required(head, "compression", p)),
          AsbEncryption.parse(required(head, "encryption", p)),
          Boolean.parseBoolean(required(head, "compact", p)));
      BackupState state = new BackupState(dir, s, true);
      for (String[] f : body) {
        switch (f[0]) {
          case "file" -> state.files.add(new FinishedFile(decode(f[1]), Long.parseLong(f[2]),
              f.length > 3 && f[3].equals("first")));
          case "partition" -> {
            int id = Integer.parseInt(f[1]);
            state.partitions.put(id, new PartitionProgress(id, Long.parseLong(f[2]),
                f[3].equals("-") ? null : Base64.getDecoder().decode(f[3]), f[4].equals("done")));
          }
          default -> state.complete = true;
        }
      }
      return Optional.of(state);
    } catch (RuntimeException e) {
      throw new IOException(p + ": unreadable backup state: " + e.getMessage(), e);
    }
  }

  public Settings settings() {
    return settings;
  }

  public synchronized boolean complete() {
    return complete;
  }

  public synchronized List<FinishedFile> files() {
    return List.copyOf(files);
  }

  public synchronized boolean hasFirstFile() {
    return files.stream().anyMatch(FinishedFile::first);
  }

  /** Progress of every partition with records in finished files or known done. */
  public synchronized Map<Integer, PartitionProgress> partitions() {
    Map<Integer, PartitionProgress> out = new TreeMap<>(partitions);
    for (int p : emptyDone) {
      out.putIfAbsent(p, new PartitionProgress(p, 0, null, true));
    }
    return out;
  }

  /** Records in finished files. */
  public synchronized long records() {
    return files.stream().mapToLong(FinishedFile::records).sum();
  }

  /** A partition whose scan finished without a record held by an open file: nothing to lose. */
  void partitionDoneWithoutOpenFile(int partition) {
    emptyDone.add(partition);
  }

  /**
   * Records a file as finished (flushed and synced, not yet renamed) with its partitions' spans
   * and the partitions whose scan ended in it, and saves.
   */
  synchronized void fileFinished(FinishedFile file, Map<Integer, Span> spans, Set<Integer> done)
      throws IOException {
    files.add(file);
    for (Map.Entry<Integer, Span> e : spans.entrySet()) {
      PartitionProgress was = partitions.get(e.getKey());
      long before = was == null ? 0 : was.records();
      partitions.put(e.getKey(), new PartitionProgress(e.getKey(), before + e.getValue().records,
          e.getValue().last, false));
    }
    for (int p : done) {
      PartitionProgress was = partitions.get(p);
      partitions.put(p, was == null ? new PartitionProgress(p, 0, null, true)
          : new PartitionProgress(p, was.records(), was.lastDigest(), true));
    }
    save();
  }

  synchronized void markComplete() throws IOException {
    complete = true;
    save();
  }

  synchronized void save() throws IOException {
    for (int p : emptyDone) {
      partitions.putIfAbsent(p, new PartitionProgress(p, 0, null, true));
    }
    StringBuilder sb = new StringBuilder(MAGIC).append('\n');
    sb.append("namespace ").append(encode(settings.namespace())).append('\n');
    if (settings.set() != null) {
      sb.append("set ").append(encode(settings.set())).append('\n');
    }
    sb.append("prefix ").append(encode(settings.prefix())).append('\n');
    sb.append("compression ").append(settings.compression().flag()).append('\n');
    sb.append("encryption ").append(settings.encryption().flag()).append('\n');
    sb.append("compact ").append(settings.compact()).append('\n');
    for (FinishedFile f : files) {
      sb.append("file ").append(encode(f.name())).append(' ').append(f.records())
          .append(f.first() ? " first" : "").append('\n');
    }
    for (PartitionProgress p : partitions.values()) {
      sb.append("partition ").append(p.partition()).append(' ').append(p.records()).append(' ')
          .append(p.lastDigest() == null ? "-" : Base64.getEncoder().encodeToString(p.lastDigest()))
          .append(' ').append(p.done() ? "done" : "open").append('\n');
    }
    if (complete) {
      sb.append("complete\n");
    }
    Path tmp = path.resolveSibling(FILE_NAME + ".tmp");
    try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      out.getChannel().force(true);
    }
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String required(Map<String, String> head, String name, Path p)
      throws IOException {
    String v = head.get(name);
    if (v == null) {
      throw new IOException(p + ": backup state has no '" + name + "' line");
    }
    return v;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
