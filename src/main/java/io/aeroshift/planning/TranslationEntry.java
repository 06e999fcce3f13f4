package io.aeroshift.planning;

/**
 * One line of the translation report: a source setting and what became of it.
 *
 * @param scope where it lives, e.g. {@code namespace test}, {@code service}, {@code network}
 * @param from the source setting as {@code key=value} (null for settings the plan adds)
 * @param to the target setting as {@code key=value} in the target's YAML layout, or null when dropped
 * @param reason why
 */
public record TranslationEntry(String scope, String from, String to, String reason) {
  public boolean dropped() {
    return to == null;
  }
}
