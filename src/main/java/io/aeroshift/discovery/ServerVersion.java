package io.aeroshift.discovery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Aerospike server build such as {@code 6.4.0.10}.
 *
 * @param major major
 * @param minor minor
 * @param patch patch
 * @param build build number
 */
public record ServerVersion(int major, int minor, int patch, int build) implements Comparable<ServerVersion> {
  /** Oldest server discovery reads: the official client 9.x refuses anything older. */
  public static final ServerVersion OLDEST_SUPPORTED = new ServerVersion(4, 9, 0, 0);

  /** Newest major line whose info vocabulary this parser knows (8.x). */
  public static final int NEWEST_SUPPORTED_MAJOR = 8;

  /** Filter expressions (and with them {@code digestModulo} and {@code lastUpdate}) arrived in 5.2. */
  public static final ServerVersion FILTER_EXPRESSIONS = new ServerVersion(5, 2, 0, 0);

  private static final Pattern BUILD = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)(?:[-.+_].*)?");

  /** The version in {@code build}, or null when it is not four dotted numbers. */
  public static ServerVersion parse(String build) {
    if (build == null) {
      return null;
    }
    Matcher m = BUILD.matcher(build.trim());
    if (!m.matches()) {
      return null;
    }
    return new ServerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
  }

  /** True from 4.9 up to the newest known major line. */
  public boolean supported() {
    return compareTo(OLDEST_SUPPORTED) >= 0 && major <= NEWEST_SUPPORTED_MAJOR;
  }

  /** True from 5.2: the server evaluates filter expressions. */
  public boolean filterExpressions() {
    return compareTo(FILTER_EXPRESSIONS) >= 0;
  }

  /** 7.0 replaced memory-size / high-water-*-pct / stop-writes-pct by data-size and *-used-pct. */
  public boolean unifiedStorage() {
    return major >= 7;
  }

  @Override
  public int compareTo(ServerVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) c = Integer.compare(minor, o.minor);
    if (c == 0) c = Integer.compare(patch, o.patch);
    if (c == 0) c = Integer.compare(build, o.build);
    return c;
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + "." + build;
  }
}
