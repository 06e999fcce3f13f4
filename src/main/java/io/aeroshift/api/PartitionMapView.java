package io.aeroshift.api;

import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.validation.PartitionResult;
import io.aeroshift.validation.PartitionStatus;
import io.aeroshift.validation.ValidationResultStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-partition map of a migration's latest validation, one per namespace, as the dashboard
 * draws it ({@code GET /api/v1/migrations/{id}/partitions}).
 *
 * @param migration the migration id
 * @param namespaces the newest finished run of each validated namespace, by namespace name
 */
public record PartitionMapView(String migration, List<NamespaceMap> namespaces) {

  /**
   * @param statuses one status per partition id (index = partition); a partition without a stored
   *     result is UNVALIDATED, never a match
   * @param counts how many partitions have each status
   */
  public record NamespaceMap(String namespace, String runId, Instant finishedAt, Map<PartitionStatus, Integer> counts,
      List<PartitionStatus> statuses) {}

  /**
   * The newest finished run per namespace of the migration's validations: stored under
   * {@code <source>-><migration>/<namespace>} (the workflow's validation runs) or
   * {@code <source>-><migration>} (the cutover's final validation).
   */
  static PartitionMapView of(String migration, String source, ValidationResultStore store) {
    String scope = source + "->" + migration;
    Map<String, ValidationResultStore.RunHeader> newest = new LinkedHashMap<>();
    store.runs(scope).stream().filter(h -> h.scope().equals(scope) || h.scope().startsWith(scope + "/"))
        .sorted(Comparator.comparing(ValidationResultStore.RunHeader::finishedAt).reversed())
        .forEach(h -> newest.putIfAbsent(h.namespace(), h));
    List<NamespaceMap> maps = new ArrayList<>();
    newest.values().stream().sorted(Comparator.comparing(ValidationResultStore.RunHeader::namespace))
        .forEach(h -> store.run(h.runId()).ifPresent(run -> maps.add(map(h, run.result().partitions()))));
    return new PartitionMapView(migration, maps);
  }

  private static NamespaceMap map(ValidationResultStore.RunHeader h, List<PartitionResult> partitions) {
    PartitionStatus[] statuses = new PartitionStatus[PartitionIds.COUNT];
    Arrays.fill(statuses, PartitionStatus.UNVALIDATED);
    for (PartitionResult p : partitions) {
      statuses[p.partitionId()] = p.status();
    }
    Map<PartitionStatus, Integer> counts = new EnumMap<>(PartitionStatus.class);
    for (PartitionStatus s : PartitionStatus.values()) {
      counts.put(s, 0);
    }
    for (PartitionStatus s : statuses) {
      counts.merge(s, 1, Integer::sum);
    }
    return new NamespaceMap(h.namespace(), h.runId(), h.finishedAt(), counts, List.of(statuses));
  }
}
