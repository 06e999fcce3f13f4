package io.aeroshift.discovery;

/**
 * A registered UDF module.
 *
 * @param filename e.g. {@code example.lua}
 * @param hash content hash the server reports
 * @param type {@code LUA}
 */
public record UdfInfo(String filename, String hash, String type) {}
