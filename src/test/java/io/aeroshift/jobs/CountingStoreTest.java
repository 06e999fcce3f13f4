package io.aeroshift.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aeroshift.validation.InMemoryValidationResultStore;
import io.aeroshift.validation.PartitionChecksum;
import io.aeroshift.validation.PartitionResult;
import io.aeroshift.validation.PartitionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store a running validation writes through: progress per distinct partition, nothing after a halt. */
class CountingStoreTest {

  static PartitionResult match(int partition, int attempt) {
    return new PartitionResult(partition, PartitionStatus.MATCH, null, Instant.EPOCH, attempt,
        PartitionChecksum.EMPTY, PartitionChecksum.EMPTY, null, Map.of());
  }

  @Test
  void partitionsStoredTogetherCountOnceEachAndAHaltedRunStoresNoMoreBatches() {
    InMemoryValidationResultStore results = new InMemoryValidationResultStore();
    CountingStore store = new CountingStore(results);

    store.partitionsChecked("m", "run", List.of(match(0, 0), match(1, 0), match(2, 0)));
    store.partitionChecked("m", "run", match(1, 1)); // a re-check does not count twice
    store.partitionsChecked("m", "run", List.of());
    assertThat(store.checked()).isEqualTo(3);
    assertThat(results.partitionHistory("m", 1)).containsExactly(match(1, 0), match(1, 1));

    store.halt();
    assertThatThrownBy(() -> store.partitionsChecked("m", "run", List.of(match(3, 0), match(4, 0))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("halted").hasMessageContaining("2 partitions from 3");
    assertThat(results.partitionHistory("m", 3)).isEmpty();
    assertThat(store.checked()).isEqualTo(3);
  }
}
