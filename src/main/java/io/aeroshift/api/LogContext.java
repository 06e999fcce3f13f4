package io.aeroshift.api;

import org.jboss.logging.MDC;

/**
 * Puts the cluster (and migration) identifiers in the logging MDC for the duration of a request,
 * so every log line carries them ({@code cluster=} / {@code migration=} in the log format).
 */
public final class LogContext implements AutoCloseable {
  private final String key;
  private final Object previous;

  private LogContext(String key, String value) {
    this.key = key;
    this.previous = MDC.get(key);
    MDC.put(key, value);
  }

  /** Tags log lines with {@code cluster=<name>} until closed. */
  public static LogContext cluster(String name) {
    return new LogContext("cluster", name);
  }

  /** Tags log lines with {@code migration=<id>} until closed. */
  public static LogContext migration(String id) {
    return new LogContext("migration", id);
  }

  @Override
  public void close() {
    if (previous == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, previous);
    }
  }
}
