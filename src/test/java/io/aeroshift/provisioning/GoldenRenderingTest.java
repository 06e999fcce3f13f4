package io.aeroshift.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.MigrationPlan.Features;
import io.aeroshift.planning.PlanWarning;
import io.aeroshift.planning.Snapshots;
import io.aeroshift.planning.SourceConfig;
import io.aeroshift.planning.TranslationEntry;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Five typical CE clusters rendered for every supported target: each rendering passes the CRD, the
 * target's config schema and AKO's admission rules; the 7.2 and 8.1.1 renderings equal the golden YAML.
 */
class GoldenRenderingTest {
  static final List<String> BUILDS = List.of("7.0.0.12", "7.2.0.6", "8.0.0.9", "8.1.1.0");

  record Case(String name, ClusterSnapshot snapshot, SourceConfig source, Features features, int racks) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    List<Case> cases = List.of(
        new Case("in-memory", Snapshots.inMemory(), SourceConfig.NONE, Features.NONE, 1),
        new Case("device-data-in-memory", Snapshots.deviceDataInMemory(), SourceConfig.NONE,
            new Features(true, false, false, true), 1),
        new Case("file-storage", Snapshots.fileStorage(), SourceConfig.NONE, new Features(false, false, true, false), 1),
        new Case("two-replication-factors", Snapshots.twoReplicationFactors(), SourceConfig.NONE, Features.NONE, 3),
        new Case("legacy-5x", Snapshots.legacy5x(), Snapshots.legacy5xSourceConfig(), Features.NONE, 1));
    return cases.stream().flatMap(c -> BUILDS.stream().map(b -> Arguments.of(c, b)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void rendersValidResourcesForEveryTarget(Case c, String build) throws Exception {
    MigrationPlan plan = Snapshots.plan(c.snapshot(), build, c.features(), c.racks());
    PlanPreview preview = PlanCompiler.compile(plan, c.snapshot(), c.source());
    String version = build.substring(0, build.lastIndexOf('.'));

    assertThat(CrdSchemaValidator.validate(preview.cluster())).isEmpty();
    Map<String, Object> config = preview.cluster().getSpec().getAerospikeConfig().getAdditionalProperties();
    assertThat(ServerConfigValidator.validate(config, version)).isEmpty();
    assertThat(AkoAdmissionRules.check(preview.cluster())).isEmpty();
    if (version.equals("7.2.0") || version.equals("8.1.1")) {
      Golden.assertMatches(c.name() + "-" + version + ".yaml", Golden.yaml(preview.cluster()));
    }
    // the 7.x rendering of a config must not be valid for 8.x by accident, and vice versa is
    // irrelevant: each is validated against its own version above
    assertThat(preview.translations()).isNotEmpty();
    assertThat(preview.warnings()).extracting(PlanWarning::code).contains("TLS_OFF");
  }

  static TranslationEntry entry(PlanPreview p, String from) {
    return p.translations().stream().filter(e -> from.equals(e.from())).findFirst()
        .orElseThrow(() -> new AssertionError("no translation from " + from + " in " + p.translations()));
  }
}
