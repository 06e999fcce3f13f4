package io.aeroshift.chaos;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.policy.WritePolicy;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client writes on the source while the migration runs: updates of loaded records, new records
 * and (when {@code deletes}) deletes, at a fixed rate, from its own seeded random. Failed writes
 * (a node stopped, a connection dropped) are counted and left: the run compares against what the
 * source holds in the end, not against what was attempted.
 */
final class LiveWriter implements AutoCloseable {
  private final IAerospikeClient client;
  private final String namespace;
  private final String set;
  private final int loaded;
  private final int perSecond;
  private final boolean deletes;
  private final SplittableRandom random;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Thread thread;
  private volatile boolean stop;

  LiveWriter(IAerospikeClient client, String namespace, String set, int loaded, int perSecond, boolean deletes, long seed) {
    this.client = client;
    this.namespace = namespace;
    this.set = set;
    this.loaded = loaded;
    this.perSecond = perSecond;
    this.deletes = deletes;
    this.random = new SplittableRandom(seed);
    this.thread = new Thread(this::run, "chaos-writer");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    WritePolicy put = new WritePolicy();
    put.sendKey = true;
    put.totalTimeout = 2_000;
    put.socketTimeout = 1_000;
    long started = System.nanoTime();
    long n = 0;
    while (!stop) {
      long due = started + n * 1_000_000_000L / perSecond;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing, not synchronisation
        continue;
      }
      n++;
      int op = random.nextInt(10);
      try {
        if (op < 6) {
          Key key = new Key(namespace, set, "key-" + random.nextInt(loaded));
          client.put(put, key, new Bin("payload", "updated-" + n), new Bin("n", n));
        } else if (op < 9 || !deletes) {
          Key key = new Key(namespace, set, "new-" + n);
          client.put(put, key, new Bin("payload", "new-" + n), new Bin("n", n));
        } else {
          client.delete(put, new Key(namespace, set, "key-" + random.nextInt(loaded)));
        }
        done.incrementAndGet();
      } catch (AerospikeException e) {
        failed.incrementAndGet();
      }
    }
  }

  long done() {
    return done.get();
  }

  long failed() {
    return failed.get();
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(30_000);
  }
}
