package io.aeroshift.demo;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The part of Kubernetes' Deployment controller a rollout restart needs, for an API server without
 * controllers (fabric8's mock server; demo and tests only). Each round, for every Deployment of its
 * namespace: the status observes the current generation; the new template counts as rolled out on
 * its pods once every simulated pod registered for the Deployment runs the template's
 * {@code kubectl.kubernetes.io/restartedAt} (a {@link SimulatedApplication} does once it has
 * reconnected); then {@code updatedReplicas}, {@code replicas}, {@code readyReplicas} and
 * {@code availableReplicas} equal {@code spec.replicas}, which is what {@code kubectl rollout status}
 * waits for. Until then updated replicas are 0 and the old replicas still count.
 */
public final class SimulatedDeploymentController implements AutoCloseable {
  private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, List<SimulatedApplication>> pods = new ConcurrentHashMap<>();
  private ScheduledExecutorService scheduler;

  public SimulatedDeploymentController(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Registers a simulated pod of a Deployment. */
  public void pod(String deployment, SimulatedApplication app) {
    pods.computeIfAbsent(deployment, d -> new CopyOnWriteArrayList<>()).add(app);
  }

  public synchronized SimulatedDeploymentController start(Duration period) {
    if (scheduler == null) {
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-deployment-controller");
        t.setDaemon(true);
        return t;
      });
      scheduler.scheduleWithFixedDelay(this::reconcileOnce, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** One round over every Deployment of the namespace. */
  public void reconcileOnce() {
    for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
      try {
        reconcile(d);
      } catch (RuntimeException e) {
        // a conflicting write got in first: the next round sees the new version
      }
    }
  }

  private void reconcile(Deployment d) {
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    String wanted = d.getSpec().getTemplate().getMetadata() == null
        || d.getSpec().getTemplate().getMetadata().getAnnotations() == null ? null
        : d.getSpec().getTemplate().getMetadata().getAnnotations().get(RESTARTED_AT);
    boolean rolledOut = pods.getOrDefault(d.getMetadata().getName(), List.of()).stream()
        .allMatch(p -> p.started() && Objects.equals(p.runningRestartedAt(), wanted));
    long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
    DeploymentStatus status = rolledOut
        ? new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
            .withUpdatedReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).build()
        : new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
            .withUpdatedReplicas(0).withReadyReplicas(replicas).withAvailableReplicas(replicas).build();
    if (!status.equals(d.getStatus())) {
      d.setStatus(status);
      client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
