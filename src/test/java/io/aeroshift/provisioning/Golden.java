package io.aeroshift.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compares text with {@code src/test/resources/golden/<name>}; {@code -Dgolden.update=true} rewrites it. */
final class Golden {
  static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build());

  private Golden() {}

  static String yaml(Object o) throws Exception {
    return YAML.writeValueAsString(o);
  }

  static void assertMatches(String name, String actual) throws Exception {
    Path file = Path.of("src/test/resources/golden", name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
    }
    assertThat(file).as("golden file " + file + " (run with -Dgolden.update=true to create)").exists();
    assertThat(actual).as("rendering differs from " + file).isEqualTo(Files.readString(file));
  }
}
