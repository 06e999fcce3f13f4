package io.aeroshift.jobs;

import io.aeroshift.transfer.CopyProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Micrometer meters of one copy run, tagged {@code migration} (the run id), {@code namespace}
 * and {@code mode}. At {@code /q/metrics} (Prometheus):
 *
 * <ul>
 *   <li>{@code aeroshift_copy_records_total}, {@code aeroshift_copy_bytes_total}: records and bytes
 *       written to the target by the copy steps (RESTORE, FULL, CATCH_UP; not the backup to
 *       files, not reconciliation), as the engine counts them: a pass resumed after a restart
 *       counts what it had copied before the restart too.
 *   <li>{@code aeroshift_copy_records_per_second}: recent rate of the current step.
 *   <li>{@code aeroshift_copy_partitions{state=pending|running|done|failed}}: the current pass.
 *   <li>{@code aeroshift_copy_fraction_done}: of the current step, 0..1.
 *   <li>{@code aeroshift_copy_eta_seconds}: of the current step; NaN when unknown.
 * </ul>
 *
 * Meters stay registered with their final values when the run ends (rate 0; a SUCCEEDED run shows
 * fraction 1 and ETA 0), so the last scrape sees how it ended; they disappear at the next restart
 * of the service. Thread-safe: samples come from one ticker thread and the run's own thread.
 */
final class CopyRunMetrics {

  /** What the gauges read. */
  private record Reading(double rate, double pending, double running, double done, double failed, double fraction,
      double etaSeconds) {
    static final Reading NONE = new Reading(0, 0, 0, 0, 0, 0, Double.NaN);
  }

  private final AtomicReference<Reading> reading = new AtomicReference<>(Reading.NONE);
  private final Counter records;
  private final Counter bytes;
  // records/bytes already counted for the step being sampled, identified by stage and pass
  private CopyStage countedStage;
  private int countedPass = -1;
  private long countedRecords;
  private long countedBytes;
  // after ended(), a late sample of the ticker must not overwrite the final values
  private boolean closed;

  CopyRunMetrics(MeterRegistry registry, CopyRunSpec spec) {
    Tags tags = Tags.of("migration", spec.id(), "namespace", spec.namespace(), "mode", spec.mode().name());
    records = Counter.builder("aeroshift.copy.records").description("records copied to the target").tags(tags)
        .register(registry);
    bytes = Counter.builder("aeroshift.copy.bytes").description("estimated bytes copied to the target").tags(tags)
        .baseUnit("bytes").register(registry);
    gauge(registry, "aeroshift.copy.records.per.second", "recent copy rate of the current step", tags, Reading::rate);
    gauge(registry, "aeroshift.copy.fraction.done", "fraction done of the current step", tags, Reading::fraction);
    gauge(registry, "aeroshift.copy.eta.seconds", "estimated time left in the current step", tags,
        Reading::etaSeconds);
    gauge(registry, "aeroshift.copy.partitions", "partitions of the current pass", tags.and("state", "pending"),
        Reading::pending);
    gauge(registry, "aeroshift.copy.partitions", "partitions of the current pass", tags.and("state", "running"),
        Reading::running);
    gauge(registry, "aeroshift.copy.partitions", "partitions of the current pass", tags.and("state", "done"),
        Reading::done);
    gauge(registry, "aeroshift.copy.partitions", "partitions of the current pass", tags.and("state", "failed"),
        Reading::failed);
  }

  private void gauge(MeterRegistry registry, String name, String description, Tags tags,
      java.util.function.ToDoubleFunction<Reading> value) {
    Gauge.builder(name, reading, r -> value.applyAsDouble(r.get())).description(description).tags(tags)
        .strongReference(true).register(registry);
  }

  /** Updates the meters from a progress sample of {@code stage}. */
  synchronized void sample(CopyStage stage, CopyProgress p) {
    if (closed) {
      return;
    }
    count(stage, p.pass(), p.records(), p.bytes());
    int pending = Math.max(0, p.partitionsTotal() - p.partitionsDone() - p.partitionsFailed() - p.partitionsRunning());
    reading.set(new Reading(p.recordsPerSecond(), pending, p.partitionsRunning(), p.partitionsDone(),
        p.partitionsFailed(), p.fractionDone(), p.eta() == null ? Double.NaN : p.eta().toMillis() / 1000.0));
  }

  /** The run runs (again): samples count from now on. */
  synchronized void started() {
    closed = false;
  }

  /** Counts what a finished step copied that no sample saw. */
  synchronized void stepFinished(PassResult result) {
    count(result.stage(), result.pass(), result.records(), result.bytes());
  }

  /** The final values: rate 0; a run that succeeded is fully done with nothing left. */
  synchronized void ended(boolean succeeded) {
    closed = true;
    Reading r = reading.get();
    reading.set(new Reading(0, r.pending(), 0, r.done(), r.failed(), succeeded ? 1.0 : r.fraction(),
        succeeded ? 0.0 : Double.NaN));
  }

  private void count(CopyStage stage, int pass, long recordsNow, long bytesNow) {
    if (!stage.copiesRecords()) {
      return;
    }
    if (stage != countedStage || pass != countedPass) {
      countedStage = stage;
      countedPass = pass;
      countedRecords = 0;
      countedBytes = 0;
    }
    if (recordsNow > countedRecords) {
      records.increment(recordsNow - countedRecords);
      countedRecords = recordsNow;
    }
    if (bytesNow > countedBytes) {
      bytes.increment(bytesNow - countedBytes);
      countedBytes = bytesNow;
    }
  }
}
