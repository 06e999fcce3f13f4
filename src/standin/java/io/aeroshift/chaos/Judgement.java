package io.aeroshift.chaos;

import java.util.List;

/**
 * How one validation compares with the run's own comparison taken at the same moment (nothing
 * writes then). Pure.
 *
 * @param falsePass the validation passed although records differ
 * @param unreported differing records whose partition a failed validation did not name
 * @param reported differing records the validation named
 */
record Judgement(boolean falsePass, int unreported, int reported) {

  static Judgement of(ValidationVerdict v, List<ClusterComparison.Difference> differences) {
    if (v.exitCode() < 0) {
      return new Judgement(false, 0, 0); // a hang, counted as such by the caller
    }
    if (v.passed()) {
      return new Judgement(!differences.isEmpty(), 0, 0);
    }
    if (v.runFailure() != null) {
      return new Judgement(false, 0, differences.size()); // failed as a whole: it vouched for nothing
    }
    int unreported = 0;
    for (ClusterComparison.Difference d : differences) {
      if (!v.flagged().contains(d.partition())) {
        unreported++;
      }
    }
    return new Judgement(false, unreported, differences.size() - unreported);
  }
}
