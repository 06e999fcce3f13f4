package io.aeroshift.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads and checks suite files. Every problem is reported with the file, the path inside it and
 * the reason, and all problems of a file are gathered before failing.
 *
 * <pre>
 * description: full checksums
 * checks: { counts: true, checksums: true }
 * compare: bins              # bins | digests
 * sampleRate: 1.0            # (0, 1], digest modulo
 * sampledResultIsFinal: false
 * tolerances: { countPercent: 0.5, expirySeconds: 60 }
 * maxListedRecords: 100
 * recheckBeforeFail: true
 * expiryMarginSeconds: 120
 * recordsPerSecond: 0
 * hash: xxh3-128             # xxh3-128 | sha-256: the record hash of the checksums
 * </pre>
 */
public final class ValidationSuiteLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP =
      Set.of(
          "description", "checks", "compare", "sampleRate", "sampledResultIsFinal", "tolerances",
          "maxListedRecords", "recheckBeforeFail", "expiryMarginSeconds", "recordsPerSecond", "hash");

  private ValidationSuiteLoader() {}

  /** A suite file that does not hold a valid suite. */
  public static final class InvalidSuiteException extends RuntimeException {
    private final List<String> problems;

    InvalidSuiteException(String file, List<String> problems) {
      super("invalid validation suite " + file + ": " + String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    /** Each problem as "path: reason". */
    public List<String> problems() {
      return problems;
    }
  }

  /** Loads {@code <dir>/<name>.yaml}. */
  public static ValidationSuite load(Path dir, String name) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("suite name '" + name + "' is not a plain file name");
    }
    Path file = dir.resolve(name + ".yaml");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no validation suite '" + name + "': " + file + " does not exist (suites: " + names(dir) + ")");
    }
    return load(file);
  }

  /** The suite names in a directory. */
  public static List<String> names(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  public static ValidationSuite load(Path file) {
    String fileName = file.getFileName().toString();
    String name = fileName.endsWith(".yaml") ? fileName.substring(0, fileName.length() - 5) : fileName;
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidSuiteException(file.toString(), List.of("$: not readable YAML: " + e.getMessage()));
    }
    return parse(file.toString(), name, root);
  }

  /** Parses a suite from YAML text (for tests and the API). */
  public static ValidationSuite parse(String source, String name, String yaml) {
    try {
      return parse(source, name, YAML.readTree(yaml));
    } catch (IOException e) {
      throw new InvalidSuiteException(source, List.of("$: not readable YAML: " + e.getMessage()));
    }
  }

  static ValidationSuite parse(String source, String name, JsonNode root) {
    List<String> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new InvalidSuiteException(source, List.of("$: must be a mapping"));
    }
    unknownKeys(root, TOP, "", problems);
    ValidationSuite d = ValidationSuite.defaults();

    JsonNode checks = root.path("checks");
    boolean counts = d.countCheck();
    boolean checksums = d.checksumCheck();
    if (!checks.isMissingNode()) {
      if (!checks.isObject()) {
        problems.add("checks: must be a mapping with counts and checksums");
      } else {
        unknownKeys(checks, Set.of("counts", "checksums"), "checks.", problems);
        counts = bool(checks, "counts", "checks.counts", counts, problems);
        checksums = bool(checks, "checksums", "checks.checksums", checksums, problems);
      }
    }
    if (!counts && !checksums) {
      problems.add("checks: at least one of counts and checksums must be true");
    }
    boolean compareBins = d.compareBins();
    JsonNode compare = root.path("compare");
    if (!compare.isMissingNode()) {
      if (compare.isTextual() && compare.asText().equals("bins")) {
        compareBins = true;
      } else if (compare.isTextual() && compare.asText().equals("digests")) {
        compareBins = false;
      } else {
        problems.add("compare: must be 'bins' or 'digests', was " + compare);
      }
    }
    DigestSample sample = DigestSample.ALL;
    JsonNode rate = root.path("sampleRate");
    if (!rate.isMissingNode()) {
      if (!rate.isNumber() || !(rate.asDouble() > 0 && rate.asDouble() <= 1)) {
        problems.add("sampleRate: must be a number in (0, 1], was " + rate);
      } else if (Math.abs(rate.asDouble() * DigestSample.MODULUS - Math.round(rate.asDouble() * DigestSample.MODULUS)) > 1e-6) {
        problems.add("sampleRate: must be a multiple of 0.0001, was " + rate);
      } else {
        sample = DigestSample.ofRate(rate.asDouble());
      }
    }
    boolean sampledFinal =
        bool(root, "sampledResultIsFinal", "sampledResultIsFinal", d.sampledResultIsFinal(), problems);
    double countPct = d.countTolerancePercent();
    long expirySeconds = d.expiryToleranceSeconds();
    JsonNode tol = root.path("tolerances");
    if (!tol.isMissingNode()) {
      if (!tol.isObject()) {
        problems.add("tolerances: must be a mapping with countPercent and expirySeconds");
      } else {
        unknownKeys(tol, Set.of("countPercent", "expirySeconds"), "tolerances.", problems);
        JsonNode cp = tol.path("countPercent");
        if (!cp.isMissingNode()) {
          if (!cp.isNumber() || cp.asDouble() < 0 || cp.asDouble() > 100) {
            problems.add("tolerances.countPercent: must be a number from 0 to 100, was " + cp);
          } else {
            countPct = cp.asDouble();
          }
        }
        expirySeconds =
            nonNegativeLong(tol, "expirySeconds", "tolerances.expirySeconds", expirySeconds, problems);
      }
    }
    long maxListed = nonNegativeLong(root, "maxListedRecords", "maxListedRecords", d.maxListedRecords(), problems);
    if (maxListed > 100_000) {
      problems.add("maxListedRecords: at most 100000, was " + maxListed);
    }
    boolean recheck = bool(root, "recheckBeforeFail", "recheckBeforeFail", d.recheckBeforeFail(), problems);
    long margin = nonNegativeLong(root, "expiryMarginSeconds", "expiryMarginSeconds", d.expiryMarginSeconds(), problems);
    long rps = nonNegativeLong(root, "recordsPerSecond", "recordsPerSecond", 0, problems);
    RecordHash hash = d.hash();
    JsonNode hashNode = root.path("hash");
    if (!hashNode.isMissingNode()) {
      try {
        hash = RecordHash.ofLabel(hashNode.isTextual() ? hashNode.asText() : String.valueOf(hashNode));
      } catch (IllegalArgumentException e) {
        problems.add("hash: " + e.getMessage());
      }
    }
    JsonNode desc = root.path("description");
    if (!desc.isMissingNode() && !desc.isTextual()) {
      problems.add("description: must be text");
    }
    if (!problems.isEmpty()) {
      throw new InvalidSuiteException(source, problems);
    }
    return new ValidationSuite(
        name,
        desc.isTextual() ? desc.asText() : "",
        counts,
        checksums,
        compareBins,
        sample,
        sampledFinal,
        countPct,
        expirySeconds,
        (int) Math.min(maxListed, 100_000),
        recheck,
        margin,
        rps,
        hash);
  }

  private static void unknownKeys(JsonNode node, Set<String> allowed, String prefix, List<String> problems) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        problems.add(prefix + key + ": unknown setting (allowed: " + allowed.stream().sorted().toList() + ")");
      }
    }
  }

  private static boolean bool(JsonNode parent, String field, String path, boolean dflt, List<String> problems) {
    JsonNode n = parent.path(field);
    if (n.isMissingNode()) {
      return dflt;
    }
    if (!n.isBoolean()) {
      problems.add(path + ": must be true or false, was " + n);
      return dflt;
    }
    return n.asBoolean();
  }

  private static long nonNegativeLong(JsonNode parent, String field, String path, long dflt, List<String> problems) {
    JsonNode n = parent.path(field);
    if (n.isMissingNode()) {
      return dflt;
    }
    if (!n.isIntegralNumber() || n.asLong() < 0) {
      problems.add(path + ": must be a whole number >= 0, was " + n);
      return dflt;
    }
    return n.asLong();
  }

  /** validators/ above the working directory, else above the installed application. */
  public static Path nearestDirectory() {
    Path found = above(Path.of("").toAbsolutePath());
    if (found == null) {
      try {
        found = above(Path.of(ValidationSuiteLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (URISyntaxException | RuntimeException e) {
        found = null;
      }
    }
    return found;
  }

  private static Path above(Path start) {
    for (Path d = start; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("validators"))) {
        return d.resolve("validators");
      }
    }
    return null;
  }
}
