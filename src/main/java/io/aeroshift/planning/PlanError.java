package io.aeroshift.planning;

/**
 * One thing wrong with a plan.
 *
 * @param file the plan file (or the name it was submitted under)
 * @param path JSON path inside the plan, e.g. {@code $.target.image}
 * @param reason what is wrong and what would be accepted
 */
public record PlanError(String file, String path, String reason) {
  @Override
  public String toString() {
    return file + ": " + path + ": " + reason;
  }
}
