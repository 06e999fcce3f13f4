package io.aeroshift.provisioning;

import io.aeroshift.planning.CapacityPlan;
import io.aeroshift.planning.MigrationPlan;
import io.aeroshift.planning.PlanWarning;
import io.aeroshift.planning.TargetImage;
import io.aeroshift.planning.TranslationEntry;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import java.util.List;

/**
 * The dry run of a plan: exactly what would be applied, and why.
 *
 * @param plan the plan
 * @param image the target image and its schema version
 * @param cluster the AerospikeCluster that would be applied (validated against the CRD and the schema)
 * @param references Secrets and StorageClass the cluster needs but Aeroshift does not create
 * @param capacity the sizing and the numbers behind it
 * @param translations the translation report
 * @param warnings translation and capacity warnings
 */
public record PlanPreview(
    MigrationPlan plan,
    TargetImage image,
    AerospikeCluster cluster,
    List<ResourceReference> references,
    CapacityPlan capacity,
    List<TranslationEntry> translations,
    List<PlanWarning> warnings) {

  public PlanPreview {
    references = List.copyOf(references);
    translations = List.copyOf(translations);
    warnings = List.copyOf(warnings);
  }

  /** The Kubernetes objects to apply, in order. */
  public List<Object> resources() {
    return List.of(cluster);
  }
}
