package io.aeroshift.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aeroshift.transfer.PartitionCheckpoint;
import io.aeroshift.transfer.PartitionIds;
import io.aeroshift.transfer.PartitionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One partition of a copy run's pass, as {@code GET /api/v1/copies/{id}/partitions} shows it: its
 * live state while the pass runs here, else its checkpoint.
 *
 * @param records records copied (from the checkpoint), absent before the first checkpoint
 * @param reason why it failed, absent otherwise
 */
public record CopyPartitionView(
    int partition,
    int pass,
    String state,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long records,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant updatedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

  /**
   * The partitions of pass {@code pass} (default: the running engine pass, else the last one
   * recorded), only those in state {@code wanted} when given.
   */
  static List<CopyPartitionView> of(CopyRunService.Observed o, Integer pass, PartitionState wanted,
      java.util.function.IntFunction<Map<Integer, PartitionCheckpoint>> checkpoints) {
    Optional<LiveProgress> live = o.live();
    int number = pass != null ? pass : live.filter(l -> l.stage() != CopyStage.BACKUP && l.stage() != CopyStage.RESTORE)
        .map(l -> l.progress().pass())
        .orElseGet(() -> o.run().passes().stream().mapToInt(PassResult::pass).max().orElse(0));
    Map<Integer, PartitionState> liveStates = live
        .filter(l -> l.progress().pass() == number || l.stage() == CopyStage.BACKUP)
        .map(l -> l.progress().partitionStates()).orElse(Map.of());
    Map<Integer, PartitionCheckpoint> recorded = number > 0 ? checkpoints.apply(number) : Map.of();
    List<CopyPartitionView> out = new ArrayList<>();
    for (int p = 0; p < PartitionIds.COUNT; p++) {
      PartitionCheckpoint cp = recorded.get(p);
      PartitionState s = liveStates.getOrDefault(p, cp == null ? PartitionState.PENDING : cp.state());
      if (wanted != null && s != wanted) {
        continue;
      }
      out.add(new CopyPartitionView(p, number, s.name(), cp == null ? null : cp.records(),
          cp == null ? null : cp.updatedAt(), cp == null ? null : cp.failure()));
    }
    return out;
  }
}
