package io.aeroshift.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Partition ids as runs of consecutive ids, each read by one partition-range scan
 * ({@code PartitionFilter.range(first, count)}): a scan per run instead of one per partition.
 */
final class PartitionRuns {

  /** Partitions {@code first .. first + count - 1}. */
  record Run(int first, int count) {
    String describe() {
      return "partitions " + first + ".." + (first + count - 1);
    }
  }

  private PartitionRuns() {}

  /** The distinct ids, sorted, as maximal runs of consecutive ids. */
  static List<Run> of(Collection<Integer> partitionIds) {
    int[] ids = partitionIds.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    List<Run> runs = new ArrayList<>();
    int i = 0;
    while (i < ids.length) {
      int end = i;
      while (end + 1 < ids.length && ids[end + 1] == ids[end] + 1) {
        end++;
      }
      runs.add(new Run(ids[i], end - i + 1));
      i = end + 1;
    }
    return runs;
  }
}
