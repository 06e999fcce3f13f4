package io.aeroshift.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aeroshift.validation.ValidationReportDocument.ReportSummary;
import io.aeroshift.validation.ValidationResult;
import io.aeroshift.validation.ValidationResultStore;

/**
 * The answer of a synchronous {@code POST /api/v1/validations} that finished in time: the stored
 * run's header and summary (the full report is at {@code GET /{id}}). Field names and types are the
 * API's contract.
 *
 * @param ranAt when the run finished
 * @param hash the record hash label, when the result names one
 * @param summary the report's summary block (same fields as the report's {@code summary})
 */
public record ValidationResultView(
    String id,
    String scope,
    String namespace,
    String suite,
    String startedAt,
    String ranAt,
    String cutoff,
    double sampleRate,
    @JsonInclude(JsonInclude.Include.NON_NULL) String hash,
    boolean finalEvidence,
    boolean passedAsEvidence,
    int exitCode,
    @JsonInclude(JsonInclude.Include.NON_NULL) String failure,
    ReportSummary summary) {

  public static ValidationResultView of(ValidationResultStore.StoredRun stored) {
    ValidationResult r = stored.result();
    return new ValidationResultView(r.runId(), stored.scope(), r.namespace(), r.suite(), String.valueOf(r.startedAt()),
        String.valueOf(r.finishedAt()), String.valueOf(r.cutoff()), r.sampleRate(), r.hash() == null ? null : r.hash().label(), r.finalEvidence(),
        r.passedAsEvidence(), r.exitCode(), r.failure(), ReportSummary.of(r.summary()));
  }
}
