package io.aeroshift.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server build string {@code a.b.c.d}; the client rejects anything else, so we do too. */
record ServerVersion(String build, int major, int minor, int patch, int revision) implements Comparable<ServerVersion> {

  private static final Pattern BUILD = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)([-_.+~a-zA-Z0-9]*)");

  static ServerVersion parse(String build) {
    Matcher m = BUILD.matcher(build == null ? "" : build);
    if (!m.matches()) {
      throw new IllegalArgumentException("server build '" + build + "' must look like a.b.c.d (e.g. 6.4.0.10)");
    }
    return new ServerVersion(build, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
  }

  boolean atLeast(int maj, int min) {
    return major > maj || (major == maj && minor >= min);
  }

  @Override
  public int compareTo(ServerVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) c = Integer.compare(minor, o.minor);
    if (c == 0) c = Integer.compare(patch, o.patch);
    if (c == 0) c = Integer.compare(revision, o.revision);
    return c;
  }
}
