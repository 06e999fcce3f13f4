package io.aeroshift.testsupport;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An application still writing the source while it replicates: puts over {@code liveKeys} keys
 * {@code live-N}, a durable delete of a preloaded {@code key-N} every third write, and of a live key
 * every {@code liveDeleteEvery} writes, until stopped. Timeouts on a loaded machine are passed over:
 * the tests compare the source's end state, whatever applied.
 *
 * @param preloadedKeys how many {@code key-N} records the test loaded before
 * @param bins the bins of write i
 */
public record LiveSourceWriter(String namespace, String set, int liveKeys, int preloadedKeys, int liveDeleteEvery,
    int liveDeleteOffset, IntFunction<Bin[]> bins) {

  /** Starts writing on a thread named {@code name}; it ends when {@code stop} is set. */
  public Thread start(String name, ClientPolicy policy, Host[] hosts, AtomicBoolean stop, AtomicInteger ops) {
    Thread t = new Thread(() -> {
      try (AerospikeClient c = new AerospikeClient(policy, hosts)) {
        WritePolicy write = new WritePolicy();
        write.totalTimeout = 10_000;
        WritePolicy durable = new WritePolicy(write);
        durable.durableDelete = true;
        for (int i = 0; !stop.get(); i++) {
          try {
            c.put(write, new Key(namespace, set, "live-" + (i % liveKeys)), bins.apply(i));
            if (i % 3 == 0) {
              c.delete(durable, new Key(namespace, set, "key-" + (i % preloadedKeys)));
            }
            if (i % liveDeleteEvery == 0) {
              c.delete(durable, new Key(namespace, set, "live-" + ((i + liveDeleteOffset) % liveKeys)));
            }
          } catch (AerospikeException.Timeout e) {
            // a loaded machine: the comparison reads the source's end state, whatever applied
          }
          ops.incrementAndGet();
        }
      }
    }, name);
    t.start();
    return t;
  }
}
