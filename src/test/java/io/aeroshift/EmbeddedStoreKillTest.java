package io.aeroshift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default's state store keeps what it committed when the service process is killed
 * (kill -9: no shutdown hook, no close). A process of its own opens the configured JDBC URL
 * (application.properties, data directory in a temporary directory), commits rows one by one and
 * halts the JVM right after the last commit; this test then opens the same file and must find
 * every row. H2 without {@code WRITE_DELAY=0} writes commits to the file only every 500 ms and
 * loses them (the fault campaign found it: a migration's saved phase came back older after a kill).
 */
class EmbeddedStoreKillTest {
  static final int ROWS = 50;

  @Test
  void rowsCommittedJustBeforeAKillAreThereAfterIt(@TempDir Path dataDir) throws Exception {
    String url = embeddedUrl(dataDir);
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), CommitThenDie.class.getName(), url)).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the committing process ended").isTrue();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(output).as("it committed every row before it died").contains("committed " + ROWS);

    try (Connection c = DriverManager.getConnection(url, "sa", "");
        ResultSet r = c.createStatement().executeQuery("select count(*) from killed")) {
      r.next();
      assertThat(r.getInt(1)).as("rows committed before the kill, read after it").isEqualTo(ROWS);
    }
  }

  /** The default profile's {@code quarkus.datasource.jdbc.url} with the data directory put in. */
  private static String embeddedUrl(Path dataDir) throws IOException {
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
      props.load(r);
    }
    String url = props.getProperty("quarkus.datasource.jdbc.url");
    assertThat(url).startsWith("jdbc:h2:file:${aeroshift.data-dir}/");
    return url.replace("${aeroshift.data-dir}", dataDir.toString());
  }

  /** Commits {@link #ROWS} rows, one transaction each, then halts: no close, no shutdown hook, as kill -9. */
  public static final class CommitThenDie {
    public static void main(String[] args) throws SQLException {
      Connection c = DriverManager.getConnection(args[0], "sa", "");
      c.createStatement().execute("create table killed(id int primary key)");
      for (int i = 0; i < ROWS; i++) {
        c.createStatement().execute("insert into killed values(" + i + ")");
      }
      System.out.println("committed " + ROWS);
      System.out.flush();
      Runtime.getRuntime().halt(0);
    }
  }
}
