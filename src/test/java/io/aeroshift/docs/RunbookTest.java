package io.aeroshift.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.outcome.FailureReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/runbook.md names every failure reason and every cutover blocker the code can emit, so an
 * operator who meets one finds what it means and what to do.
 */
class RunbookTest {
  private static final Pattern BLOCKER = Pattern.compile("new CutoverBlocker\\(\"([A-Z_]+)\"");

  @Test
  void everyFailureReasonHasARow() throws IOException {
    String runbook = Files.readString(Path.of("docs/runbook.md"));
    assertThat(Arrays.stream(FailureReason.values()).map(Enum::name)
        .filter(r -> !runbook.contains("| `" + r + "` |")))
        .as("failure reasons without a row in docs/runbook.md").isEmpty();
  }

  @Test
  void everyCutoverBlockerTheCodeEmitsHasARow() throws IOException {
    String runbook = Files.readString(Path.of("docs/runbook.md"));
    Set<String> blockers = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = BLOCKER.matcher(Files.readString(f));
        while (m.find()) {
          blockers.add(m.group(1));
        }
      }
    }
    assertThat(blockers).as("blockers found in the code").contains("NOT_APPROVED", "LAG", "WAVE");
    assertThat(blockers.stream().filter(b -> !runbook.contains("| `" + b + "` |")))
        .as("cutover blockers without a row in docs/runbook.md").isEmpty();
  }
}
