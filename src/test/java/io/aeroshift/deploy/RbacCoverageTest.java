package io.aeroshift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.aeroshift.cutover.ClientSwitchException;
import io.aeroshift.cutover.SeedListSwitch;
import io.aeroshift.cutover.SwitchRequest;
import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.Snapshots;
import io.aeroshift.planning.SourceConfig;
import io.aeroshift.demo.AkoMockServer;
import io.aeroshift.provisioning.Fabric8ClusterProvisioner;
import io.aeroshift.provisioning.PlanCompiler;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import io.aeroshift.transfer.xdr.Fabric8XdrProxy;
import io.aeroshift.transfer.xdr.XdrProxyResources;
import io.aeroshift.workflow.machine.Migration;
import io.aeroshift.workflow.migration.Fabric8TargetClusters;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The RBAC in {@code deploy/} grants exactly the Kubernetes API calls the code makes. The calls are
 * not listed by hand: the code's own Kubernetes paths (provisioning: apply, patch, readiness with the
 * operator's events; the target's admin secret; the seed-list switch through a ConfigMap and a
 * Secret with rollout restarts of a Deployment and a StatefulSet; the XDR proxy deployed twice and
 * removed) run against fabric8's mock API server through a client of their own, and every request
 * that client made, as the server recorded it, is mapped to (apiGroup, resource, verb). That set
 * must equal the rules of every Role and ClusterRole in {@code deploy/}, both ways: a call without
 * a rule fails in production with 403, a rule without a call is privilege nobody needs.
 */
class RbacCoverageTest {
  private static final String CODE = "aeroshift-under-test";
  private static final String NS = "payments";

  @Test
  void theRolesInDeployGrantExactlyTheCallsTheCodeMakes() throws Exception {
    Set<KubernetesCall> made = callsTheCodeMakes();
    Set<KubernetesCall> granted = grantedByDeploy();
    assertThat(made).as("calls the code made (sanity: every path ran)").contains(
        new KubernetesCall("asdb.aerospike.com", "aerospikeclusters", "create"),
        new KubernetesCall("asdb.aerospike.com", "aerospikeclusters", "patch"),
        new KubernetesCall("", "events", "list"),
        new KubernetesCall("", "secrets", "patch"),
        new KubernetesCall("apps", "statefulsets", "patch"),
        new KubernetesCall("", "services", "delete"));
    assertThat(new TreeSet<>(granted)).as("RBAC rules in deploy/ without a call the code makes (remove them)")
        .isSubsetOf(made);
    assertThat(new TreeSet<>(made)).as("calls the code makes without an RBAC rule in deploy/ (add them)")
        .isSubsetOf(granted);
  }

  @Test
  void theBindingsGiveTheRolesToTheServiceAccountTheDeploymentRunsAs() throws IOException {
    List<JsonNode> docs = manifests();
    JsonNode account = docs.stream().filter(d -> "ServiceAccount".equals(d.path("kind").asText())).findFirst()
        .orElseThrow();
    String name = account.path("metadata").path("name").asText();
    assertThat(docs.stream().filter(d -> "Deployment".equals(d.path("kind").asText()))
        .map(d -> d.path("spec").path("template").path("spec").path("serviceAccountName").asText()))
        .containsOnly(name);
    List<JsonNode> bindings = docs.stream().filter(d -> d.path("kind").asText().endsWith("RoleBinding")).toList();
    List<String> roles = docs.stream().filter(d -> d.path("kind").asText().endsWith("Role")
        && !d.path("kind").asText().endsWith("Binding")).map(d -> d.path("kind").asText() + "/"
        + d.path("metadata").path("name").asText()).toList();
    assertThat(bindings).isNotEmpty();
    List<String> bound = new ArrayList<>();
    for (JsonNode b : bindings) {
      assertThat(b.path("subjects")).as("subjects of %s", b.path("metadata").path("name").asText())
          .allSatisfy(s -> assertThat(s.path("name").asText()).isEqualTo(name));
      bound.add(b.path("roleRef").path("kind").asText() + "/" + b.path("roleRef").path("name").asText());
    }
    assertThat(bound).as("every role is bound").containsExactlyInAnyOrderElementsOf(roles);
  }

  // ---------- the calls, as the mock API server recorded them ----------

  private static Set<KubernetesCall> callsTheCodeMakes() throws Exception {
    try (AkoMockServer k8s = new AkoMockServer();
        KubernetesClient code = new KubernetesClientBuilder().withConfig(new ConfigBuilder(k8s.client.getConfiguration())
            .withUserAgent(CODE).build()).build()) {
      setUpTheWorld(k8s.client);
      provisioning(code);
      seedListSwitches(code);
      xdrProxy(code);
      Set<KubernetesCall> calls = new TreeSet<>();
      for (RecordedRequest r = k8s.server.takeRequest(1, TimeUnit.SECONDS); r != null;
          r = k8s.server.takeRequest(1, TimeUnit.SECONDS)) {
        if (CODE.equals(r.getHeader("User-Agent"))) {
          KubernetesCall.of(r.getMethod(), r.getPath()).ifPresent(calls::add);
        }
      }
      return calls;
    }
  }

