package io.aeroshift.demo;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A client application as the cutover sees it (demo and tests only): one pod of a Deployment that
 * reads its Aerospike seeds from a ConfigMap key at start, writes continuously (keys with
 * increasing sequence numbers, rewrites and deletes of keys it wrote since its start), and is
 * replaced when its Deployment's pod template changes (the {@code kubectl.kubernetes.io/restartedAt}
 * annotation of a rollout restart): it stops writing, closes its client, reads the seeds again and
 * reconnects, as a new pod would.
 *
 * <p>It keeps a ledger of every acknowledged write and delete (the last acknowledged state of each
 * key), of the writes whose outcome it does not know, and of the longest gap between two
 * acknowledged operations, so a test can check with its own reader that nothing acknowledged was
 * lost. Rewrites and deletes touch only keys written since the current start: a record the
 * application created on the cluster it uses now.
 */
public final class SimulatedApplication implements AutoCloseable {
  private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  /**
   * Where the application runs and what it writes.
   *
   * @param kubernetesNamespace namespace of its ConfigMap and Deployment
   * @param configMap the ConfigMap holding its seeds
   * @param seedsKey the key holding the comma-separated {@code host:port} seeds
   * @param deployment its Deployment (the restart annotation of its pod template is watched)
   * @param namespace the Aerospike namespace written
   * @param set the set written
   * @param keyPrefix user keys are {@code <keyPrefix>-<sequence>}
   * @param opsPerSecond pacing of writes
   * @param deletes whether it also deletes keys it wrote (every seventh operation)
   */
  public record Settings(String kubernetesNamespace, String configMap, String seedsKey, String deployment,
      String namespace, String set, String keyPrefix, int opsPerSecond, boolean deletes) {
    /** An application that writes, rewrites and deletes. */
    public Settings(String kubernetesNamespace, String configMap, String seedsKey, String deployment,
        String namespace, String set, String keyPrefix, int opsPerSecond) {
      this(kubernetesNamespace, configMap, seedsKey, deployment, namespace, set, keyPrefix, opsPerSecond, true);
    }
  }

  /**
   * What the application saw.
   *
   * @param lastValue each key's last acknowledged value; empty when its last acknowledged operation
   *     was a delete
   * @param inDoubt keys whose last operation's outcome is not known (timeouts); not in lastValue
   * @param acknowledged acknowledged writes and deletes
   * @param errors operations that failed without being applied
   * @param longestGap the longest time between two acknowledged operations
   * @param longestOutsideRestarts the longest such gap that does not span one of its own restarts
   * @param starts how many times it started (1 + restarts)
   * @param seeds the seeds of its current start
   */
  public record Ledger(Map<String, Optional<Long>> lastValue, List<String> inDoubt, long acknowledged, long errors,
      Duration longestGap, Duration longestOutsideRestarts, int starts, String seeds) {}

  private final KubernetesClient kubernetes;
  private final Settings settings;
  private final Map<String, Optional<Long>> lastValue = new ConcurrentHashMap<>();
  private final Map<String, Boolean> inDoubt = new ConcurrentHashMap<>();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong longestGapNanos = new AtomicLong();
  private final AtomicLong longestOutsideRestartsNanos = new AtomicLong();
  private volatile String runningRestartedAt;
  private volatile String seeds;
  private volatile int starts;
  private volatile long firstSequenceOfStart;
  private volatile boolean stopped;
  private volatile boolean paused;
  private Thread thread;

  public SimulatedApplication(KubernetesClient kubernetes, Settings settings) {
    this.kubernetes = kubernetes;
    this.settings = settings;
  }

  /** Starts the pod: reads the seeds, connects, writes until closed. */
  public synchronized SimulatedApplication start() {
    if (thread == null) {
      thread = new Thread(this::run, "simulated-app-" + settings.keyPrefix());
      thread.setDaemon(true);
      thread.start();
    }
    return this;
  }

  /** The restart annotation of the pod template this pod runs (null before the first restart). */
  public String runningRestartedAt() {
    return runningRestartedAt;
  }

  /** True once the pod is connected and writing with its current template. */
  public boolean started() {
    return starts > 0;
  }

  /** The first sequence number of the current start: keys from it on were created on the current cluster. */
  public long firstSequenceOfStart() {
    return firstSequenceOfStart;
  }

  /** Stops writing without closing the client (an application gone idle); {@link #resume} goes on. */
  public void pause() {
    paused = true;
  }

  public void resume() {
    paused = false;
  }

