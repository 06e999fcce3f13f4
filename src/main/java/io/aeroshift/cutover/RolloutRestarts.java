package io.aeroshift.cutover;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Rollout restarts of Deployments and StatefulSets through fabric8, as {@code kubectl rollout
 * restart} does them: the pod template gets the annotation {@value #RESTARTED_AT} (RFC 3339), which
 * changes the template and so makes the controller replace every pod. The annotation's value is the
 * switch instant, not the time of the call, so calling again for the same switch (a restart of the
 * service mid-switch) changes nothing and restarts no pod twice.
 */
public final class RolloutRestarts {
  public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
  private static final Duration POLL = Duration.ofMillis(100);

  private final KubernetesClient client;
  private final Clock clock;

  public RolloutRestarts(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** A workload named in a plan: {@code deployment/<name>} or {@code statefulset/<name>}. */
  public record Workload(String kind, String namespace, String name) {
    public static Workload parse(String namespace, String ref) {
      int slash = ref.indexOf('/');
      String kind = slash < 0 ? "" : ref.substring(0, slash);
      if (!kind.equals("deployment") && !kind.equals("statefulset")) {
        throw new IllegalArgumentException("workload '" + ref + "' is not deployment/<name> or statefulset/<name>");
      }
      return new Workload(kind, namespace, ref.substring(slash + 1));
    }

    @Override
    public String toString() {
      return kind + "/" + namespace + "/" + name;
    }
  }

  /** The annotation value for a switch instant (RFC 3339 as kubectl writes it, to the millisecond so two switches in one second differ). */
  public static String restartedAt(Instant switchAt) {
    return DateTimeFormatter.ISO_INSTANT.format(switchAt.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Sets the restart annotation unless the template already carries it; true when it changed. */
  public boolean restart(Workload w, String restartedAt) {
    if (w.kind().equals("deployment")) {
      Deployment d = client.apps().deployments().inNamespace(w.namespace()).withName(w.name()).get();
      if (d == null) {
        throw new IllegalStateException("deployment " + w.namespace() + "/" + w.name() + " not found");
      }
      if (restartedAt.equals(annotation(d.getSpec().getTemplate()))) {
        return false;
      }
      client.apps().deployments().inNamespace(w.namespace()).withName(w.name())
          .edit(x -> annotate(x, x.getSpec().getTemplate(), restartedAt));
      return true;
    }
    StatefulSet s = client.apps().statefulSets().inNamespace(w.namespace()).withName(w.name()).get();
    if (s == null) {
      throw new IllegalStateException("statefulset " + w.namespace() + "/" + w.name() + " not found");
    }
    if (restartedAt.equals(annotation(s.getSpec().getTemplate()))) {
      return false;
    }
    client.apps().statefulSets().inNamespace(w.namespace()).withName(w.name())
        .edit(x -> annotate(x, x.getSpec().getTemplate(), restartedAt));
    return true;
  }

  /** What the workload's rollout still waits for, empty when done. */
  public Optional<String> waitingFor(Workload w) {
    if (w.kind().equals("deployment")) {
      Deployment d = client.apps().deployments().inNamespace(w.namespace()).withName(w.name()).get();
      return d == null ? Optional.of("deployment to exist") : RolloutStatus.waitingFor(d);
    }
    StatefulSet s = client.apps().statefulSets().inNamespace(w.namespace()).withName(w.name()).get();
    return s == null ? Optional.of("statefulset to exist") : RolloutStatus.waitingFor(s);
  }

  /**
   * Waits until every workload's rollout is done; returns what is still pending (workload to
   * reason) when {@code timeout} passes first, empty when all are done.
   */
  public Map<Workload, String> await(List<Workload> workloads, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    Map<Workload, String> pending = new LinkedHashMap<>();
    while (true) {
      pending.clear();
      for (Workload w : workloads) {
        waitingFor(w).ifPresent(why -> pending.put(w, why));
      }
      if (pending.isEmpty() || !clock.instant().isBefore(deadline)) {
        return pending;
      }
      LockSupport.parkNanos(POLL.toNanos());
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        return pending;
      }
    }
  }

  private static String annotation(PodTemplateSpec t) {
    return t.getMetadata() == null || t.getMetadata().getAnnotations() == null ? null
        : t.getMetadata().getAnnotations().get(RESTARTED_AT);
  }

  private static <T> T annotate(T workload, PodTemplateSpec template, String restartedAt) {
    if (template.getMetadata() == null) {
      template.setMetadata(new ObjectMeta());
    }
    Map<String, String> a = template.getMetadata().getAnnotations() == null ? new HashMap<>()
        : new HashMap<>(template.getMetadata().getAnnotations());
    a.put(RESTARTED_AT, restartedAt);
    template.getMetadata().setAnnotations(a);
    return workload;
  }
}
