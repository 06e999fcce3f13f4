package io.aeroshift.events;

import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The audit trail: one {@code key=value} line per event on the log category {@value #CATEGORY}, in
 * sequence order, so an auditor (or the log shipper feeding one) reads who did what to which
 * migration and when. Values are quoted when they hold spaces or quotes; {@code data} keys are
 * flattened as {@code data.<key>}. Events never carry secrets, so nothing is masked here.
 */
public final class AuditTrail {

  public static final String CATEGORY = "aeroshift.audit";
  private static final Logger LOG = Logger.getLogger(CATEGORY);

  private AuditTrail() {}

  public static void record(StoredEvent e) {
    LOG.info(line(e));
  }

  /** The audit line of an event (pure, for tests and for readers that parse it back). */
  public static String line(StoredEvent stored) {
    MigrationEvent e = stored.event();
    StringBuilder b = new StringBuilder();
    b.append("seq=").append(stored.seq());
    field(b, "type", e.type());
    field(b, "at", e.at().toString());
    field(b, "migration", e.migrationId());
    field(b, "team", e.team());
    field(b, "wave", e.wave());
    field(b, "from", e.from());
    field(b, "to", e.to());
    field(b, "command", e.command());
    field(b, "by", e.by());
    field(b, "reason", e.reason());
    for (Map.Entry<String, Object> d : new TreeMap<>(e.data()).entrySet()) {
      field(b, "data." + d.getKey(), String.valueOf(d.getValue()));
    }
    return b.toString();
  }

  private static void field(StringBuilder b, String key, String value) {
    if (value == null) {
      return;
    }
    b.append(' ').append(key).append('=');
    if (value.isEmpty() || value.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\\' || c < 0x20)) {
      b.append('"');
      for (char c : value.toCharArray()) {
        if (c == '"' || c == '\\') {
          b.append('\\').append(c);
        } else if (c == '\n') {
          b.append("\\n");
        } else if (c < 0x20) {
          b.append(' ');
        } else {
          b.append(c);
        }
      }
      b.append('"');
    } else {
      b.append(value);
    }
  }
}