  /** What the code finds in a cluster (made with the test's own client, so not counted). */
  private static void setUpTheWorld(KubernetesClient admin) {
    admin.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("seeds-cm")
        .endMetadata().addToData("seeds", "10.0.0.1:3000").build()).create();
    admin.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("seeds-secret")
        .endMetadata().addToData("seeds", b64("10.0.0.1:3000")).build()).create();
    admin.secrets().inNamespace("migration").resource(new SecretBuilder().withNewMetadata().withName("auth-secret")
        .endMetadata().addToData("password", b64("s3cret")).build()).create();
    admin.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("api")
        .endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "api").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata().withNewSpec().addNewContainer()
        .withName("app").withImage("api:1").endContainer().endSpec().endTemplate().endSpec().build()).create();
    admin.apps().statefulSets().inNamespace(NS).resource(new StatefulSetBuilder().withNewMetadata().withName("cache")
        .endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "cache").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "cache").endMetadata().withNewSpec().addNewContainer()
        .withName("app").withImage("cache:1").endContainer().endSpec().endTemplate().endSpec().build()).create();
  }

  /** Create, read with the operator's events, patch; the target's admin password. */
  private static void provisioning(KubernetesClient code) {
    ClusterSnapshot s = Snapshots.inMemory();
    MigrationPlan plan = Snapshots.plan(s, "8.1.1.0", new MigrationPlan.Features(true, false, false, false), 1);
    AerospikeCluster desired = PlanCompiler.compile(plan, s, SourceConfig.NONE).cluster();
    try (Fabric8ClusterProvisioner p = new Fabric8ClusterProvisioner(code)) {
      p.apply(desired);
      p.check(desired.getMetadata().getNamespace(), desired.getMetadata().getName());
      AerospikeCluster bigger = PlanCompiler.compile(plan, s, SourceConfig.NONE).cluster();
      bigger.getSpec().setSize(desired.getSpec().getSize() + 1);
      p.apply(bigger);
    }
    Migration m = Migration.planned("m-1", plan.name(), plan.source().cluster(), plan.team(), plan.wave(), "test",
        Instant.now());
    new Fabric8TargetClusters(code, x -> PlanCompiler.compile(x, s, SourceConfig.NONE), Clock.systemUTC())
        .connection(m, plan);
  }

  /** Both seed stores, restarting a Deployment and a StatefulSet; nothing rolls them out here, so the wait ends. */
  private static void seedListSwitches(KubernetesClient code) {
    SwitchRequest request = new SwitchRequest("m-1", SwitchRequest.Direction.TO_TARGET, List.of("10.0.0.1:3000"),
        List.of("10.1.0.1:3000"), Instant.now());
    for (SeedListSwitch.Store store : SeedListSwitch.Store.values()) {
      String name = store == SeedListSwitch.Store.CONFIGMAP ? "seeds-cm" : "seeds-secret";
      SeedListSwitch sw = new SeedListSwitch(code, store, NS, name, "seeds", List.of("deployment/api",
          "statefulset/cache"), Clock.systemUTC());
      try {
        sw.switchClients(request, Duration.ofMillis(300));
      } catch (ClientSwitchException expected) {
        // the rollouts never finish without a controller: the calls were made all the same
      }
    }
  }

  private static void xdrProxy(KubernetesClient code) {
    XdrProxyResources proxy = new XdrProxyResources("src-a-xdr-proxy", "aerospike",
        "aerospike/aerospike-xdr-proxy:4.0.5", List.of("src-a-0-0.aerospike.svc.cluster.local:3000"), 1,
        "ClusterIP");
    Fabric8XdrProxy xdr = new Fabric8XdrProxy(code);
    xdr.apply(proxy);
    xdr.apply(proxy);
    xdr.gone(proxy);
    xdr.remove(proxy);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  // ---------- the rules, from every manifest in deploy/ ----------

  private static Set<KubernetesCall> grantedByDeploy() throws IOException {
    Set<KubernetesCall> granted = new TreeSet<>();
    for (JsonNode doc : manifests()) {
      String kind = doc.path("kind").asText();
      if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
        continue;
      }
      for (JsonNode rule : doc.path("rules")) {
        assertThat(rule.has("resourceNames") || rule.has("nonResourceURLs")).as("rule %s", rule).isFalse();
        for (JsonNode group : rule.path("apiGroups")) {
          for (JsonNode resource : rule.path("resources")) {
            for (JsonNode verb : rule.path("verbs")) {
              assertThat(List.of(group.asText(), resource.asText(), verb.asText())).as("wildcards in %s", rule)
                  .doesNotContain("*");
              granted.add(new KubernetesCall(group.asText(), resource.asText(), verb.asText()));
            }
          }
        }
      }
    }
    return granted;
  }

  /** Every YAML document of every manifest under deploy/ (kustomization and generator inputs excluded). */
  static List<JsonNode> manifests() throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    List<JsonNode> docs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("deploy"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
          .toList()) {
        try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(f.toFile())) {
          while (it.hasNext()) {
            JsonNode d = it.next();
            if (d != null && d.has("kind") && !"Kustomization".equals(d.path("kind").asText())) {
              docs.add(d);
            }
          }
        }
      }
    }
    return docs;
  }
}
