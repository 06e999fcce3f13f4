package io.aeroshift.inventory;

/**
 * Where the credentials of a source cluster are: the user name, and a reference to the password.
 * The password itself is read only at the moment a connection is made and is never stored,
 * returned or logged ({@link #toString()} shows the reference, not a value).
 *
 * @param user the Aerospike user
 * @param passwordFrom where to read the password
 */
public record CredentialsRef(String user, PasswordSource passwordFrom) {}
