package io.aeroshift.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Prometheus gauges per migration and wave ({@link MeterFigures}), refreshed from the workflow's
 * stored state ({@link MigrationStatusSource}) every {@code aeroshift.events.meters.refresh}, so
 * after a restart they show what was stored, not zeros. A series whose migration, phase or
 * validation outcome is gone is removed.
 */
@ApplicationScoped
public class MigrationMeters {

  private static final Logger LOG = Logger.getLogger(MigrationMeters.class);

  @Inject
  MeterRegistry registry;

  @Inject
  MigrationStatusSource source;

  /** A registered gauge: its value holder and its id (to remove it). */
  private record Registered(AtomicReference<Double> value, Meter.Id id) {}

  private final Map<MeterFigures.Figure, Registered> gauges = new HashMap<>();

  @Scheduled(every = "${aeroshift.events.meters.refresh:5s}", delay = 0,
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // the previous figures stay until the store answers again
      LOG.warnf("migration meters not refreshed: %s", e.toString());
    }
  }

  /** Reads the stored migrations and sets every gauge. */
  public synchronized void refresh() {
    List<MeterFigures.Figure> figures = MeterFigures.of(source.migrations());
    Map<MeterFigures.Figure, Registered> seen = new HashMap<>();
    for (MeterFigures.Figure f : figures) {
      MeterFigures.Figure key = new MeterFigures.Figure(f.name(), f.tags(), 0);
      Registered r = gauges.get(key);
      if (r == null) {
        List<Tag> tags = new ArrayList<>();
        f.tags().forEach((k, v) -> tags.add(Tag.of(k, v)));
        AtomicReference<Double> value = new AtomicReference<>(f.value());
        Gauge gauge = Gauge.builder(f.name(), value, AtomicReference::get).tags(Tags.of(tags)).strongReference(true)
            .register(registry);
        r = new Registered(value, gauge.getId());
      }
      r.value().set(f.value());
      seen.put(key, r);
    }
    for (Map.Entry<MeterFigures.Figure, Registered> old : gauges.entrySet()) {
      if (!seen.containsKey(old.getKey())) {
        registry.remove(old.getValue().id());
      }
    }
    gauges.clear();
    gauges.putAll(seen);
  }
}
