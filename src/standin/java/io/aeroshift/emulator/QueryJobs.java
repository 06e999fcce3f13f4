package io.aeroshift.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One node's query (scan) jobs, as the server's query manager keeps them for {@code query-show}
 * (server 8.1 {@code query_manager.c}): every long (partition) query the node serves is a job with
 * its transaction id; finished jobs stay listed until {@code query-max-done} (100) newer ones have
 * finished. The emulator runs no background jobs (they answer 16), so the jobs listed are the scans
 * and queries clients ran, active or done.
 */
final class QueryJobs {
  static final int MAX_DONE = 100;

  /** A job's state; mutable fields are written by the scanning thread, read under the table's lock. */
  static final class Job {
    final long trid;
    final String ns;
    final String set;
    final int pidsRequested;
    final int keydsRequested;
    final int rps;
    final int socketTimeoutMillis;
    final String from;
    final long startNanos = System.nanoTime();
    volatile long finishNanos;
    volatile long succeeded;
    volatile long netIoBytes;
    volatile String result = "ok";

    Job(long trid, String ns, String set, int pidsRequested, int keydsRequested, int rps, int socketTimeoutMillis, String from) {
      this.trid = trid;
      this.ns = ns;
      this.set = set;
      this.pidsRequested = pidsRequested;
      this.keydsRequested = keydsRequested;
      this.rps = rps;
      this.socketTimeoutMillis = socketTimeoutMillis;
      this.from = from;
    }

    boolean done() {
      return finishNanos != 0;
    }
  }

  private final List<Job> active = new ArrayList<>();
  private final Deque<Job> finished = new ArrayDeque<>();

  synchronized Job start(long trid, String ns, String set, int pids, int keyds, int rps, int socketTimeout, String from) {
    Job j = new Job(trid, ns, set, pids, keyds, rps, socketTimeout, from);
    active.add(j);
    return j;
  }

  /** Ends a job: {@code result} is the server's status word ("ok", "abandoned-response-error", ...). */
  synchronized void finish(Job j, long succeeded, long netIoBytes, String result) {
    j.succeeded = succeeded;
    j.netIoBytes = netIoBytes;
    j.result = result;
    j.finishNanos = Math.max(1, System.nanoTime());
    active.remove(j);
    finished.addFirst(j);
    while (finished.size() > MAX_DONE) finished.removeLast();
  }

  /** Newest first, active jobs before finished ones (the server's reverse queue walk). */
  synchronized List<Job> all() {
    List<Job> out = new ArrayList<>();
    for (int i = active.size() - 1; i >= 0; i--) out.add(active.get(i));
    out.addAll(finished);
    return out;
  }

  synchronized Job find(long trid) {
    for (Job j : all()) if (j.trid == trid) return j;
    return null;
  }

  /**
   * The 8.1 {@code query-show} entry ({@code as_query_job_info} + {@code basic_query_job_info}),
   * or, with {@code monitorFormat}, the pre-6.3 job monitor entry ({@code as_mon_populate_jobstat})
   * that {@code jobs:} and {@code scan-show} printed.
   */
  static String describe(Job j, boolean monitorFormat) {
    long now = System.nanoTime();
    long finish = j.finishNanos;
    long runMs = ((finish != 0 ? finish : now) - j.startNanos) / 1_000_000;
    long sinceDoneMs = finish != 0 ? (now - finish) / 1_000_000 : 0;
    StringBuilder sb = new StringBuilder();
    sb.append("trid=").append(Long.toUnsignedString(j.trid)); // the server prints the u64 it parses
    if (monitorFormat) sb.append(":job-type=basic");
    sb.append(":ns=").append(j.ns);
    if (!j.set.isEmpty()) sb.append(":set=").append(j.set);
    if (j.pidsRequested != 0) {
      sb.append(":n-pids-requested=").append(j.pidsRequested);
      if (!monitorFormat) sb.append(":n-keyds-requested=").append(j.keydsRequested);
    }
    sb.append(":rps=").append(j.rps);
    sb.append(":active-threads=").append(finish != 0 ? 0 : 1);
    sb.append(":status=").append(finish != 0 ? "done" : "active").append('(').append(j.result).append(')');
    sb.append(":job-progress=").append(finish != 0 ? "100.00" : "0.00");
    sb.append(":run-time=").append(runMs);
    sb.append(":time-since-done=").append(sinceDoneMs);
    sb.append(":recs-throttled=0:recs-filtered-meta=0:recs-filtered-bins=0");
    sb.append(":recs-succeeded=").append(j.succeeded);
    sb.append(":recs-failed=0");
    if (monitorFormat) appendNetIo(sb, j);
    sb.append(":from=").append(j.from.replace(':', '+'));
    if (!monitorFormat) {
      sb.append(":job-type=basic");
      appendNetIo(sb, j);
    }
    return sb.toString();
  }

  private static void appendNetIo(StringBuilder sb, Job j) {
    sb.append(":net-io-bytes=").append(j.netIoBytes);
    sb.append(":net-io-time=0");
    sb.append(":socket-timeout=").append(j.socketTimeoutMillis);
  }
}
