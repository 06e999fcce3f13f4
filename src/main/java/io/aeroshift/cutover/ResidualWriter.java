package io.aeroshift.cutover;

/**
 * A cutover blocker: a source node that clients still write to or stay connected to after the
 * switch.
 *
 * @param node the node (name and address)
 * @param writesPerSecond client writes per second on it since the previous sample
 * @param connections client connections on it beyond the service's own
 * @param note why it blocks when the figures alone do not say (node unreachable, counters reset)
 */
public record ResidualWriter(String node, double writesPerSecond, int connections, String note) {}
