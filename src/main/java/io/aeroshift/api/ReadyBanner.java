package io.aeroshift.api;

import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Prints {@code READY http://127.0.0.1:<port>} alone on a line of standard output once the HTTP
 * server listens: the launcher contract ({@code bin/aeroshift}) that scripts and other tools wait for.
 */
@ApplicationScoped
public class ReadyBanner {
  private final AtomicBoolean printed = new AtomicBoolean();

  void onHttpStart(@Observes HttpServerStart start) {
    int port = start.options().getPort();
    if (port <= 0) {
      port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
    }
    if (printed.compareAndSet(false, true)) {
      System.out.println(line(port));
      System.out.flush();
    }
  }

  /** The exact ready line for a port. */
  public static String line(int port) {
    return "READY http://127.0.0.1:" + port;
  }
}
