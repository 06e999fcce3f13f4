package io.aeroshift.inventory;

/**
 * Fired (CDI, synchronously, inside the removing transaction) when a source cluster is removed
 * from the inventory, so what other packages keep about it goes with it in the same transaction:
 * discovery deletes its snapshots. An event and not a call, because discovery depends on the
 * inventory and the inventory must not depend back on discovery (no package cycles).
 *
 * @param name the removed cluster
 */
public record ClusterRemoved(String name) {}
