package io.aeroshift.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@code bin/aeroshift validate} run said: its exit code and the partitions its JSON report
 * names as not matching (mismatch, pending re-check or unvalidated).
 *
 * @param exitCode 0 match, 1 differences, 2 incomplete; -1 when it did not finish (a hang)
 * @param flagged partitions the report names as anything but MATCH
 * @param runFailure why the run failed as a whole (it then vouches for no partition), or null
 */
record ValidationVerdict(int exitCode, Set<Integer> flagged, String runFailure) {

  static final ValidationVerdict HUNG = new ValidationVerdict(-1, Set.of(), null);

  ValidationVerdict(int exitCode, Set<Integer> flagged) {
    this(exitCode, flagged, null);
  }

  ValidationVerdict {
    flagged = Set.copyOf(flagged);
  }

  boolean passed() {
    return exitCode == 0;
  }

  /** Reads the report a validation wrote; a missing or unreadable report flags nothing. */
  static ValidationVerdict read(int exitCode, Path report) {
    Set<Integer> flagged = new TreeSet<>();
    String runFailure = null;
    if (Files.isRegularFile(report)) {
      try {
        JsonNode root = new ObjectMapper().readTree(report.toFile());
        JsonNode failure = root.path("run").path("failure");
        runFailure = failure.isTextual() ? failure.asText() : null;
        for (JsonNode p : root.path("partitions")) {
          if (!"MATCH".equals(p.path("status").asText())) {
            flagged.add(p.path("partition").asInt());
          }
        }
      } catch (IOException e) {
        // an unreadable report names nothing: every difference then counts as unreported
      }
    }
    return new ValidationVerdict(exitCode, flagged, runFailure);
  }
}
