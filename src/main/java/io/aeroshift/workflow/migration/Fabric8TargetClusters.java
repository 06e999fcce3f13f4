package io.aeroshift.workflow.migration;

import io.aeroshift.discovery.ConnectionSpec;
import io.aeroshift.outcome.Failure;
import io.aeroshift.outcome.FailureReason;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.provisioning.ApplyResult;
import io.aeroshift.provisioning.Fabric8ClusterProvisioner;
import io.aeroshift.provisioning.PlanPreview;
import io.aeroshift.provisioning.ProvisioningException;
import io.aeroshift.provisioning.Readiness;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.machine.TargetState;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@link TargetClusters} through fabric8 and the provisioning package: the plan compiled against its
 * source's latest discovery, applied with {@link Fabric8ClusterProvisioner} (create, patch or
 * no-op, so applying again after a restart provisions nothing twice), readiness by
 * {@code ReadinessCheck}. A refused apply is kept and observed as {@link TargetState.Failed}.
 * When the plan turns security on, the target is reached as {@code admin} with the password of the
 * plan's {@code authSecret}, read when connecting and never stored.
 */
public final class Fabric8TargetClusters implements TargetClusters {
  private final KubernetesClient client;
  private final Fabric8ClusterProvisioner provisioner;
  private final Function<MigrationPlan, PlanPreview> compile;
  private final Clock clock;
  private final Map<String, Failure> refused = new ConcurrentHashMap<>();
  private final AtomicInteger created = new AtomicInteger();

  public Fabric8TargetClusters(KubernetesClient client, Function<MigrationPlan, PlanPreview> compile, Clock clock) {
    this.client = client;
    this.provisioner = new Fabric8ClusterProvisioner(client);
    this.compile = compile;
    this.clock = clock;
  }

  @Override
  public void apply(Migration m, MigrationPlan plan) {
    try {
      ApplyResult r = provisioner.apply(compile.apply(plan).cluster());
      refused.remove(m.id());
      if (r instanceof ApplyResult.Created) {
        created.incrementAndGet();
      }
    } catch (ProvisioningException e) {
      refused.put(m.id(), Failure.of(FailureReason.PROVISIONING_FAILED, e.getMessage(), clock.instant()));
    } catch (RuntimeException e) {
      refused.put(m.id(), Failure.of(FailureReason.PROVISIONING_FAILED, "apply of " + plan.target().clusterName()
          + " failed: " + e.getMessage(), clock.instant()));
    }
  }

  @Override
  public TargetState observe(Migration m, MigrationPlan plan) {
    Failure f = refused.get(m.id());
    if (f != null) {
      return new TargetState.Failed(f);
    }
    Readiness r = provisioner.check(plan.target().kubernetesNamespace(), plan.target().clusterName());
    if (r instanceof Readiness.Ready ready) {
      return new TargetState.Ready(ready.endpoints());
    }
    Readiness.NotReady n = (Readiness.NotReady) r;
    if (n.phase() == null && n.waitingFor().contains("the resource to exist")) {
      return TargetState.ABSENT;
    }
    return new TargetState.Pending(n.describe());
  }

  @Override
  public ConnectionSpec connection(Migration m, MigrationPlan plan) {
    String user = null;
    String password = null;
    if (plan.target().features() != null && plan.target().features().security()) {
      Secret s = client.secrets().inNamespace(plan.target().kubernetesNamespace())
          .withName(plan.target().authSecret()).get();
      if (s == null || s.getData() == null || !s.getData().containsKey("password")) {
        throw new IllegalStateException("secret " + plan.target().kubernetesNamespace() + "/"
            + plan.target().authSecret() + " has no key 'password' for the target's admin user");
      }
      user = "admin";
      password = new String(Base64.getDecoder().decode(s.getData().get("password")), StandardCharsets.UTF_8);
    }
    return new ConnectionSpec(m.targetEndpoints(), user, password, null, Duration.ofSeconds(5));
  }

  /** AerospikeClusters this process created (not patched, not found as they were). */
  public int created() {
    return created.get();
  }
}
