package io.aeroshift.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.validation.InMemoryValidationResultStore;
import io.aeroshift.validation.PartitionChecksum;
import io.aeroshift.validation.PartitionResult;
import io.aeroshift.validation.PartitionStatus;
import io.aeroshift.validation.ValidationResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's partition map finds a migration's own validations, newest per namespace, and only those. */
class PartitionMapViewTest {
  private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

  private static ValidationResult run(String id, String ns, Instant finished, PartitionStatus status) {
    PartitionChecksum c = new PartitionChecksum(1, 1, 0, 0, 0);
    PartitionResult p = status == PartitionStatus.UNVALIDATED ? PartitionResult.unvalidated(7, "node down", finished, 0)
        : new PartitionResult(7, status, null, finished, 0, c, c, null, Map.of());
    return new ValidationResult(id, ns, "default", finished, finished, finished, 1.0, true, true, List.of(p), List.of(),
        null);
  }

  @Test
  void theNewestRunOfEachNamespaceOfTheMigrationAndNothingElse() {
    InMemoryValidationResultStore store = new InMemoryValidationResultStore();
    store.runFinished("payments-ce->m1/payments", run("old", "payments", T0, PartitionStatus.MISMATCH));
    store.runFinished("payments-ce->m1/payments", run("new", "payments", T0.plusSeconds(60), PartitionStatus.MATCH));
    store.runFinished("payments-ce->m1", run("final", "sessions", T0.plusSeconds(30), PartitionStatus.UNVALIDATED));
    store.runFinished("payments-ce->m10/payments", run("other-migration", "payments", T0.plusSeconds(90),
        PartitionStatus.MISMATCH));
    store.runFinished("m1", run("unscoped", "payments", T0.plusSeconds(120), PartitionStatus.MISMATCH));

    PartitionMapView view = PartitionMapView.of("m1", "payments-ce", store);

    assertThat(view.namespaces()).extracting(PartitionMapView.NamespaceMap::namespace, PartitionMapView.NamespaceMap::runId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("payments", "new"),
            org.assertj.core.groups.Tuple.tuple("sessions", "final"));
    PartitionMapView.NamespaceMap payments = view.namespaces().get(0);
    assertThat(payments.statuses()).hasSize(4096);
    assertThat(payments.statuses().get(7)).isEqualTo(PartitionStatus.MATCH);
    // a partition without a stored result is unvalidated, never a match
    assertThat(payments.statuses().get(8)).isEqualTo(PartitionStatus.UNVALIDATED);
    assertThat(payments.counts()).containsEntry(PartitionStatus.MATCH, 1).containsEntry(PartitionStatus.UNVALIDATED, 4095);
    assertThat(view.namespaces().get(1).statuses().get(7)).isEqualTo(PartitionStatus.UNVALIDATED);
  }
}
