package io.aeroshift.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTest {
  static final SuiteCatalog SUITES = SuiteCatalog.of("standard", "quick");
  final PlanLoader loader = new PlanLoader(SUITES);

  static final String VALID = """
      name: orders-move
      source: {cluster: orders-ce}
      team: orders
      owners: [ann]
      wave: wave-2
      target:
        kubernetesNamespace: orders
        clusterName: orders-ee
        image: aerospike/aerospike-server-enterprise:8.1.1.0
        storageClass: ssd
      copy:
        mode: XDR
        rateLimits: {recordsPerSecond: 100, bytesPerSecond: 1000}
      validation: {suite: quick}
      cutover:
        method: manual
        maxLagSeconds: 0
        drainQuietPeriodSeconds: 60
      """;

  @Test
  void loadsAPlanAndFillsDefaults() {
    MigrationPlan p = loader.load("orders-move.yaml", VALID);
    assertThat(p.name()).isEqualTo("orders-move");
    assertThat(p.copy().mode()).isEqualTo(CopyMode.XDR);
    assertThat(p.cutover().method()).isEqualTo(CutoverMethod.MANUAL);
    assertThat(p.cutover().validationMaxAgeMinutes()).isEqualTo(60);
    assertThat(p.target().featureKeySecret()).isEqualTo("aerospike-secret");
    assertThat(p.target().authSecret()).isEqualTo("auth-secret");
    assertThat(p.target().features()).isEqualTo(MigrationPlan.Features.NONE);
    assertThat(p.sizing()).isEqualTo(MigrationPlan.SizingOptions.DEFAULT);
    assertThat(p.licence()).isNull();
  }

  @Test
  void gathersEveryErrorWithFileAndPath() {
    String bad = """
        name: Orders_Move
        source: {}
        team: ""
        owners: []
        wave: wave-2
        colour: blue
        target:
          kubernetesNamespace: orders
          clusterName: 9orders
          image: aerospike/aerospike-server:6.4.0.1
          storageClass: ssd
          features: {tls: true}
        copy:
          mode: RSYNC
          rateLimits: {recordsPerSecond: 0, bytesPerSecond: fast}
        validation: {suite: paranoid}
        cutover:
          method: configmap
          maxLagSeconds: -1
          drainQuietPeriodSeconds: 60
          webhook: {url: "ftp://x"}
        licence: {sideBySideAcknowledged: true}
        sizing: {headroomPct: 95}
        """;
    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> loader.load("p.yaml", bad));
    assertThat(e.errors()).extracting(PlanError::file).containsOnly("p.yaml");
    assertThat(e.errors()).extracting(PlanError::path).containsExactlyInAnyOrder(
        "$.colour", "$.name", "$.name", "$.source.cluster", "$.team", "$.owners",
        "$.target.clusterName", "$.target.image", "$.target.features.tls",
        "$.copy.mode", "$.copy.rateLimits.recordsPerSecond", "$.copy.rateLimits.bytesPerSecond",
        "$.validation.suite", "$.cutover.maxLagSeconds", "$.cutover.webhook.url", "$.cutover.configMap",
        "$.cutover.webhook", "$.licence.acknowledgedBy", "$.sizing.headroomPct");
    assertThat(reason(e, "$.target.image")).contains("not an Enterprise image");
    assertThat(reason(e, "$.copy.mode")).contains("RSYNC").contains("SCAN_COPY");
    assertThat(reason(e, "$.validation.suite")).contains("paranoid").contains("quick");
    assertThat(e.getMessage()).contains("p.yaml: $.cutover.maxLagSeconds: must be 0 or more");
  }

  @Test
  void aSecretHoldsTheSeedsForMethodSecretAndRollbackOnFailureIsOptIn() {
    assertThat(loader.load("orders-move.yaml", VALID).cutover().rollbackOnValidationFailure()).isFalse();
    String secret = VALID.replace("method: manual", """
        method: secret
          rollbackOnValidationFailure: true
          secret: {name: orders-seeds, key: seeds, restart: [deployment/orders-api]}""");
    MigrationPlan p = loader.load("orders-move.yaml", secret);
    assertThat(p.cutover().method()).isEqualTo(CutoverMethod.SECRET);
    assertThat(p.cutover().rollbackOnValidationFailure()).isTrue();
    assertThat(p.cutover().seedList()).isEqualTo(new MigrationPlan.ConfigMapSwitch("orders-seeds", null, "seeds",
        java.util.List.of("deployment/orders-api")));
    InvalidPlanException missing = catchThrowableOfType(InvalidPlanException.class,
        () -> loader.load("orders-move.yaml", VALID.replace("method: manual", "method: secret")));
    assertThat(reason(missing, "$.cutover.secret")).contains("method secret needs secret");
    InvalidPlanException misplaced = catchThrowableOfType(InvalidPlanException.class,
        () -> loader.load("orders-move.yaml", VALID.replace("method: manual", """
            method: manual
              secret: {name: orders-seeds, key: seeds}""")));
    assertThat(reason(misplaced, "$.cutover.secret")).contains("only used with method secret");
  }

  @Test
  void copyXdrGivesTheProxyEndpointsAndReachTimeoutOrTheirDefaults() {
    assertThat(loader.load("orders-move.yaml", VALID).copy().xdr()).isEqualTo(MigrationPlan.XdrSettings.DEFAULT);
    String proxy = VALID.replace("rateLimits: {recordsPerSecond: 100, bytesPerSecond: 1000}", """
        rateLimits: {recordsPerSecond: 100, bytesPerSecond: 1000}
          xdr: {proxyEndpoints: ["xdr-proxy.orders:8901"], reachTimeoutSeconds: 45}""");
    assertThat(loader.load("orders-move.yaml", proxy).copy().xdr())
        .isEqualTo(new MigrationPlan.XdrSettings(java.util.List.of("xdr-proxy.orders:8901"), 45));
    String bad = proxy.replace("xdr-proxy.orders:8901", "xdr-proxy.orders").replace("45", "0");
    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> loader.load("orders-move.yaml",
        bad));
    assertThat(e.errors()).extracting(PlanError::path).contains("$.copy.xdr.proxyEndpoints",
        "$.copy.xdr.reachTimeoutSeconds");
  }

  @Test
  void refusesAnImageVersionWithoutSchema() {
    String p = VALID.replace("8.1.1.0", "8.1.2.0");
    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> loader.load("orders-move.yaml", p));
    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.path()).isEqualTo("$.target.image");
      assertThat(err.reason()).contains("8.1.2").contains("7.0.0, 7.2.0, 8.0.0, 8.1.1");
    });
  }

  @Test
  void refusesAClusterNameTooLongForAko() {
    String p = VALID.replace("clusterName: orders-ee", "clusterName: " + "a".repeat(40));
    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> loader.load("orders-move.yaml", p));
    assertThat(e.errors()).singleElement().extracting(PlanError::reason).asString().contains("at most 39");
  }

  @Test
  void reportsYamlSyntaxAndDuplicateKeys() {
    InvalidPlanException syntax = catchThrowableOfType(InvalidPlanException.class,
        () -> loader.load("x.yaml", "name: [unclosed"));
    assertThat(syntax.errors()).singleElement().extracting(PlanError::reason).asString().contains("not valid YAML");
    InvalidPlanException dup = catchThrowableOfType(InvalidPlanException.class,
        () -> loader.load("orders-move.yaml", VALID + "team: again\n"));
    assertThat(dup.errors()).singleElement().extracting(PlanError::reason).asString().contains("team");
  }

  @Test
  void fileNameMustMatchPlanName() {
    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> loader.load("other.yaml", VALID));
    assertThat(e.errors()).singleElement().extracting(PlanError::path).isEqualTo("$.name");
  }

  @Test
  void aDirectoryWithOneBadPlanYieldsNoPlans(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("orders-move.yaml"), VALID);
    Files.writeString(dir.resolve("broken.yaml"), "name: broken\n");
    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> PlanDirectory.loadAll(dir, SUITES));
    assertThat(e.errors()).isNotEmpty().allSatisfy(err -> assertThat(err.file()).endsWith("broken.yaml"));
  }

  private static String reason(InvalidPlanException e, String path) {
    List<PlanError> m = e.errors().stream().filter(x -> x.path().equals(path)).toList();
    assertThat(m).as(path).hasSize(1);
    return m.get(0).reason();
  }
}
