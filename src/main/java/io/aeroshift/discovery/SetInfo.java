package io.aeroshift.discovery;

/**
 * A set inside a namespace.
 *
 * @param name set name
 * @param objects unique records in the set (not replicas)
 * @param tombstones unique tombstones
 * @param dataUsedBytes bytes the set's records use, cluster-wide, replicas excluded
 */
public record SetInfo(String name, long objects, long tombstones, long dataUsedBytes) {}
