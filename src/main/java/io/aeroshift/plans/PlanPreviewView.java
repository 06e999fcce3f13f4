package io.aeroshift.plans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.planning.CapacityPlan;
import io.aeroshift.planning.PlanWarning;
import io.aeroshift.planning.TranslationEntry;
import io.aeroshift.provisioning.ResourceReference;
import java.util.List;

/**
 * The dry run of a plan as {@code GET /api/v1/plans/{name}/preview} answers it: every Kubernetes
 * object that would be applied (as the API server would receive it), the translation report, the
 * warnings, the references the cluster needs and the sizing. Nothing is applied.
 *
 * @param sourceSnapshotVersion the discovery snapshot of the source the plan was compiled against
 */
public record PlanPreviewView(
    String plan,
    int sourceSnapshotVersion,
    List<JsonNode> resources,
    List<TranslationEntry> translations,
    List<PlanWarning> warnings,
    List<ResourceReference> references,
    CapacityPlan capacity) {

  // the objects as a Kubernetes client sends them: fabric8's own Jackson annotations, no service settings
  private static final ObjectMapper KUBERNETES_JSON = new ObjectMapper();

  public static PlanPreviewView of(PlanRepository.Preview p) {
    return new PlanPreviewView(p.plan().name(), p.snapshot().version(),
        p.compiled().resources().stream().map(r -> (JsonNode) KUBERNETES_JSON.valueToTree(r)).toList(),
        p.compiled().translations(), p.compiled().warnings(), p.compiled().references(), p.compiled().capacity());
  }
}
