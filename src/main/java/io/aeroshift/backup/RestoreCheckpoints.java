package io.aeroshift.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-file restore progress, kept in a small text file so a stopped or failed restore resumes
 * after the last entry known written: one line per backup file, {@code name TAB offset TAB line
 * TAB records TAB done}. Saved atomically (temp file + rename).
 */
public final class RestoreCheckpoints {

  /** Progress in one file: entries up to {@code offset} (decoded text) are restored. */
  public record FileProgress(String file, long offset, long line, long records, boolean done) {}

  private final Path path;
  private final Map<String, FileProgress> files = new TreeMap<>();

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
        String[] f = line.split("\t");
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

  public synchronized FileProgress get(String file) {
    return files.get(file);
  }

  public synchronized void put(FileProgress p) throws IOException {
    files.put(p.file(), p);
    save();
  }

  public synchronized List<FileProgress> all() {
    return new ArrayList<>(files.values());
  }

  private void save() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (FileProgress p : files.values()) {
      sb.append(p.file()).append('\t').append(p.offset()).append('\t').append(p.line())
          .append('\t').append(p.records()).append('\t').append(p.done()).append('\n');
    }
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    Files.writeString(tmp, sb, StandardCharsets.UTF_8);
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
