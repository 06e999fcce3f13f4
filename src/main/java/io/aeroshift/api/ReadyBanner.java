package io.aeroshift.api;

import io.aeroshift.api.security.LocalUsersConfig;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Prints {@code READY http://127.0.0.1:<port>} alone on a line of standard output once the HTTP
 * server listens: the launcher contract ({@code bin/aeroshift}) that scripts and other tools wait for.
 * With the embedded default's local users it also logs the dashboard's URL and those users.
 */
@ApplicationScoped
public class ReadyBanner {
  private static final Logger LOG = Logger.getLogger(ReadyBanner.class);

  @Inject LocalUsersConfig localUsers;
  private final AtomicBoolean printed = new AtomicBoolean();
  private volatile String line;

  /** The running HTTP server: the port it bound, whatever port was asked for. */
  @Inject HttpServer server;

  // Quarkus fires HttpServerStart asynchronously, after the listener is bound.
  void onHttpStart(@ObservesAsync HttpServerStart start) {
    int port = start.options().getPort();
    // Port 0 = ephemeral: the bound port is the server's, published just after this event may fire;
    // wait for it (bounded) rather than announce port 0. Not the quarkus.http.port property: with
    // bin/aeroshift --port 0 it is the system property 0 the launcher set, never the bound port.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (port <= 0) {
      port = server.getPort();
      if (port > 0 || System.nanoTime() > deadline) {
        break;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    if (printed.compareAndSet(false, true)) {
      line = line(port);
      System.out.println(line);
      System.out.flush();
      if (localUsers.enabled()) {
        LOG.infof("dashboard http://127.0.0.1:%d/ ; local users (the password is the user name): engineer (every"
            + " command), viewer (read only), owner-<team> (approves its team's migrations, e.g. owner-payments,"
            + " owner-catalog)", port);
      }
    }
  }

  /** The line printed, or null before the HTTP server started. */
  public String printedLine() {
    return line;
  }

  /** The exact ready line for a port. */
  public static String line(int port) {
    return "READY http://127.0.0.1:" + port;
  }
}
