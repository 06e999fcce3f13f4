package io.aeroshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The production build ({@code mvn package -Dquarkus.profile=postgres}) carries no stand-in: no
 * emulator, simulated operator, embedded demo or benchmark class. Packaging that build here would
 * cost minutes of every CI run, so the test builds its class set instead: it reads from the pom
 * which source roots the production build compiles, compiles {@code src/main/java} (without the
 * classes of this build on the class path, so a reference from production code to a stand-in
 * fails the compilation) and looks at what came out. The AerospikeCluster model generated from
 * the CRD (52k lines, the same in every build) is taken compiled, to keep this test to seconds.
 */
class ProductionBuildTest {
  static final Path POM = Path.of("pom.xml");
  static final Path MAIN_SOURCES = Path.of("src/main/java");
  static final Path CLASSES = Path.of("target/classes");
  static final String GENERATED_MODEL = "io/aeroshift/provisioning/crd";
  static final String STANDIN_ROOT = "src/standin/java";
  static final List<String> STANDIN_PACKAGES = List.of("io/aeroshift/emulator", "io/aeroshift/demo", "io/aeroshift/bench");

  @Test
  void theProductionProfileAddsNoStandInSourceRoot() throws Exception {
    var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(POM.toFile());
    NodeList profiles = pom.getElementsByTagName("profile");
    List<String> addedByProduction = new ArrayList<>();
    List<String> addedByEmbedded = new ArrayList<>();
    for (int i = 0; i < profiles.getLength(); i++) {
      Element profile = (Element) profiles.item(i);
      String activation = text(profile, "activation");
      List<String> mainRoots = mainSourceRootsAddedBy(profile);
      if (activation.contains("quarkus.profile") && activation.contains("!postgres")) {
        addedByEmbedded.addAll(mainRoots);
      } else if (activation.contains("quarkus.profile") && activation.contains("postgres")) {
        addedByProduction.addAll(mainRoots);
      } else {
        assertThat(mainRoots).as("profile %s adds a main source root outside the quarkus.profile switch",
            text(profile, "id")).isEmpty();
      }
    }
    assertThat(addedByEmbedded).as("the embedded default build compiles the stand-ins").containsExactly(STANDIN_ROOT);
    assertThat(addedByProduction).as("the postgres build adds no main source root").isEmpty();
    assertThat(Files.readString(POM)).as("the stand-ins come only through the profile")
        .doesNotContainPattern("<sourceDirectory>");
  }

  @Test
  void theProductionClassSetCompilesWithoutStandInsAndContainsNone(@TempDir Path work) throws IOException {
    assertThat(MAIN_SOURCES.resolve("io/aeroshift/emulator")).doesNotExist();
    Path model = copyTree(CLASSES.resolve(GENERATED_MODEL), work.resolve("model").resolve(GENERATED_MODEL));
    Path out = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      var sources = files.getJavaFileObjectsFromPaths(javaFiles(MAIN_SOURCES));
      List<String> options = List.of("-d", out.toString(), "-classpath",
          work.resolve("model") + File.pathSeparator + dependenciesOnly(), "-proc:none",
          "-implicit:none", "-nowarn", "-g:none", "-XDsuppressNotes", "--release", "17");
      boolean compiled = javac.getTask(diagnostics, files, null, options, null, sources).call();
      assertThat(compiled).as("production sources compile on their own:%n%s", diagnostics).isTrue();
    }
    List<String> classes;
    try (Stream<Path> walk = Files.walk(out)) {
      classes = walk.filter(p -> p.toString().endsWith(".class"))
          .map(p -> out.relativize(p).toString().replace(File.separatorChar, '/')).collect(Collectors.toList());
    }
    assertThat(classes).as("the production build has classes").anyMatch(c -> c.startsWith("io/aeroshift/api/"));
    for (String standin : STANDIN_PACKAGES) {
      assertThat(classes).as("no stand-in class in the production build").noneMatch(c -> c.startsWith(standin + "/"));
    }
  }

  private static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
  }

  private static Path copyTree(Path from, Path to) throws IOException {
    assertThat(from).as("the CRD model is generated and compiled before tests run").isDirectory();
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  /** The test class path without this build's own output, where the stand-ins are. */
  private static String dependenciesOnly() {
    Path classes = Path.of("target/classes").toAbsolutePath();
    Path testClasses = Path.of("target/test-classes").toAbsolutePath();
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .filter(entry -> {
          Path p = Path.of(entry).toAbsolutePath();
          return !p.startsWith(classes) && !p.startsWith(testClasses);
        })
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static List<String> mainSourceRootsAddedBy(Element profile) {
    List<String> roots = new ArrayList<>();
    NodeList executions = profile.getElementsByTagName("execution");
    for (int i = 0; i < executions.getLength(); i++) {
      Element execution = (Element) executions.item(i);
      if (text(execution, "goals").contains("add-source")) {
        NodeList sources = execution.getElementsByTagName("source");
        for (int j = 0; j < sources.getLength(); j++) {
          roots.add(sources.item(j).getTextContent().trim());
        }
      }
    }
    return roots;
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
  }
}
