package io.aeroshift.discovery;

/**
 * A secondary index definition, as {@code sindex-list} reports it.
 *
 * @param namespace namespace
 * @param set set, or null for the whole namespace
 * @param name index name
 * @param bin indexed bin
 * @param type {@code numeric}, {@code string}, {@code geo2dsphere} or {@code blob}
 * @param collection {@code default}, {@code list}, {@code mapkeys} or {@code mapvalues}
 * @param state e.g. {@code RW}
 */
public record SecondaryIndexInfo(
    String namespace, String set, String name, String bin, String type, String collection, String state) {}
