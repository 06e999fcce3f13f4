package io.aeroshift.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.planning.MigrationPlan.Features;
import io.aeroshift.planning.PlanWarning;
import io.aeroshift.planning.Snapshots;
import io.aeroshift.planning.SourceConfig;
import io.aeroshift.planning.TranslationEntry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The translation report of each golden snapshot lists every change, with the target names per version. */
class TranslationReportTest {

  static PlanPreview preview(ClusterSnapshot s, String build, SourceConfig source, Features f, int racks) {
    return PlanCompiler.compile(Snapshots.plan(s, build, f, racks), s, source);
  }

  @Test
  void inMemoryNamespaceBecomesStorageEngineMemoryWithDataSize() {
    PlanPreview p = preview(Snapshots.inMemory(), "8.1.1.0", SourceConfig.NONE, Features.NONE, 1);
    assertThat(p.translations()).extracting(TranslationEntry::scope, TranslationEntry::from, TranslationEntry::to)
        .contains(
            tuple("namespace sessions", "storage-engine=memory, memory-size=4294967296",
                "storage-engine={type: memory, data-size: 1073741824}"),
            tuple("namespace sessions", "high-water-memory-pct=80", "storage-engine.evict-used-pct=80"),
            tuple("namespace sessions", "stop-writes-pct=90", "storage-engine.stop-writes-used-pct=90"),
            tuple("namespace sessions", "nsup-period=120", "nsup-period=120"),
            tuple("namespace sessions", "single-bin=false", null),
            tuple("namespace sessions", "index-type=shmem", null),
            tuple("service", "cluster-name=sessions-ce", "cluster-name=sessions-ee"));
    Map<String, Object> engine = engine(p, 0);
    assertThat(engine).containsEntry("type", "memory").containsEntry("data-size", 1L << 30)
        .containsEntry("evict-used-pct", 80L).containsEntry("stop-writes-used-pct", 90L);
    assertThat(p.warnings()).extracting(PlanWarning::code)
        .contains("SECURITY_OFF", "TLS_OFF", "STRONG_CONSISTENCY_OFF", "DURABLE_DELETES_OFF");
  }

  @Test
  void dataInMemoryOnDevicesBecomesMemoryEnginePersistedToDevices() {
    PlanPreview p8 = preview(Snapshots.deviceDataInMemory(), "8.1.1.0", SourceConfig.NONE,
        new Features(true, false, false, true), 1);
    assertThat(p8.translations()).extracting(TranslationEntry::from, TranslationEntry::to).contains(
        tuple("storage-engine=device, storage-engine.data-in-memory=true",
            "storage-engine={type: memory, devices: [/aerospike/dev/ns-payments-0, /aerospike/dev/ns-payments-1]}"),
        tuple("memory-size=17179869184", null),
        tuple("storage-engine.device=[/dev/nvme0n1, /dev/nvme1n1]",
            "devices=[/aerospike/dev/ns-payments-0, /aerospike/dev/ns-payments-1]"),
        tuple("storage-engine.write-block-size=1048576", null),
        tuple("high-water-disk-pct=50", "storage-engine.evict-used-pct=50"),
        tuple("high-water-memory-pct=60", "storage-engine.evict-used-pct=50"),
        tuple("storage-engine.min-avail-pct=10", "storage-engine.stop-writes-avail-pct=10"),
        tuple("storage-engine.scheduler-mode=noop", null));
    assertThat(engine(p8, 0)).containsEntry("type", "memory").doesNotContainKey("data-size")
        .containsEntry("stop-writes-avail-pct", 10L);
    assertThat(p8.cluster().getSpec().getAerospikeAccessControl().getUsers()).singleElement()
        .satisfies(u -> assertThat(u.getRoles()).containsExactly("sys-admin", "user-admin"));
    assertThat(p8.warnings()).extracting(PlanWarning::code).doesNotContain("SECURITY_OFF", "DURABLE_DELETES_OFF");
  }

  @Test
  void fileStorageKeepsDeviceEngineAndRenamesMaxUsedPct() {
    PlanPreview p7 = preview(Snapshots.fileStorage(), "7.0.0.12", SourceConfig.NONE, Features.NONE, 1);
    PlanPreview p8 = preview(Snapshots.fileStorage(), "8.1.1.0", SourceConfig.NONE,
        new Features(false, false, true, false), 1);
    assertThat(p8.translations()).extracting(TranslationEntry::from, TranslationEntry::to).contains(
        tuple("storage-engine.max-used-pct=65", "storage-engine.stop-writes-used-pct=65"),
        tuple("storage-engine.filesize=68719476736", "storage-engine.filesize=12884901888"),
        tuple("storage-engine.write-block-size=2097152", null),
        tuple("max-record-size=0", "max-record-size=2097152"),
        tuple(null, "strong-consistency=true"));
    assertThat(p7.translations()).extracting(TranslationEntry::from, TranslationEntry::to).contains(
        tuple("storage-engine.write-block-size=2097152", "storage-engine.write-block-size=2097152"));
    assertThat(engine(p8, 0)).containsEntry("type", "device").containsEntry("stop-writes-used-pct", 65L)
        .containsEntry("files", java.util.List.of("/opt/aerospike/data/ns-catalog/ns-catalog.dat"));
    assertThat(p8.warnings()).extracting(PlanWarning::code).contains("MAX_RECORD_SIZE")
        .doesNotContain("STRONG_CONSISTENCY_OFF");
  }

