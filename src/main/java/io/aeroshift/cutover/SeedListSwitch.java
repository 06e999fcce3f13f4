package io.aeroshift.cutover;

import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code configmap} and {@code secret} methods: the seed list lives in one key of a ConfigMap
 * (or Secret) that the clients read at start, so the switch writes the new seeds there and then
 * rollout-restarts the listed workloads (Aerospike clients follow the cluster's peers once
 * started: only a restart makes them read the seeds again), waiting for every rollout.
 *
 * <p>Idempotent per request: a key already holding the seeds is not written again, a template
 * already annotated with this switch's instant is not restarted again.
 */
public final class SeedListSwitch implements ClientSwitch {

  /** Where the seed list is kept. */
  public enum Store {
    CONFIGMAP,
    SECRET
  }

  private final KubernetesClient client;
  private final Store store;
  private final String namespace;
  private final String name;
  private final String key;
  private final List<RolloutRestarts.Workload> workloads;
  private final RolloutRestarts restarts;
  private final Clock clock;

  public SeedListSwitch(KubernetesClient client, Store store, String namespace, String name, String key,
      List<String> restart, Clock clock) {
    this.client = client;
    this.store = store;
    this.namespace = namespace;
    this.name = name;
    this.key = key;
    this.workloads = restart.stream().map(r -> RolloutRestarts.Workload.parse(namespace, r)).toList();
    this.restarts = new RolloutRestarts(client, clock);
    this.clock = clock;
  }

  @Override
  public String method() {
    return store == Store.CONFIGMAP ? "configmap" : "secret";
  }

  @Override
  public SwitchReceipt switchClients(SwitchRequest request, Duration timeout) {
    String seeds = request.toSeedList();
    boolean written;
    int restarted = 0;
    try {
      written = writeSeeds(seeds);
      String restartedAt = RolloutRestarts.restartedAt(request.switchAt());
      for (RolloutRestarts.Workload w : workloads) {
        if (restarts.restart(w, restartedAt)) {
          restarted++;
        }
      }
    } catch (KubernetesClientException | IllegalStateException e) {
      throw failed("could not write " + where() + " or restart its workloads: " + e.getMessage(), e);
    }
    Map<RolloutRestarts.Workload, String> pending = restarts.await(workloads, timeout);
    if (!pending.isEmpty()) {
      throw failed(where() + " holds the new seeds but rollouts did not finish within " + timeout + ": "
          + pending.entrySet().stream().map(e -> e.getKey() + " waits for " + e.getValue())
              .collect(Collectors.joining("; ")), null);
    }
    return new SwitchReceipt(method(), clock.instant(),
        where() + (written ? " set to " : " already held ") + seeds + "; " + restarted + " of " + workloads.size()
            + " workload(s) restarted, every rollout finished");
  }

  /** The seeds the key holds now, or null when the object or key is missing. */
  public String currentSeeds() {
    if (store == Store.CONFIGMAP) {
      ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
      return cm == null || cm.getData() == null ? null : cm.getData().get(key);
    }
    Secret s = client.secrets().inNamespace(namespace).withName(name).get();
    if (s == null || s.getData() == null || s.getData().get(key) == null) {
      return null;
    }
    return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
  }

  private boolean writeSeeds(String seeds) {
    if (seeds.equals(currentSeeds())) {
      return false;
    }
    if (store == Store.CONFIGMAP) {
      if (client.configMaps().inNamespace(namespace).withName(name).get() == null) {
        throw new IllegalStateException("ConfigMap " + namespace + "/" + name + " not found");
      }
      client.configMaps().inNamespace(namespace).withName(name).edit(cm -> {
        Map<String, String> data = cm.getData() == null ? new HashMap<>() : new HashMap<>(cm.getData());
        data.put(key, seeds);
        cm.setData(data);
        return cm;
      });
      return true;
    }
    if (client.secrets().inNamespace(namespace).withName(name).get() == null) {
      throw new IllegalStateException("Secret " + namespace + "/" + name + " not found");
    }
    client.secrets().inNamespace(namespace).withName(name).edit(s -> {
      Map<String, String> data = s.getData() == null ? new HashMap<>() : new HashMap<>(s.getData());
      data.put(key, Base64.getEncoder().encodeToString(seeds.getBytes(StandardCharsets.UTF_8)));
      s.setData(data);
      return s;
    });
    return true;
  }

  private String where() {
    return (store == Store.CONFIGMAP ? "ConfigMap " : "Secret ") + namespace + "/" + name + " key " + key;
  }

  private ClientSwitchException failed(String detail, Throwable cause) {
    return new ClientSwitchException(Failure.of(FailureReason.CLIENT_SWITCH_FAILED, detail, clock.instant()), cause);
  }

}
