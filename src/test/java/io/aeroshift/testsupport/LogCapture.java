package io.aeroshift.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures every log record of the JVM (JBoss LogManager / JUL root logger) while open, formatted
 * with its parameters and stack traces, so tests can scan for values that must never be logged.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  private final List<String> lines = new ArrayList<>();
  private final Logger root = Logger.getLogger("");

  private LogCapture() {
    setLevel(Level.ALL);
  }

  public static LogCapture start() {
    LogCapture c = new LogCapture();
    c.root.addHandler(c);
    return c;
  }

  @Override
  public synchronized void publish(LogRecord r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.getLevel()).append(' ').append(r.getLoggerName()).append(' ').append(r.getMessage());
    if (r.getParameters() != null) {
      for (Object p : r.getParameters()) {
        sb.append(" | ").append(p);
      }
    }
    try {
      // JBoss records format lazily; getFormattedMessage exists on ExtLogRecord.
      if (r instanceof org.jboss.logmanager.ExtLogRecord ext) {
        sb.append(" || ").append(ext.getFormattedMessage());
        sb.append(" mdc=").append(ext.getMdcCopy());
      }
    } catch (RuntimeException ignored) {
      // keep the raw message
    }
    for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
      sb.append(" !! ").append(t);
    }
    lines.add(sb.toString());
  }

  public synchronized List<String> lines() {
    return new ArrayList<>(lines);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
  }
}