  @Test
  void twoNamespacesKeepTheirOwnReplicationFactorsAndRackAwareness() {
    PlanPreview p = preview(Snapshots.twoReplicationFactors(), "8.1.1.0", SourceConfig.NONE, Features.NONE, 3);
    assertThat(p.translations()).extracting(TranslationEntry::scope, TranslationEntry::to).contains(
        tuple("namespace cache", "replication-factor=1"), tuple("namespace orders", "replication-factor=3"),
        tuple("namespace orders", "evict-indexes-memory-pct=70, indexes-memory-budget=1073741824"));
    assertThat(p.cluster().getSpec().getRackConfig().getNamespaces()).containsExactly("cache", "orders");
    assertThat(p.cluster().getSpec().getRackConfig().getRacks()).hasSize(3);
    assertThat(p.capacity().nodes()).isEqualTo(3);
  }

  @Test
  void legacy5xThresholdsAndOperatorOwnedFieldsAreTranslatedOrDropped() {
    PlanPreview p7 = preview(Snapshots.legacy5x(), "7.0.0.12", Snapshots.legacy5xSourceConfig(), Features.NONE, 1);
    PlanPreview p8 = preview(Snapshots.legacy5x(), "8.1.1.0", Snapshots.legacy5xSourceConfig(), Features.NONE, 1);
    assertThat(p7.translations()).extracting(TranslationEntry::from, TranslationEntry::to)
        .contains(tuple("high-water-memory-pct=60", "evict-sys-memory-pct=60"));
    assertThat(p8.translations()).extracting(TranslationEntry::scope, TranslationEntry::from, TranslationEntry::to)
        .contains(
            tuple("namespace legacy", "high-water-memory-pct=60",
                "evict-indexes-memory-pct=60, indexes-memory-budget=1073741824"),
            tuple("namespace legacy", "high-water-disk-pct=50", "storage-engine.evict-used-pct=50"),
            tuple("namespace legacy", "stop-writes-pct=90", "stop-writes-sys-memory-pct=90"),
            tuple("namespace legacy", "storage-engine.min-avail-pct=5", "storage-engine.stop-writes-avail-pct=5"),
            tuple("namespace legacy", "single-bin=true", null),
            tuple("namespace legacy", "rack-id=0", null),
            tuple("namespace legacy", "enable-xdr=false", null),
            tuple("service", "node-id=a1", null),
            tuple("service", "cluster-name=legacy", "cluster-name=legacy-ee"),
            tuple("service", "scan-threads-limit=64", "query-threads-limit=64"),
            tuple("service", "transaction-queues=4", null),
            tuple("network", "service.access-address=10.0.0.11", null),
            tuple("network", "heartbeat.mode=multicast", null),
            tuple("network", "heartbeat.multicast-group=239.1.99.222", null));
    assertThat(p8.translations()).filteredOn(e -> "node-id=a1".equals(e.from())).singleElement()
        .extracting(TranslationEntry::reason).asString().contains("operator-owned");
    assertThat(p8.warnings()).extracting(PlanWarning::code).contains("SINGLE_BIN");
    @SuppressWarnings("unchecked")
    Map<String, Object> service = (Map<String, Object>) config(p8).get("service");
    assertThat(service).doesNotContainKeys("node-id", "transaction-queues").containsEntry("cluster-name", "legacy-ee");
  }

  @Test
  void missingLicenceAcknowledgementIsAWarning() {
    ClusterSnapshot s = Snapshots.inMemory();
    var plan = Snapshots.plan(s, "8.1.1.0", Features.NONE, 1);
    var noLicence = new io.aeroshift.planning.MigrationPlan(plan.name(), plan.source(), plan.team(), plan.owners(),
        plan.wave(), plan.target(), plan.copy(), plan.validation(), plan.cutover(), null, plan.sizing());
    assertThat(PlanCompiler.compile(noLicence, s, SourceConfig.NONE).warnings()).extracting(PlanWarning::code)
        .contains("LICENCE_NOT_ACKNOWLEDGED");
    assertThat(PlanCompiler.compile(plan, s, SourceConfig.NONE).warnings()).extracting(PlanWarning::code)
        .doesNotContain("LICENCE_NOT_ACKNOWLEDGED");
  }

  static Map<String, Object> config(PlanPreview p) {
    return p.cluster().getSpec().getAerospikeConfig().getAdditionalProperties();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> engine(PlanPreview p, int ns) {
    var list = (java.util.List<Map<String, Object>>) config(p).get("namespaces");
    return (Map<String, Object>) list.get(ns).get("storage-engine");
  }
}
