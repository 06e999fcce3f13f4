package io.aeroshift.events;

import java.util.Objects;

/**
 * What the meters read of one migration, as stored by the workflow (so the figures survive a
 * restart). Figures not known yet are null.
 *
 * @param id the migration
 * @param team its owning team
 * @param wave its wave, null when in none
 * @param phase its phase name ({@code COPYING}, ...)
 * @param fractionDone 0..1 of the copy
 * @param recordsCopied records copied so far
 * @param recordsPerSecond the current copy rate
 * @param etaSeconds seconds until the copy is done, null when unknown
 * @param lagSeconds how far the target is behind the source, null when not measured
 * @param validationOutcome the outcome of the latest validation ({@code PASSED}, {@code FAILED},
 *     ...), null when none ran
 */
public record MigrationStatus(
    String id,
    String team,
    String wave,
    String phase,
    Double fractionDone,
    Long recordsCopied,
    Double recordsPerSecond,
    Double etaSeconds,
    Double lagSeconds,
    String validationOutcome) {

  public MigrationStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(phase, "phase");
  }
}