  public Ledger ledger() {
    return new Ledger(Map.copyOf(lastValue), List.copyOf(inDoubt.keySet()), acknowledged.get(), errors.get(),
        Duration.ofNanos(longestGapNanos.get()), Duration.ofNanos(longestOutsideRestartsNanos.get()), starts, seeds);
  }

  /** The user key of a sequence number. */
  public String key(long sequence) {
    return settings.keyPrefix() + "-" + sequence;
  }

  private void run() {
    long sequence = 0;
    long lastAck = 0;
    long periodNanos = 1_000_000_000L / Math.max(1, settings.opsPerSecond());
    long nextCheck = 0;
    while (!stopped) {
      String template = template();
      String seedList = seeds();
      runningRestartedAt = template;
      seeds = seedList;
      List<Long> mine = new ArrayList<>();
      boolean firstOfStart = true;
      try (AerospikeClient client = new AerospikeClient(clientPolicy(), hosts(seedList))) {
        firstSequenceOfStart = sequence + 1;
        starts++;
        WritePolicy write = new WritePolicy();
        write.sendKey = true;
        write.totalTimeout = 2000;
        while (!stopped) {
          long now = System.nanoTime();
          if (now >= nextCheck) {
            nextCheck = now + 50_000_000L;
            if (!Objects.equals(template(), template)) {
              break; // the pod is replaced: a new one reads the seeds again
            }
          }
          if (paused) {
            LockSupport.parkNanos(periodNanos);
            lastAck = 0;
            continue;
          }
          long op = ++sequence;
          long target;
          boolean delete = false;
          if (settings.deletes() && op % 7 == 0 && mine.size() > 2) {
            target = mine.remove((int) (op % mine.size()));
            delete = true;
          } else if (op % 5 == 0 && !mine.isEmpty()) {
            target = mine.get((int) (op % mine.size()));
          } else {
            target = op;
            mine.add(op);
          }
          String userKey = key(target);
          Key key = new Key(settings.namespace(), settings.set(), userKey);
          try {
            if (delete) {
              client.delete(write, key);
              lastValue.put(userKey, Optional.empty());
            } else {
              client.put(write, key, new Bin("seq", target), new Bin("value", op));
              lastValue.put(userKey, Optional.of(op));
            }
            inDoubt.remove(userKey);
            acknowledged.incrementAndGet();
            long ackAt = System.nanoTime();
            if (lastAck != 0) {
              long gap = ackAt - lastAck;
              longestGapNanos.accumulateAndGet(gap, Math::max);
              if (!firstOfStart) {
                longestOutsideRestartsNanos.accumulateAndGet(gap, Math::max);
              }
            }
            firstOfStart = false;
            lastAck = ackAt;
          } catch (AerospikeException e) {
            if (e.getInDoubt()) {
              inDoubt.put(userKey, true);
              lastValue.remove(userKey);
            } else {
              errors.incrementAndGet();
            }
          }
          LockSupport.parkNanos(periodNanos);
        }
      } catch (AerospikeException e) {
        errors.incrementAndGet(); // could not connect: a real pod would crash-loop and try again
        LockSupport.parkNanos(100_000_000L);
      }
    }
  }

  private String template() {
    Deployment d = kubernetes.apps().deployments().inNamespace(settings.kubernetesNamespace())
        .withName(settings.deployment()).get();
    if (d == null || d.getSpec().getTemplate().getMetadata() == null
        || d.getSpec().getTemplate().getMetadata().getAnnotations() == null) {
      return null;
    }
    return d.getSpec().getTemplate().getMetadata().getAnnotations().get(RESTARTED_AT);
  }

  private String seeds() {
    ConfigMap cm = kubernetes.configMaps().inNamespace(settings.kubernetesNamespace()).withName(settings.configMap())
        .get();
    if (cm == null || cm.getData() == null || cm.getData().get(settings.seedsKey()) == null) {
      throw new IllegalStateException("ConfigMap " + settings.kubernetesNamespace() + "/" + settings.configMap()
          + " has no key " + settings.seedsKey());
    }
    return cm.getData().get(settings.seedsKey());
  }

  private static Host[] hosts(String seedList) {
    return java.util.Arrays.stream(seedList.split(",")).map(String::trim).map(s -> {
      int colon = s.lastIndexOf(':');
      return new Host(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
    }).toArray(Host[]::new);
  }

  private static ClientPolicy clientPolicy() {
    ClientPolicy p = new ClientPolicy();
    p.timeout = 2000;
    p.tendInterval = 250;
    return p;
  }

  @Override
  public void close() {
    stopped = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
