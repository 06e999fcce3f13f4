package io.aeroshift.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How the benchmarks measure: warm-up rounds until the JIT is idle, then rounds with their wall
 * and process CPU seconds, summarised by the median round. On this shared machine single rounds
 * vary by more than the ratios being compared, and a whole phase of a run can be slower in every
 * method alike (docs/benchmarks.md, "Session 10"), so a ratio is taken between rounds measured
 * side by side, not between phases.
 */
final class Rounds {

  /** A round that left less JIT compilation than this is steady. */
  private static final long STEADY_JIT_MILLIS = 20;
  /** Steady rounds in a row that end a warm-up: one quiet round came before more compilation. */
  private static final int STEADY_ROUNDS = 3;

  private Rounds() {}

  /** Wall and process CPU seconds of one measured round. */
  record Measured(double wall, double cpu) {}

  /**
   * Runs {@code round} at least {@code min} times, then until {@value #STEADY_ROUNDS} rounds in a
   * row leave the JIT compilers idle (under {@value #STEADY_JIT_MILLIS} ms of compilation each), at
   * most {@code max} rounds; prints and returns how many it took. A fixed warm-up measured the
   * validation while C2 was still compiling its code: 0.5 to 1.1 s of compilation per second on 2
   * cores, 7% of the CPU samples of its rounds (JFR jdk.Compilation and perf, 2026-12-07), a cost
   * the raw scans' simpler code had paid in their own warm-up.
   */
  static int warmUp(String name, int min, int max, Runnable round) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    int n = 0;
    int steady = 0;
    long compiled;
    do {
      long before = jit.getTotalCompilationTime();
      round.run();
      n++;
      compiled = jit.getTotalCompilationTime() - before;
      steady = compiled < STEADY_JIT_MILLIS ? steady + 1 : 0;
    } while ((n < min || steady < STEADY_ROUNDS) && n < max);
    System.out.printf(Locale.ROOT, "warm-up: %s %d rounds, the last with %d ms of JIT compilation%n", name, n, compiled);
    return n;
  }

  /** Runs {@code round} the given number of times: each round's wall and process CPU seconds. */
  static List<Measured> measure(int rounds, Runnable round) {
    List<Measured> measured = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      measured.add(once(round));
    }
    return measured;
  }

  /** One round's wall and process CPU seconds. */
  static Measured once(Runnable round) {
    long w0 = System.nanoTime();
    long c0 = cpuNanos();
    round.run();
    return new Measured(seconds(w0), (cpuNanos() - c0) / 1e9);
  }

  /** The round with the median wall time. */
  static Measured median(List<Measured> rounds) {
    List<Measured> sorted = new ArrayList<>(rounds);
    sorted.sort(Comparator.comparingDouble(Measured::wall));
    return sorted.get(sorted.size() / 2);
  }

  /** The median of the values (the upper one of an even count). */
  static double medianOf(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * CPU time of the whole process (the code under test and the emulated clusters): on a shared,
   * loaded machine it varies much less between runs than wall time.
   */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
