package io.aeroshift.discovery;

import java.time.Instant;

/**
 * One line of a cluster's snapshot history.
 *
 * @param cluster inventory name
 * @param version snapshot version
 * @param takenAt when the run finished
 * @param partial whether some node could not be read
 */
public record SnapshotSummary(String cluster, int version, Instant takenAt, boolean partial) {}
