package io.aeroshift.cli;

import com.aerospike.client.Host;
import io.aeroshift.backup.AsbCodec;
import io.aeroshift.backup.AsbCompression;
import io.aeroshift.backup.AsbEncryption;
import io.aeroshift.backup.AsbEncryptionKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code bin/aeroshift backup} and {@code restore}. Unknown options, missing
 * values and contradictory combinations are usage errors naming the option.
 */
public record BackupArgs(
    List<Host> hosts,
    String namespace,
    String set,
    Path dir,
    AsbCodec codec,
    boolean compact,
    long fileLimitBytes,
    int parallel,
    long recordsPerSecond,
    boolean indexes,
    boolean udfs,
    boolean acceptBackupGo,
    Path stateFile) {

  public static final String BACKUP_USAGE = "usage: bin/aeroshift backup --source HOST:PORT[,..]"
      + " --namespace NS --dir D [--set S] [--compress zstd|gzip] [--encrypt aes128|aes256"
      + " --key-file PEM] [--compact] [--file-limit MiB (250)] [--parallel N (16)] [--rps N]"
      + " [--no-indexes] [--no-udfs]";

  public static final String RESTORE_USAGE = "usage: bin/aeroshift restore --target"
      + " HOST:PORT[,..] --dir D [--compress zstd|gzip] [--encrypt aes128|aes256 --key-file PEM]"
      + " [--parallel N (20)] [--rps N] [--indexes] [--udfs] [--accept-backup-go]"
      + " [--state-file F (D/.aeroshift-restore.state)]";

  private static final Set<String> FLAGS = Set.of("--compact", "--no-indexes", "--no-udfs",
      "--indexes", "--udfs", "--accept-backup-go");

  /** Parses backup ({@code restore=false}) or restore arguments. */
  public static BackupArgs parse(List<String> args, boolean restore) throws IOException {
    Map<String, String> opts = new HashMap<>();
    Set<String> flags = new HashSet<>();
    Set<String> allowed = new HashSet<>(restore
        ? Arrays.asList("--target", "--dir", "--compress", "--encrypt", "--key-file",
            "--parallel", "--rps", "--indexes", "--udfs", "--accept-backup-go", "--state-file")
        : Arrays.asList("--source", "--namespace", "--set", "--dir", "--compress", "--encrypt",
            "--key-file", "--compact", "--file-limit", "--parallel", "--rps", "--no-indexes",
            "--no-udfs"));
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException("unknown option '" + a + "'");
      }
      if (FLAGS.contains(name)) {
        flags.add(name);
        continue;
      }
      String value;
      if (a.contains("=")) {
        value = a.substring(a.indexOf('=') + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (opts.put(name, value) != null) {
        throw new IllegalArgumentException(name + " given twice");
      }
    }
    String hostOption = restore ? "--target" : "--source";
    List<Host> hosts = hosts(hostOption, required(opts, hostOption));
    String namespace = restore ? null : required(opts, "--namespace");
    Path dir = Path.of(required(opts, "--dir"));
    AsbCompression compression = opts.containsKey("--compress")
        ? AsbCompression.parse(opts.get("--compress")) : AsbCompression.NONE;
    AsbEncryption encryption = opts.containsKey("--encrypt")
        ? AsbEncryption.parse(opts.get("--encrypt")) : AsbEncryption.NONE;
    AsbEncryptionKey key = null;
    if (encryption != AsbEncryption.NONE) {
      if (!opts.containsKey("--key-file")) {
        throw new IllegalArgumentException("--encrypt " + encryption.flag() + " needs --key-file");
      }
      key = AsbEncryptionKey.fromPemFile(Path.of(opts.get("--key-file")), encryption);
    } else if (opts.containsKey("--key-file")) {
      throw new IllegalArgumentException("--key-file given without --encrypt aes128|aes256");
    }
    long fileLimit = number(opts, "--file-limit", 250) * 1024 * 1024;
    int parallel = (int) number(opts, "--parallel", restore ? 20 : 16);
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel must be at least 1");
    }
    long rps = number(opts, "--rps", 0);
    Path state = opts.containsKey("--state-file") ? Path.of(opts.get("--state-file"))
        : dir.resolve(".aeroshift-restore.state");
    return new BackupArgs(hosts, namespace, opts.get("--set"), dir,
        AsbCodec.of(compression, key), flags.contains("--compact"), fileLimit, parallel, rps,
        restore ? flags.contains("--indexes") : !flags.contains("--no-indexes"),
        restore ? flags.contains("--udfs") : !flags.contains("--no-udfs"),
        flags.contains("--accept-backup-go"), state);
  }

  private static String required(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return v;
  }

  private static long number(Map<String, String> opts, String name, long fallback) {
    String v = opts.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a non-negative number, was '" + v + "'");
    }
  }

  static List<Host> hosts(String option, String value) {
    List<Host> out = new ArrayList<>();
    for (String part : value.split(",")) {
      int colon = part.lastIndexOf(':');
      if (colon <= 0 || colon == part.length() - 1) {
        throw new IllegalArgumentException(option + " expects HOST:PORT[,HOST:PORT..], got '"
            + part + "'");
      }
      try {
        out.add(new Host(part.substring(0, colon), Integer.parseInt(part.substring(colon + 1))));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + ": bad port in '" + part + "'");
      }
    }
    return out;
  }
}
