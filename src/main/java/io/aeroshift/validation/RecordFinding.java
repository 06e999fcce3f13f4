package io.aeroshift.validation;

import java.util.List;

/**
 * One record that differs between source and target. Values are never reported, only names and
 * particle types: records may hold personal data.
 *
 * @param kind what differs
 * @param digest digest in hex
 * @param set the set name (source side when present, otherwise target)
 * @param userKey the stored user key rendered as text, null when none is stored on either side
 * @param bins the bins whose values differ (only for {@link Kind#DIFFERING}), sorted by name
 * @param setDiffers the set name differs
 * @param userKeyDiffers the stored user key differs (including stored on one side only)
 * @param expiryDiffers the void times differ by more than the tolerance
 * @param sourceVoidTime source void time (2010 epoch, 0 never), -1 when there is no source record
 * @param targetVoidTime target void time, -1 when there is no target record
 */
public record RecordFinding(
    Kind kind,
    String digest,
    String set,
    String userKey,
    List<BinDifference> bins,
    boolean setDiffers,
    boolean userKeyDiffers,
    boolean expiryDiffers,
    long sourceVoidTime,
    long targetVoidTime) {

  public enum Kind {
    MISSING_ON_TARGET,
    EXTRA_ON_TARGET,
    DIFFERING
  }

  public RecordFinding {
    bins = List.copyOf(bins);
  }

  /**
   * A bin whose value differs.
   *
   * @param name bin name
   * @param sourceType particle type on the source, ABSENT when the source record lacks the bin
   * @param targetType particle type on the target, ABSENT when the target record lacks the bin
   */
  public record BinDifference(String name, String sourceType, String targetType) {}
}
