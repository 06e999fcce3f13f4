package io.aeroshift.cli;

import com.aerospike.client.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line of {@code bin/aeroshift copy}. Pure: {@link #parse} either returns a
 * complete value or throws {@link IllegalArgumentException} naming the offending option.
 *
 * @param source source seeds
 * @param target target seeds
 * @param namespace namespace to copy
 * @param set set filter or null
 * @param recordsPerSecond client-side rate limit, 0 = unlimited
 * @param unreachableDeadline how long the copy goes on while a side has no connected node
 */
public record CopyArgs(List<Host> source, List<Host> target, String namespace, String set,
    long recordsPerSecond, Duration unreachableDeadline) {

  /** The default deadline for a side without a connected node ({@code --unreachable-deadline}). */
  public static final Duration DEFAULT_UNREACHABLE = Duration.ofSeconds(60);

  public CopyArgs(List<Host> source, List<Host> target, String namespace, String set, long recordsPerSecond) {
    this(source, target, namespace, set, recordsPerSecond, DEFAULT_UNREACHABLE);
  }

  public static final String USAGE =
      "usage: bin/aeroshift copy --source HOST:PORT[,..] --target HOST:PORT[,..] --namespace NS"
          + " [--set S] [--rps N] [--unreachable-deadline SECONDS (60)]";

  public CopyArgs {
    source = List.copyOf(source);
    target = List.copyOf(target);
  }

  /** Parses the arguments after {@code copy}. */
  public static CopyArgs parse(List<String> args) {
    List<Host> source = null;
    List<Host> target = null;
    String namespace = null;
    String set = null;
    long rps = 0;
    Duration unreachable = DEFAULT_UNREACHABLE;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(known(name) + " needs a value");
        }
        value = args.get(++i);
      }
      switch (name) {
        case "--source" -> source = hosts("--source", value);
        case "--target" -> target = hosts("--target", value);
        case "--namespace" -> namespace = nonBlank("--namespace", value);
        case "--set" -> set = nonBlank("--set", value);
        case "--rps" -> rps = rate(value);
        case "--unreachable-deadline" -> unreachable = seconds("--unreachable-deadline", value);
        default -> throw new IllegalArgumentException("unknown option '" + name + "'");
      }
    }
    if (source == null) {
      throw new IllegalArgumentException("--source is required");
    }
    if (target == null) {
      throw new IllegalArgumentException("--target is required");
    }
    if (namespace == null) {
      throw new IllegalArgumentException("--namespace is required");
    }
    return new CopyArgs(source, target, namespace, set, rps, unreachable);
  }

  private static String known(String name) {
    return switch (name) {
      case "--source", "--target", "--namespace", "--set", "--rps", "--unreachable-deadline" -> name;
      default -> throw new IllegalArgumentException("unknown option '" + name + "'");
    };
  }

  /** Parses {@code host:port[,host:port..]}; IPv6 literals in brackets. */
  static List<Host> hosts(String option, String value) {
    List<Host> hosts = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String hp = part.trim();
      int colon = hp.lastIndexOf(':');
      if (hp.isEmpty() || colon <= 0 || colon == hp.length() - 1) {
        throw new IllegalArgumentException(
            option + ": '" + part + "' is not HOST:PORT (in '" + value + "')");
      }
      String host = hp.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = Integer.parseInt(hp.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535 || host.isBlank()) {
        throw new IllegalArgumentException(
            option + ": '" + part + "' needs a host and a port in 1..65535");
      }
      hosts.add(new Host(host, port));
    }
    return hosts;
  }

  private static String nonBlank(String option, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(option + " must not be empty");
    }
    return value;
  }

  private static Duration seconds(String option, String value) {
    try {
      double s = Double.parseDouble(value);
      if (s > 0 && s < 1e9) {
        return Duration.ofMillis(Math.round(s * 1000));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(option + " must be a number of seconds > 0, was '" + value + "'");
  }

  private static long rate(String value) {
    try {
      long n = Long.parseLong(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("--rps must be a whole number >= 0 (0 = unlimited), was '"
        + value + "'");
  }
}
