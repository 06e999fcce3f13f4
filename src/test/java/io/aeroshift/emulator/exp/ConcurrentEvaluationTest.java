package io.aeroshift.emulator.exp;

import static io.aeroshift.emulator.exp.Exps.bytes;
import static io.aeroshift.emulator.exp.TestRecord.NOW_MILLIS;
import static io.aeroshift.emulator.exp.TestRecord.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.exp.Exp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One compiled expression shared by several scan threads: each thread has its own frame. */
class ConcurrentEvaluationTest {

  @Test
  void sharedExpressionGivesEachThreadItsOwnResults() throws Exception {
    // let(x = a * 2, s = setName) → x > 10 and s == "even" exactly when a > 5 and a is even.
    FilterExpression f =
        FilterExpression.parse(
            bytes(
                Exp.let(
                    Exp.def("x", Exp.mul(Exp.intBin("a"), Exp.val(2))),
                    Exp.def("s", Exp.setName()),
                    Exp.and(Exp.gt(Exp.var("x"), Exp.val(10)), Exp.eq(Exp.var("s"), Exp.val("even"))))));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> mismatches = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        mismatches.add(
            pool.submit(
                () -> {
                  int bad = 0;
                  for (int k = 0; k < 20_000; k++) {
                    long a = (k * 7L + seed) % 13;
                    TestRecord r = record().intBin("a", a).set(a % 2 == 0 ? "even" : "odd");
                    boolean expected = a > 5 && a % 2 == 0;
                    if (f.matches(r, NOW_MILLIS) != expected) {
                      bad++;
                    }
                  }
                  return bad;
                }));
      }
      for (Future<Integer> m : mismatches) {
        assertThat(m.get(60, TimeUnit.SECONDS)).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
