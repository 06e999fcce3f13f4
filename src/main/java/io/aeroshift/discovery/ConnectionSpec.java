package io.aeroshift.discovery;

import io.aeroshift.inventory.TlsSettings;
import java.time.Duration;
import java.util.List;

/**
 * How to reach one cluster for one discovery run. Holds the resolved password for the duration of
 * the run only; {@link #toString()} never shows it.
 *
 * @param seeds {@code host:port} seeds
 * @param user user, or null when security is off
 * @param password password, or null
 * @param tls TLS settings, or null
 * @param timeout connect, login and per-command timeout
 */
public record ConnectionSpec(List<String> seeds, String user, String password, TlsSettings tls, Duration timeout) {
  public ConnectionSpec {
    seeds = List.copyOf(seeds);
  }

  @Override
  public String toString() {
    return "ConnectionSpec[seeds=" + seeds + ", user=" + user + ", password=" + (password == null ? "none" : "***")
        + ", tls=" + tls + ", timeout=" + timeout + "]";
  }
}
