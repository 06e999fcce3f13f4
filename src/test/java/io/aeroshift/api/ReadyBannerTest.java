package io.aeroshift.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/aeroshift --port 0} starts the service with {@code -Dquarkus.http.port=0}: the ready
 * line must name the port the server bound, not the 0 asked for (it printed
 * {@code READY http://127.0.0.1:0} before: the banner read the launcher's system property back).
 * The service's own process is not started here; the banner is given a server that publishes its
 * bound port a few polls after the start event, as Quarkus may.
 */
class ReadyBannerTest {

  @Test
  void portZeroAnnouncesTheBoundPort() {
    String before = System.getProperty("quarkus.http.port");
    System.setProperty("quarkus.http.port", "0");
    try {
      AtomicInteger polls = new AtomicInteger();
      ReadyBanner banner = new ReadyBanner();
      banner.localUsers = () -> false;
      banner.server = new HttpServer() {
        @Override
        public int getPort() {
          return polls.incrementAndGet() < 3 ? 0 : 40123;
        }

        @Override
        public int getSecurePort() {
          return 0;
        }

        @Override
        public int getManagementPort() {
          return 0;
        }

        @Override
        public URI getLocalBaseUri() {
          return URI.create("http://127.0.0.1:40123");
        }
      };
      banner.onHttpStart(new HttpServerStart(new HttpServerOptions().setPort(0)));
      assertThat(banner.printedLine()).isEqualTo("READY http://127.0.0.1:40123");
    } finally {
      if (before == null) {
        System.clearProperty("quarkus.http.port");
      } else {
        System.setProperty("quarkus.http.port", before);
      }
    }
  }

  @Test
  void aPortAskedForIsAnnouncedAsIs() {
    ReadyBanner banner = new ReadyBanner();
    banner.localUsers = () -> false;
    banner.onHttpStart(new HttpServerStart(new HttpServerOptions().setPort(8123)));
    assertThat(banner.printedLine()).isEqualTo("READY http://127.0.0.1:8123");
  }
}
