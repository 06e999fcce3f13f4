package io.aeroshift.inventory;

/**
 * TLS for the connections to a source cluster.
 *
 * @param enabled true to connect with TLS (the JVM's default trust store decides which certificates are trusted)
 * @param name the TLS name the server certificate carries (Aerospike {@code tls-name}); null = the host name
 */
public record TlsSettings(boolean enabled, String name) {}
