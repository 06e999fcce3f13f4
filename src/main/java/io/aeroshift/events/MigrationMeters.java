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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  private final Map<Meter.Id, AtomicReference<Double>> gauges = new HashMap<>();

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
    Set<Meter.Id> seen = new HashSet<>();
    for (MeterFigures.Figure f : figures) {
      List<Tag> tags = new ArrayList<>();
      f.tags().forEach((k, v) -> tags.add(Tag.of(k, v)));
      AtomicReference<Double> value = new AtomicReference<>(f.value());
      Gauge gauge = Gauge.builder(f.name(), value, AtomicReference::get).tags(Tags.of(tags)).strongReference(true)
          .register(registry);
      AtomicReference<Double> held = gauges.putIfAbsent(gauge.getId(), value);
      if (held != null) {
        held.set(f.value());
      }
      seen.add(gauge.getId());
    }
    for (Meter.Id gone : new ArrayList<>(gauges.keySet())) {
      if (!seen.contains(gone)) {
        registry.remove(gone);
        gauges.remove(gone);
      }
    }
  }
}
