package io.aeroshift.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.NamespaceInfo;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.planning.InvalidPlanException;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.PlanError;
import io.aeroshift.planning.Snapshots;
import io.aeroshift.planning.SourceConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plans that would render something the target refuses fail at plan time, with the path, and apply nothing. */
class PlanTimeRejectionTest {

  @Test
  void aSourceValueTheTargetSchemaRefusesFailsWithTheSchemaPath() {
    ClusterSnapshot s = Snapshots.legacy5x();
    NamespaceInfo ns = s.namespaces().get(0);
    Map<String, String> cfg = new HashMap<>(ns.config());
    cfg.put("default-ttl", "400000000"); // 5.x accepted more than the 10 years 7.x/8.x allow
    cfg.put("partition-tree-sprigs", "16"); // below the 7.x/8.x minimum of 256
    NamespaceInfo bad = new NamespaceInfo(ns.name(), ns.objects(), ns.tombstones(), ns.replicationFactor(),
        ns.storageEngine(), ns.devices(), ns.files(), ns.dataInMemory(), ns.memoryUsedBytes(),
        ns.memoryConfiguredBytes(), ns.diskUsedBytes(), ns.diskConfiguredBytes(), 400000000, ns.stopWritesPct(),
        ns.highWaterDiskPct(), ns.highWaterMemoryPct(), ns.sets(), cfg);
    ClusterSnapshot badSnapshot = new ClusterSnapshot(s.cluster(), 2, s.takenAt(), s.clusterName(), false, List.of(),
        s.nodes(), List.of(bad), List.of(), List.of(), 0, s.rates());
    MigrationPlan plan = Snapshots.plan(badSnapshot, "8.1.1.0", MigrationPlan.Features.NONE, 1);

    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class,
        () -> PlanCompiler.compile(plan, badSnapshot, SourceConfig.NONE));
    assertThat(e.errors()).extracting(PlanError::path).contains(
        "$.spec.aerospikeConfig.namespaces[0].default-ttl",
        "$.spec.aerospikeConfig.namespaces[0].partition-tree-sprigs");
    assertThat(e.errors()).allSatisfy(err -> assertThat(err.reason()).contains("aerospike config 8.1.1"));
    assertThat(e.getMessage()).contains("315360000");
  }

  @Test
  void xdrFromACommunitySourceIsRefused() {
    ClusterSnapshot s = Snapshots.inMemory();
    MigrationPlan p = Snapshots.plan(s, "8.1.1.0", MigrationPlan.Features.NONE, 1);
    MigrationPlan xdr = new MigrationPlan(p.name(), p.source(), p.team(), p.owners(), p.wave(), p.target(),
        new MigrationPlan.CopySpec(CopyMode.XDR, p.copy().rateLimits()), p.validation(), p.cutover(), p.licence(),
        p.sizing());
    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class,
        () -> PlanCompiler.compile(xdr, s, SourceConfig.NONE));
    assertThat(e.errors()).singleElement().satisfies(err -> {
      assertThat(err.path()).isEqualTo("$.copy.mode");
      assertThat(err.reason()).contains("Community Edition");
    });
  }

  @Test
  void aPlanForAnotherClusterIsRefused() {
    ClusterSnapshot s = Snapshots.inMemory();
    MigrationPlan p = Snapshots.plan(Snapshots.fileStorage(), "8.1.1.0", MigrationPlan.Features.NONE, 1);
    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class,
        () -> PlanCompiler.compile(p, s, SourceConfig.NONE));
    assertThat(e.errors()).extracting(PlanError::path).containsExactly("$.source.cluster");
  }

  @Test
  void admissionRulesCatchOperatorOwnedFieldsAndCommunityImages() {
    ClusterSnapshot s = Snapshots.inMemory();
    PlanPreview p = PlanCompiler.compile(Snapshots.plan(s, "8.1.1.0", MigrationPlan.Features.NONE, 1), s,
        SourceConfig.NONE);
    var cluster = p.cluster();
    cluster.getSpec().setImage("aerospike/aerospike-server:8.1.1.0");
    @SuppressWarnings("unchecked")
    Map<String, Object> service = (Map<String, Object>) cluster.getSpec().getAerospikeConfig()
        .getAdditionalProperties().get("service");
    service.put("node-id", "a1");
    assertThat(AkoAdmissionRules.check(cluster)).extracting(SchemaViolation::message).containsExactlyInAnyOrder(
        AkoAdmissionRules.VALIDATING + "CommunityEdition Cluster not supported",
        AkoAdmissionRules.MUTATING + "failed to set default aerospikeConfig.service config: config node-id can not"
            + " have non-default value (string a1). It will be set internally (string ENV_NODE_ID)");
  }
}
