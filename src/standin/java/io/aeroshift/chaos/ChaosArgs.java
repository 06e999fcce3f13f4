package io.aeroshift.chaos;

import java.util.List;

/**
 * The command line of {@code bin/chaos}. Pure: {@link #parse} returns a complete value or throws
 * {@link IllegalArgumentException} naming the option.
 *
 * @param seed the campaign's seed; run {@code i} uses {@code seed + i}
 * @param runs how many runs at most
 * @param minutes stop starting runs after this many minutes (0 = no time limit)
 * @param help whether only the usage was asked for
 */
public record ChaosArgs(long seed, int runs, double minutes, boolean help) {

  public static final String USAGE = "usage: bin/chaos [--seed S] [--runs N (5)] [--minutes M]";

  /** Parses the arguments; without {@code --seed} the seed is {@code defaultSeed}. */
  public static ChaosArgs parse(List<String> args, long defaultSeed) {
    long seed = defaultSeed;
    int runs = -1;
    double minutes = 0;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("-h") || arg.equals("--help")) {
        return new ChaosArgs(seed, 0, 0, true);
      }
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      switch (name) {
        case "--seed" -> seed = number(name, value);
        case "--runs" -> {
          long n = number(name, value);
          if (n < 1 || n > 100_000) {
            throw new IllegalArgumentException("--runs must be 1..100000, got " + value);
          }
          runs = (int) n;
        }
        case "--minutes" -> {
          try {
            minutes = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            minutes = -1;
          }
          if (!(minutes > 0) || minutes > 10_000) {
            throw new IllegalArgumentException("--minutes must be a number of minutes > 0, got '" + value + "'");
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + name + "'");
      }
    }
    // --minutes alone runs until the time is up; neither: a short default campaign
    if (runs < 0) {
      runs = minutes > 0 ? 100_000 : 5;
    }
    return new ChaosArgs(seed, runs, minutes, false);
  }

  private static long number(String name, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
    }
  }
}
