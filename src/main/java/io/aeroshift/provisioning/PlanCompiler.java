package io.aeroshift.provisioning;

import io.aeroshift.discovery.ClusterSnapshot;
import io.aeroshift.discovery.NodeInfo;
import io.aeroshift.planning.CapacityPlan;
import io.aeroshift.planning.CapacityPlanner;
import io.aeroshift.planning.ConfigTranslator;
import io.aeroshift.planning.CopyMode;
import io.aeroshift.planning.InvalidPlanException;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.PlanError;
import io.aeroshift.planning.PlanWarning;
import io.aeroshift.planning.SourceConfig;
import io.aeroshift.planning.TargetImage;
import io.aeroshift.planning.TargetSchema;
import io.aeroshift.planning.TranslatedConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Plan + discovery snapshot → validated preview (pure). Runs the planner, the config translation and
 * the renderer, then validates the result as the API server and AKO's webhook would. A plan whose
 * rendering any schema rejects fails here, at plan time, with the schema path: nothing is applied.
 */
public final class PlanCompiler {
  private PlanCompiler() {}

  public static PlanPreview compile(MigrationPlan plan, ClusterSnapshot snapshot, SourceConfig source) {
    String file = plan.name() + ".yaml";
    List<PlanError> errors = new ArrayList<>();
    if (!plan.source().cluster().equals(snapshot.cluster())) {
      errors.add(new PlanError(file, "$.source.cluster", "the snapshot is of '" + snapshot.cluster()
          + "', not of '" + plan.source().cluster() + "'"));
    }
    if (snapshot.namespaces().isEmpty()) {
      errors.add(new PlanError(file, "$.source.cluster", "discovery found no namespace on '"
          + snapshot.cluster() + "': nothing to migrate"));
    }
    boolean community = snapshot.nodes().stream().anyMatch(NodeInfo::community);
    if (plan.copy().mode() == CopyMode.XDR && community) {
      errors.add(new PlanError(file, "$.copy.mode", "XDR needs an Enterprise source; '" + snapshot.cluster()
          + "' runs Community Edition (use SCAN_COPY or BACKUP_RESTORE, or upgrade the source to EE first)"));
    }
    TargetImage.Result image = TargetImage.parse(plan.target().image());
    if (image.error() != null) {
      errors.add(new PlanError(file, "$.target.image", image.error()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidPlanException(errors);
    }
    TargetSchema schema = TargetSchema.of(image.image().schemaVersion());
    CapacityPlan capacity = CapacityPlanner.plan(snapshot, plan.sizing(), schema);
    TranslatedConfig config = ConfigTranslator.translate(plan, snapshot, source, capacity, schema);
    AerospikeClusterRenderer.Rendered rendered = AerospikeClusterRenderer.render(plan, capacity, config);

    List<SchemaViolation> violations = new ArrayList<>(CrdSchemaValidator.validate(rendered.cluster()));
    violations.addAll(ServerConfigValidator.validate(config.aerospikeConfig(), schema.version()));
    violations.addAll(AkoAdmissionRules.check(rendered.cluster()));
    if (!violations.isEmpty()) {
      throw new InvalidPlanException(violations.stream()
          .map(v -> new PlanError(file, v.path(), v.schema() + " rejects the rendered resource: " + v.message()))
          .toList());
    }
    List<PlanWarning> warnings = new ArrayList<>(capacity.warnings());
    warnings.addAll(config.warnings());
    return new PlanPreview(plan, image.image(), rendered.cluster(), rendered.references(), capacity,
        config.entries(), warnings);
  }
}
