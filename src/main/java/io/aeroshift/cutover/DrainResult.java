package io.aeroshift.cutover;

import java.time.Instant;

/**
 * A finished drain.
 *
 * @param recordsDrained records the drain's catch-up passes wrote to the target
 * @param conflicts copy writes and deletes refused because a client wrote the target record after
 *     the switch (left alone)
 * @param deleted target records deleted by the closing reconciliation (deleted on the source)
 * @param inDoubt writes whose outcome is unknown (left for the final validation)
 * @param passes catch-up passes run
 * @param quietSince since when the source had no client writes or connections
 * @param finishedAt when the closing reconciliation finished
 */
public record DrainResult(
    long recordsDrained, long conflicts, long deleted, long inDoubt, int passes, Instant quietSince,
    Instant finishedAt) {}
