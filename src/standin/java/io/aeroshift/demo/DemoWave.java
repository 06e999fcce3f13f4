package io.aeroshift.demo;

import io.aeroshift.planning.CutoverMethod;
import io.aeroshift.planning.MigrationPlan;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The demo wave: one migration per demo source, from the plan files of {@code demo-plans/}, and
 * the workloads their cutover switches in the mock Kubernetes API server.
 */
final class DemoWave {
  /** The set each simulated application writes in its source's namespace. */
  static final String APP_SET = "live";

  private DemoWave() {}

  /**
   * A migration of the demo wave and what its cutover switches.
   *
   * @param configMap the ConfigMap holding the clients' seeds (null unless the plan switches by ConfigMap)
   * @param deployments the Deployments the switch restarts (their names)
   */
  record Member(String plan, String team, String wave, String source, String kubernetesNamespace,
      String targetCluster, String configMap, String seedsKey, List<String> deployments) {}

  static Member member(MigrationPlan plan, EmbeddedDemo.DemoCluster source) {
    MigrationPlan.ConfigMapSwitch cm = plan.cutover().method() == CutoverMethod.CONFIGMAP ? plan.cutover().configMap()
        : null;
    String kns = cm != null && cm.namespace() != null ? cm.namespace() : plan.target().kubernetesNamespace();
    List<String> deployments = cm == null ? List.of() : cm.restart().stream()
        .filter(w -> w.startsWith("deployment/")).map(w -> w.substring("deployment/".length())).toList();
    return new Member(plan.name(), plan.team(), plan.wave(), source.name(), kns, plan.target().clusterName(),
        cm == null ? null : cm.name(), cm == null ? null : cm.key(), deployments);
  }

  /**
   * Creates what is missing: the ConfigMap holding the source's seeds (as the team had it before
   * the migration) and the Deployments its switch restarts. Objects kept from an earlier start
   * stay as they are (after a cutover the ConfigMap holds the target's seeds).
   */
  static void ensureWorkloads(KubernetesClient client, Member m, List<String> sourceSeeds) {
    if (m.configMap() == null) {
      return;
    }
    if (client.configMaps().inNamespace(m.kubernetesNamespace()).withName(m.configMap()).get() == null) {
      client.configMaps().inNamespace(m.kubernetesNamespace()).resource(new ConfigMapBuilder().withNewMetadata()
          .withName(m.configMap()).addToLabels("team", m.team()).endMetadata()
          .addToData(m.seedsKey(), String.join(",", sourceSeeds)).build()).create();
    }
    for (String d : m.deployments()) {
      if (client.apps().deployments().inNamespace(m.kubernetesNamespace()).withName(d).get() == null) {
        client.apps().deployments().inNamespace(m.kubernetesNamespace()).resource(new DeploymentBuilder()
            .withNewMetadata().withName(d).addToLabels("team", m.team()).endMetadata()
            .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", d).endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", d).endMetadata().withNewSpec().addNewContainer()
            .withName("app").withImage(m.team() + "/" + d + ":1").endContainer().endSpec().endTemplate().endSpec()
            .build()).create();
      }
    }
  }

  /** The plan files of the directory ({@code *.yaml}, {@code *.yml}) by path, with their text. */
  static Map<Path, String> planFiles(Path dir) {
    Map<Path, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).toList()) {
        out.put(p, Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("demo plans in " + dir, e);
    }
    return out;
  }
}
