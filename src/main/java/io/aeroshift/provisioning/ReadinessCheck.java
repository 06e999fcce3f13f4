package io.aeroshift.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aeroshift.provisioning.crd.AerospikeCluster;
import io.aeroshift.provisioning.crd.AerospikeClusterStatus;
import io.aeroshift.provisioning.crd.aerospikeclusterstatus.Pods;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides readiness from a read of the resource (pure). AKO 4.5 has no observedGeneration and no
 * conditions, so a {@code Completed} phase alone may be stale: the status mirror must also equal the
 * spec that was applied, and {@code status.pods} must list every pod with the applied image.
 */
public final class ReadinessCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReadinessCheck() {}

  /**
   * @param current the resource as read now (spec as admitted, status as the operator wrote it)
   * @param operatorMessage the operator's latest message about the resource (may be null)
   */
  public static Readiness evaluate(AerospikeCluster current, String operatorMessage) {
    List<String> waiting = new ArrayList<>();
    AerospikeClusterStatus status = current.getStatus();
    String phase = status == null || status.getPhase() == null ? null : status.getPhase().getValue();
    if (status == null) {
      return new Readiness.NotReady(null, List.of("the operator to pick the resource up"), operatorMessage);
    }
    if (!"Completed".equals(phase)) {
      waiting.add("phase Completed");
    }
    Integer size = current.getSpec().getSize();
    String image = current.getSpec().getImage();
    if (!Objects.equals(status.getSize(), size)) {
      waiting.add("status.size " + status.getSize() + " to equal spec.size " + size);
    }
    if (!Objects.equals(status.getImage(), image)) {
      waiting.add("status.image to equal spec.image " + image);
    }
    JsonNode specConfig = JSON.valueToTree(current.getSpec().getAerospikeConfig());
    JsonNode statusConfig = JSON.valueToTree(status.getAerospikeConfig());
    if (!specConfig.equals(statusConfig)) {
      waiting.add("status.aerospikeConfig to equal spec.aerospikeConfig");
    }
    Map<String, Pods> pods = status.getPods() == null ? Map.of() : status.getPods();
    if (size != null && pods.size() != size) {
      waiting.add("status.pods to list " + size + " pod(s) (has " + pods.size() + ")");
    }
    List<String> endpoints = new ArrayList<>();
    for (Map.Entry<String, Pods> p : new java.util.TreeMap<>(pods).entrySet()) {
      Pods pod = p.getValue();
      if (!Objects.equals(pod.getImage(), image)) {
        waiting.add("pod " + p.getKey() + " to run " + image + " (runs " + pod.getImage() + ")");
      }
      endpoints.add(pod.getPodIP() + ":" + pod.getPodPort());
    }
    if (!waiting.isEmpty()) {
      return new Readiness.NotReady(phase, waiting, operatorMessage);
    }
    return new Readiness.Ready(endpoints);
  }
}
