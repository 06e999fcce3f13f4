package io.aeroshift.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * One copy run through the Quarkus service's API while the timeline may kill the service: start
 * the run, then poll it until it ends. A due kill is a kill -9 of the service process and a start
 * on the same data directory, and nothing else: the run must be resumed by the service itself at
 * start ({@code CopyRuns.onStart}) and end. A run that ends FAILED must say why with a typed
 * reason; one that shows no progress for {@link #STALL} while the service is up, or has not ended
 * by the deadline, is a hang.
 */
final class ServiceCopy {
  /** No change in the run's progress (state, step, pass, records, partitions, deletes) this long: a hang. */
  static final Duration STALL = Duration.ofSeconds(40);
  private static final long POLL_MILLIS = 200;

  /**
   * How the run ended.
   *
   * @param code 0 SUCCEEDED, 1 FAILED or STOPPED, empty for a hang
   * @param kills kill -9s of the service while the run was active
   * @param failureReason the typed reason of a FAILED run, else null
   * @param problem what went wrong (a hang, a failure without a typed reason), else null
   */
  record Result(OptionalInt code, int kills, String failureReason, String problem) {}

  private ServiceCopy() {}

  static Result run(QuarkusService service, String source, List<String> targetSeeds, String namespace, String backupDir,
      int rps, FaultTimeline timeline, PrintStream log, long seed) throws IOException, InterruptedException {
    String id;
    try {
      id = service.api().startCopy(source, targetSeeds, namespace, backupDir, rps);
    } catch (IOException e) {
      // e.g. 409 COPY_RUNNING: an earlier stage's run still holds the namespace; refused with a reason
      log.printf("  run %d: copy not started: %s%n", seed, e.getMessage());
      return new Result(OptionalInt.of(1), 0, "NOT_STARTED", "copy not started: " + e.getMessage());
    }
    int kills = 0;
    long deadline = System.nanoTime() + ChaosRun.STEP_DEADLINE.toNanos();
    long lastChange = System.nanoTime();
    String lastProgress = null;
    ServiceApi.CopyView view = null;
    while (true) {
      try {
        view = service.api().copy(id);
      } catch (IOException e) {
        log.printf("  run %d: copy run %s not readable: %s%n", seed, id, e.getMessage());
      }
      if (view != null && view.ended()) {
        boolean ok = view.state().equals("SUCCEEDED");
        String problem = ok || view.failureReason() != null ? null
            : "copy run " + id + " ended " + view.state() + " without a typed reason: " + view.failure();
        log.printf("  run %d: copy run %s ended %s%s (attempts %d)%s%n", seed, id, view.state(),
            ok ? "" : " " + view.failureReason() + ": " + view.failure(), view.attempts(),
            kills == 0 ? "" : ", resumed by the service at its start after " + kills + " kill -9");
        return new Result(OptionalInt.of(ok ? 0 : 1), kills, view.failureReason(), problem);
      }
      long now = System.nanoTime();
      if (view != null && !view.progress().equals(lastProgress)) {
        lastProgress = view.progress();
        lastChange = now;
      }
      if (now - lastChange > STALL.toNanos() || now > deadline) {
        String why = now > deadline ? "not ended after " + ChaosRun.STEP_DEADLINE.toSeconds() + " s"
            : "no progress for " + STALL.toSeconds() + " s";
        return new Result(OptionalInt.empty(), kills, null, "HANG: copy run " + id + " through the service " + why
            + " after " + kills + " kill -9 (last seen " + (view == null ? "nothing" : view.progress()) + ", log "
            + service.log() + ")");
      }
      if (timeline != null && timeline.takeDueKill()) {
        service.kill();
        kills++;
        log.printf("  run %d: kill -9 the Quarkus service (copy run %s was %s); starting it again on the same data%n",
            seed, id, view == null ? "?" : view.progress());
        try {
          service.restart();
        } catch (QuarkusService.StartHang e) {
          return new Result(OptionalInt.empty(), kills, null, "HANG: " + e.getMessage());
        }
        // the service's start is not the run's stall: its clocks begin again now
        lastChange = System.nanoTime();
        deadline = lastChange + ChaosRun.STEP_DEADLINE.toNanos();
        continue;
      }
      long untilKill = timeline == null ? POLL_MILLIS : timeline.millisUntilNextKill();
      Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, untilKill))); // the poll's interval, bounded by the deadline above
    }
  }
}
