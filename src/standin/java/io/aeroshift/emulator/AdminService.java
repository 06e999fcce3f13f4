package io.aeroshift.emulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Admin (security) protocol, proto type 2. Community Edition answers every admin message with
 * 51 SECURITY_NOT_SUPPORTED (the CE server's as_security_transact); Enterprise without users
 * answers 52 SECURITY_NOT_ENABLED (which the client treats as success); Enterprise with users
 * checks LOGIN credentials (bcrypt with the client's fixed salt) and hands out session tokens.
 */
final class AdminService {
  static final int AUTHENTICATE = 0, LOGIN = 20;
  static final int F_USER = 0, F_CREDENTIAL = 3, F_SESSION_TOKEN = 5, F_SESSION_TTL = 6;
  static final int SECURITY_NOT_SUPPORTED = 51, SECURITY_NOT_ENABLED = 52, INVALID_COMMAND = 54,
      INVALID_USER = 60, INVALID_PASSWORD = 62, INVALID_CREDENTIAL = 65, NOT_AUTHENTICATED = 80;
  static final int SESSION_TTL_SECONDS = 24 * 3600;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EmulatedCluster cluster;
  private final ClientConnection connection;

  AdminService(EmulatedCluster cluster, ClientConnection connection) {
    this.cluster = cluster;
    this.connection = connection;
  }

  OutBuffer handle(byte[] body, int size) {
    if (size < 16) throw new AsMsg.MalformedException("admin message shorter than 16 bytes");
    int command = body[2] & 0xFF;
    int fieldCount = body[3] & 0xFF;
    byte[][] fields = new byte[256][];
    int pos = 16;
    for (int i = 0; i < fieldCount; i++) {
      if (pos + 5 > size) throw new AsMsg.MalformedException("admin field " + i + " runs past the message");
      int len = Wire.getInt(body, pos);
      int id = body[pos + 4] & 0xFF;
      if (len < 1 || pos + 4 + len > size) throw new AsMsg.MalformedException("admin field " + i + " has bad size " + len);
      fields[id] = Arrays.copyOfRange(body, pos + 5, pos + 4 + len);
      pos += 4 + len;
    }
    if (cluster.edition == Edition.COMMUNITY) return reply(command, SECURITY_NOT_SUPPORTED);
    if (!cluster.securityEnabled()) return reply(command, SECURITY_NOT_ENABLED);
    switch (command) {
      case LOGIN:
        return login(fields);
      case AUTHENTICATE:
        return authenticate(fields);
      default:
        return reply(command, connection.user == null ? NOT_AUTHENTICATED : INVALID_COMMAND);
    }
  }

  private OutBuffer login(byte[][] fields) {
    String user = fields[F_USER] == null ? null : new String(fields[F_USER], StandardCharsets.UTF_8);
    EmulatedCluster.UserEntry entry = user == null ? null : cluster.users.get(user);
    if (entry == null) return reply(LOGIN, INVALID_USER);
    byte[] credential = fields[F_CREDENTIAL];
    if (credential == null) return reply(LOGIN, INVALID_CREDENTIAL);
    if (!entry.credential().equals(new String(credential, StandardCharsets.UTF_8))) return reply(LOGIN, INVALID_PASSWORD);
    byte[] token = new byte[32];
    RANDOM.nextBytes(token);
    String key = Base64.getEncoder().encodeToString(token);
    cluster.sessions.put(key, new EmulatedCluster.SessionEntry(user, System.currentTimeMillis() + SESSION_TTL_SECONDS * 1000L));
    connection.user = user;
    OutBuffer out = header(LOGIN, 0, 2);
    out.u32(token.length + 1);
    out.u8(F_SESSION_TOKEN);
    out.bytes(token);
    out.u32(5);
    out.u8(F_SESSION_TTL);
    out.u32(SESSION_TTL_SECONDS);
    return out;
  }

  private OutBuffer authenticate(byte[][] fields) {
    String user = fields[F_USER] == null ? null : new String(fields[F_USER], StandardCharsets.UTF_8);
    byte[] token = fields[F_SESSION_TOKEN];
    if (user == null || token == null) return reply(AUTHENTICATE, NOT_AUTHENTICATED);
    EmulatedCluster.SessionEntry s = cluster.sessions.get(Base64.getEncoder().encodeToString(token));
    if (s == null || !s.user().equals(user)) return reply(AUTHENTICATE, NOT_AUTHENTICATED);
    if (s.expiresAtMillis() < System.currentTimeMillis()) return reply(AUTHENTICATE, 66);
    connection.user = user;
    return reply(AUTHENTICATE, 0);
  }

  private static OutBuffer reply(int command, int rc) {
    return header(command, rc, 0);
  }

  private static OutBuffer header(int command, int rc, int fieldCount) {
    OutBuffer out = new OutBuffer(64);
    out.u8(0);
    out.u8(rc);
    out.u8(command);
    out.u8(fieldCount);
    for (int i = 0; i < 12; i++) out.u8(0);
    return out;
  }
}
