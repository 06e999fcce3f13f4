package io.aeroshift.provisioning;

import io.aeroshift.provisioning.crd.AerospikeCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Applies AerospikeCluster resources through the fabric8 client and waits for AKO to make them
 * ready. Apply is idempotent: create when absent; otherwise a JSON merge patch of only the fields
 * Aeroshift owns (webhook-filled fields are kept), guarded by the resourceVersion read just before
 * and retried on a fresh read after a conflict; nothing is written when the owned fields already hold
 * the desired values. Server-side apply is not used: fabric8's mock API server refuses it (415).
 */
public final class Fabric8ClusterProvisioner implements AutoCloseable {
  static final int MAX_CONFLICT_RETRIES = 5;

  private final KubernetesClient client;
  private final ScheduledExecutorService scheduler;

  public Fabric8ClusterProvisioner(KubernetesClient client) {
    this.client = client;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "aeroshift-provisioning-poll");
      t.setDaemon(true);
      return t;
    });
  }

  /** Creates or patches; returns what happened, with the resource as admitted. */
  public ApplyResult apply(AerospikeCluster desired) {
    String ns = desired.getMetadata().getNamespace();
    String name = desired.getMetadata().getName();
    Resource<AerospikeCluster> resource = client.resources(AerospikeCluster.class).inNamespace(ns).withName(name);
    for (int attempt = 0; ; attempt++) {
      AerospikeCluster current = resource.get();
      try {
        if (current == null) {
          return new ApplyResult.Created(client.resources(AerospikeCluster.class).inNamespace(ns).resource(desired)
              .create());
        }
        if (OwnedFields.satisfied(desired, current)) {
          return new ApplyResult.Noop(current);
        }
        var patch = OwnedFields.patch(desired);
        ((com.fasterxml.jackson.databind.node.ObjectNode) patch.get("metadata"))
            .put("resourceVersion", current.getMetadata().getResourceVersion());
        AerospikeCluster patched = resource.patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        return new ApplyResult.Patched(patched, attempt);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 && attempt < MAX_CONFLICT_RETRIES) {
          continue; // someone wrote in between: read again and recompute
        }
        throw rejection(e, ns, name);
      }
    }
  }

  /** One readiness check of the named cluster. */
  public Readiness check(String namespace, String name) {
    AerospikeCluster current = client.resources(AerospikeCluster.class).inNamespace(namespace).withName(name).get();
    if (current == null) {
      return new Readiness.NotReady(null, java.util.List.of("the resource to exist"), null);
    }
    return ReadinessCheck.evaluate(current, latestOperatorMessage(namespace, name));
  }

  /**
   * Re-checks every {@code interval} until ready or the deadline passes. The future fails with
   * {@link ProvisioningException.Timeout} carrying the last state (phase, what was missing, the
   * operator's last message).
   */
  public CompletableFuture<Readiness.Ready> awaitReady(String namespace, String name, Duration timeout,
      Duration interval) {
    CompletableFuture<Readiness.Ready> result = new CompletableFuture<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    AtomicReference<Readiness> last = new AtomicReference<>();
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    task.set(scheduler.scheduleWithFixedDelay(() -> {
      if (result.isDone()) {
        return;
      }
      try {
        Readiness r = check(namespace, name);
        last.set(r);
        if (r instanceof Readiness.Ready ready) {
          result.complete(ready);
        } else if (System.nanoTime() - deadline >= 0) {
          result.completeExceptionally(new ProvisioningException.Timeout("AerospikeCluster " + namespace + "/" + name
              + " not ready after " + timeout + ": " + r.describe(), r));
        }
      } catch (RuntimeException e) {
        if (System.nanoTime() - deadline >= 0) {
          result.completeExceptionally(new ProvisioningException("AerospikeCluster " + namespace + "/" + name
              + " could not be read before the deadline: " + e.getMessage(), e));
        }
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS));
    result.whenComplete((r, e) -> {
      ScheduledFuture<?> f = task.get();
      if (f != null) {
        f.cancel(false);
      }
    });
    return result;
  }

  private String latestOperatorMessage(String namespace, String name) {
    try {
      return client.v1().events().inNamespace(namespace).list().getItems().stream()
          .filter(e -> e.getInvolvedObject() != null && "AerospikeCluster".equals(e.getInvolvedObject().getKind())
              && name.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType()))
          .max(Comparator.comparing((Event e) -> Objects.toString(e.getLastTimestamp(), ""))
              .thenComparing(e -> Objects.toString(e.getMetadata().getResourceVersion(), "")))
          .map(e -> e.getReason() + ": " + e.getMessage())
          .orElse(null);
    } catch (KubernetesClientException e) {
      return null; // events are diagnostics only; no RBAC for them must not hide readiness
    }
  }

  private static ProvisioningException rejection(KubernetesClientException e, String ns, String name) {
    String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : e.getMessage();
    if (e.getCode() == 400 || e.getCode() == 403 || e.getCode() == 422) {
      return new ProvisioningException.AdmissionRejected(e.getCode(), "AerospikeCluster " + ns + "/" + name
          + " rejected: " + message, e);
    }
    return new ProvisioningException("applying AerospikeCluster " + ns + "/" + name + " failed (HTTP " + e.getCode()
        + "): " + message, e);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
