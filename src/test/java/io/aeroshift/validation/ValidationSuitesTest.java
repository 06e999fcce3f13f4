package io.aeroshift.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationSuitesTest {

  static Path validatorsDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("validators")) && Files.exists(dir.resolve("pom.xml"))) {
        return dir.resolve("validators");
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no validators/ directory above " + Path.of("").toAbsolutePath());
  }

  @Test
  void everySuiteFileInValidatorsIsValid() throws IOException {
    List<String> problems = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(validatorsDir())) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      if (!f.getFileName().toString().endsWith(".yaml")) {
        problems.add(f + ": suite files must end in .yaml");
        continue;
      }
      try {
        ValidationSuiteLoader.load(f);
      } catch (ValidationSuiteLoader.InvalidSuiteException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
  }

  @Test
  void shippedSuitesSayWhatTheyPromise() {
    Path dir = validatorsDir();
    assertThat(ValidationSuiteLoader.names(dir)).contains("default", "quick", "digests-only");
    ValidationSuite d = ValidationSuiteLoader.load(dir, "default");
    assertThat(d.checksumCheck()).isTrue();
    assertThat(d.compareBins()).isTrue();
    assertThat(d.sample().isFull()).isTrue();
    assertThat(d.finalEvidence()).isTrue();
    assertThat(d).isEqualTo(ValidationSuite.defaults());
    ValidationSuite q = ValidationSuiteLoader.load(dir, "quick");
    assertThat(q.sample().rate()).isEqualTo(0.01);
    assertThat(q.finalEvidence()).isFalse();
    ValidationSuite g = ValidationSuiteLoader.load(dir, "digests-only");
    assertThat(g.compareBins()).isFalse();
    assertThat(g.finalEvidence()).isFalse();
    assertThat(d.hash()).isEqualTo(RecordHash.XXH3_128);
  }

  @Test
  void aSuiteMayAskForTheCryptographicHash() {
    ValidationSuite s = ValidationSuiteLoader.parse("inline", "crypto", "hash: sha-256\n");
    assertThat(s.hash()).isEqualTo(RecordHash.SHA_256);
    assertThat(s.withHash(RecordHash.XXH3_128).hash()).isEqualTo(RecordHash.XXH3_128);
  }

  @Test
  void anInvalidSuiteNamesFilePathAndReasonForEveryProblem(@TempDir Path tmp) throws IOException {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(
        bad,
        "compare: values\nhash: md5\nsampleRate: 2\ntolerances:\n  expirySeconds: -1\n  countPct: 3\nchecks: {counts: false, checksums: false}\nextra: 1\n");
    assertThatThrownBy(() -> ValidationSuiteLoader.load(bad))
        .isInstanceOf(ValidationSuiteLoader.InvalidSuiteException.class)
        .hasMessageContaining(bad.toString())
        .satisfies(e -> assertThat(((ValidationSuiteLoader.InvalidSuiteException) e).problems())
            .anySatisfy(p -> assertThat(p).startsWith("compare: must be 'bins' or 'digests'"))
            .anySatisfy(p -> assertThat(p).isEqualTo("hash: must be one of [xxh3-128, sha-256], was 'md5'"))
            .anySatisfy(p -> assertThat(p).startsWith("sampleRate: must be a number in (0, 1]"))
            .anySatisfy(p -> assertThat(p).startsWith("tolerances.expirySeconds: must be a whole number >= 0"))
            .anySatisfy(p -> assertThat(p).startsWith("tolerances.countPct: unknown setting"))
            .anySatisfy(p -> assertThat(p).startsWith("checks: at least one"))
            .anySatisfy(p -> assertThat(p).startsWith("extra: unknown setting")));
    Path notYaml = tmp.resolve("broken.yaml");
    Files.writeString(notYaml, "a: [1, 2\n");
    assertThatThrownBy(() -> ValidationSuiteLoader.load(notYaml)).hasMessageContaining("not readable YAML");
    assertThatThrownBy(() -> ValidationSuiteLoader.load(tmp, "nope")).hasMessageContaining("no validation suite 'nope'");
    assertThatThrownBy(() -> ValidationSuiteLoader.load(tmp, "../etc")).hasMessageContaining("not a plain file name");
  }
}
