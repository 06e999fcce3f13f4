package io.aeroshift.emulator.exp;

import static io.aeroshift.emulator.exp.TestRecord.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.exp.Exp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * For random records and random comparison trees, {@code matches} equals a direct Java evaluation
 * with the same three-valued logic (null = unknown), and {@code evaluate} gives the same trilean.
 */
class ExpressionPropertyTest {
  private static final String[] WORDS = {"", "a", "ab", "b", "zz", "é", "abc"};
  private static final int[] OPS = {1, 2, 3, 4, 5, 6};

  @Test
  void matchesAgreesWithADirectEvaluation() {
    Random rnd = new Random(20261128L);
    for (int round = 0; round < 3000; round++) {
      Sample rec = randomRecord(rnd);
      Case c = randomCase(rnd, 2);
      FilterExpression parsed = FilterExpression.parse(Exps.bytes(c.exp));
      boolean actual = parsed.matches(rec.record, TestRecord.NOW_MILLIS);
      Boolean expected = c.oracle.eval(rec);
      assertThat(actual)
          .as("round %d: %s on %s", round, c.text, rec)
          .isEqualTo(Boolean.TRUE.equals(expected));
      assertThat(parsed.evaluate(rec.record, TestRecord.NOW_MILLIS))
          .as("three-valued result, round %d: %s on %s", round, c.text, rec)
          .isEqualTo(expected == null ? ExpSentinel.UNKNOWN : expected);
    }
  }

  /** A record whose bins may be missing or of an unexpected type. */
  static final class Sample {
    final TestRecord record = record();
    Long a;
    Double f;
    String s;
    String description = "";

    @Override
    public String toString() {
      return "{" + description + "}";
    }
  }

  private static Sample randomRecord(Random rnd) {
    Sample r = new Sample();
    switch (rnd.nextInt(4)) {
      case 0:
        break;
      case 1:
        r.record.stringBin("a", "5");
        r.description += " a=\"5\"";
        break;
      default:
        r.a = (long) (rnd.nextInt(11) - 5);
        r.record.intBin("a", r.a);
        r.description += " a=" + r.a;
    }
    if (rnd.nextInt(4) != 0) {
      r.f = (rnd.nextInt(9) - 4) / 2.0;
      r.record.floatBin("f", r.f);
      r.description += " f=" + r.f;
    }
    if (rnd.nextInt(4) != 0) {
      r.s = WORDS[rnd.nextInt(WORDS.length)];
      r.record.stringBin("s", r.s);
      r.description += " s=\"" + r.s + "\"";
    }
    return r;
  }

  interface Oracle {
    Boolean eval(Sample r);
  }

  record Case(Exp exp, Oracle oracle, String text) {}

  private static Case randomCase(Random rnd, int depth) {
    int kind = depth == 0 ? 0 : rnd.nextInt(6);
    switch (kind) {
      case 1:
        {
          Case x = randomCase(rnd, depth - 1);
          Case y = randomCase(rnd, depth - 1);
          return new Case(Exp.and(x.exp, y.exp), r -> and(x.oracle.eval(r), y.oracle.eval(r)), "and(" + x.text + ", " + y.text + ")");
        }
      case 2:
        {
          Case x = randomCase(rnd, depth - 1);
          Case y = randomCase(rnd, depth - 1);
          return new Case(Exp.or(x.exp, y.exp), r -> or(x.oracle.eval(r), y.oracle.eval(r)), "or(" + x.text + ", " + y.text + ")");
        }
      case 3:
        {
          Case x = randomCase(rnd, depth - 1);
          return new Case(Exp.not(x.exp), r -> x.oracle.eval(r) == null ? null : !x.oracle.eval(r), "not(" + x.text + ")");
        }
      default:
        return comparison(rnd);
    }
  }

  private static Case comparison(Random rnd) {
    int op = OPS[rnd.nextInt(OPS.length)];
    switch (rnd.nextInt(5)) {
      case 3:
        {
          long add = rnd.nextInt(7) - 3;
          long lit = rnd.nextInt(11) - 5;
          return new Case(
              cmp(op, Exp.add(Exp.intBin("a"), Exp.val(add)), Exp.val(lit)),
              r -> r.a == null ? null : holds(op, Long.compare(r.a + add, lit)),
              "a + " + add + " " + op + " " + lit);
        }
      case 4:
        {
          long m = rnd.nextInt(4); // 0 → modulo by zero → unknown
          long lit = rnd.nextInt(3);
          return new Case(
              cmp(op, Exp.mod(Exp.intBin("a"), Exp.val(m)), Exp.val(lit)),
              r -> r.a == null || m == 0 ? null : holds(op, Long.compare(r.a % m, lit)),
              "a % " + m + " " + op + " " + lit);
        }
      case 0:
        {
          long lit = rnd.nextInt(11) - 5;
          return new Case(cmp(op, Exp.intBin("a"), Exp.val(lit)), r -> r.a == null ? null : holds(op, Long.compare(r.a, lit)), "a " + op + " " + lit);
        }
      case 1:
        {
          double lit = (rnd.nextInt(9) - 4) / 2.0;
          return new Case(cmp(op, Exp.floatBin("f"), Exp.val(lit)), r -> r.f == null ? null : holds(op, Double.compare(r.f, lit)), "f " + op + " " + lit);
        }
      default:
        {
          String lit = WORDS[rnd.nextInt(WORDS.length)];
          return new Case(
              cmp(op, Exp.stringBin("s"), Exp.val(lit)),
              r -> r.s == null ? null : holds(op, Arrays.compareUnsigned(utf8(r.s), utf8(lit))),
              "s " + op + " \"" + lit + "\"");
        }
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Exp cmp(int op, Exp l, Exp r) {
    switch (op) {
      case 1:
        return Exp.eq(l, r);
      case 2:
        return Exp.ne(l, r);
      case 3:
        return Exp.gt(l, r);
      case 4:
        return Exp.ge(l, r);
      case 5:
        return Exp.lt(l, r);
      default:
        return Exp.le(l, r);
    }
  }

  private static boolean holds(int op, int c) {
    switch (op) {
      case 1:
        return c == 0;
      case 2:
        return c != 0;
      case 3:
        return c > 0;
      case 4:
        return c >= 0;
      case 5:
        return c < 0;
      default:
        return c <= 0;
    }
  }

  private static Boolean and(Boolean x, Boolean y) {
    if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
      return false;
    }
    return x == null || y == null ? null : true;
  }

  private static Boolean or(Boolean x, Boolean y) {
    if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
      return true;
    }
    return x == null || y == null ? null : false;
  }
}
