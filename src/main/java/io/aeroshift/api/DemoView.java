package io.aeroshift.api;

import java.util.List;

/**
 * What {@code GET /api/v1/demo} tells outside tools about the embedded demo.
 *
 * @param kubernetesApi base URL of the demo's Kubernetes API server (fabric8's mock, with the
 *     simulated AKO operator): curl and any Kubernetes client read the AerospikeClusters,
 *     ConfigMaps and Deployments the service changes there
 * @param dashboard the service's own base URL (filled in by the resource)
 * @param wave the demo wave, ready to start
 * @param sources the demo's source clusters
 * @param migrations the wave's plans and what their cutover switches
 * @param users the embedded default's local users (each one's password is its name)
 */
public record DemoView(String kubernetesApi, String dashboard, String wave, List<Source> sources,
    List<Migration> migrations, List<User> users) {

  /** A demo source cluster: inventory name, team, seeds and node ids (the same after a restart). */
  public record Source(String name, String team, List<String> seeds, List<String> nodeIds) {}

  /**
   * A migration of the demo wave.
   *
   * @param configMap {@code namespace/name} of the ConfigMap its clients read their seeds from (null unless configmap)
   * @param seedsKey the ConfigMap key holding the comma-separated seeds
   * @param deployments the Deployments (in {@code kubernetesNamespace}) the switch restarts
   */
  public record Migration(String plan, String team, String source, String kubernetesNamespace, String targetCluster,
      String configMap, String seedsKey, List<String> deployments) {}

  /** A local user and what it may do in the demo. */
  public record User(String user, String role, String may) {}

  public DemoView withDashboard(String url) {
    return new DemoView(kubernetesApi, url, wave, sources, migrations, users);
  }
}
