package io.aeroshift.emulator.exp;

import static io.aeroshift.emulator.exp.Exps.assertRejected;
import static io.aeroshift.emulator.exp.Exps.eval;
import static io.aeroshift.emulator.exp.Exps.matches;
import static io.aeroshift.emulator.exp.TestRecord.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.aerospike.client.exp.Exp;
import org.junit.jupiter.api.Test;

class ArithmeticExpressionTest {
  private final TestRecord rec = record().intBin("a", 17).intBin("b", 5).intBin("z", 0).floatBin("x", 2.5);

  private Object v(Exp e) {
    return eval(e, rec);
  }

  @Test
  void integerArithmetic() {
    assertThat(v(Exp.add(Exp.intBin("a"), Exp.intBin("b"), Exp.val(1)))).isEqualTo(23L);
    assertThat(v(Exp.sub(Exp.intBin("a"), Exp.intBin("b"), Exp.val(2)))).isEqualTo(10L);
    assertThat(v(Exp.sub(Exp.intBin("a")))).as("unary minus").isEqualTo(-17L);
    assertThat(v(Exp.mul(Exp.intBin("a"), Exp.val(-2)))).isEqualTo(-34L);
    assertThat(v(Exp.div(Exp.intBin("a"), Exp.intBin("b")))).isEqualTo(3L);
    assertThat(v(Exp.div(Exp.val(-17), Exp.val(5)))).as("truncates toward zero").isEqualTo(-3L);
    assertThat(v(Exp.div(Exp.val(100), Exp.val(5), Exp.val(2)))).isEqualTo(10L);
    assertThat(v(Exp.mod(Exp.intBin("a"), Exp.intBin("b")))).isEqualTo(2L);
    assertThat(v(Exp.mod(Exp.val(-17), Exp.val(5)))).isEqualTo(-2L);
    assertThat(v(Exp.abs(Exp.val(-4)))).isEqualTo(4L);
    assertThat(v(Exp.add(Exp.val(Long.MAX_VALUE), Exp.val(1)))).as("wraps").isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void divisionOrModuloByZeroIsUnknown() {
    assertThat(v(Exp.div(Exp.intBin("a"), Exp.intBin("z")))).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(v(Exp.div(Exp.val(10), Exp.val(2), Exp.val(0)))).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(v(Exp.mod(Exp.intBin("a"), Exp.val(0)))).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(v(Exp.div(Exp.val(1.0), Exp.val(0.0)))).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void floatArithmetic() {
    assertThat((Double) v(Exp.add(Exp.floatBin("x"), Exp.val(0.5)))).isEqualTo(3.0);
    assertThat((Double) v(Exp.sub(Exp.floatBin("x")))).isEqualTo(-2.5);
    assertThat((Double) v(Exp.div(Exp.val(1.0), Exp.floatBin("x")))).isEqualTo(0.4);
    assertThat((Double) v(Exp.pow(Exp.val(2.0), Exp.val(10.0)))).isEqualTo(1024.0);
    assertThat((Double) v(Exp.log(Exp.val(8.0), Exp.val(2.0)))).isCloseTo(3.0, within(1e-12));
    assertThat((Double) v(Exp.floor(Exp.floatBin("x")))).isEqualTo(2.0);
    assertThat((Double) v(Exp.ceil(Exp.floatBin("x")))).isEqualTo(3.0);
    assertThat((Double) v(Exp.abs(Exp.val(-2.5)))).isEqualTo(2.5);
    assertThat(v(Exp.toInt(Exp.val(-2.9)))).isEqualTo(-2L);
    assertThat((Double) v(Exp.toFloat(Exp.intBin("a")))).isEqualTo(17.0);
  }

  @Test
  void minAndMax() {
    assertThat(v(Exp.min(Exp.intBin("a"), Exp.intBin("b"), Exp.val(9)))).isEqualTo(5L);
    assertThat(v(Exp.max(Exp.intBin("a"), Exp.intBin("b"), Exp.val(9)))).isEqualTo(17L);
    assertThat((Double) v(Exp.max(Exp.val(1.5), Exp.floatBin("x")))).isEqualTo(2.5);
    assertThat(v(Exp.min(Exp.intBin("a"), Exp.intBin("missing")))).isEqualTo(ExpSentinel.UNKNOWN);
  }

  @Test
  void unknownOperandMakesArithmeticUnknown() {
    assertThat(v(Exp.add(Exp.intBin("a"), Exp.intBin("missing")))).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(matches(Exp.eq(Exp.add(Exp.intBin("missing"), Exp.val(1)), Exp.val(1)), rec)).isFalse();
  }

  @Test
  void integerBitOperations() {
    assertThat(v(Exp.intAnd(Exp.val(0b1100), Exp.val(0b1010)))).isEqualTo(0b1000L);
    assertThat(v(Exp.intOr(Exp.val(0b1100), Exp.val(0b1010)))).isEqualTo(0b1110L);
    assertThat(v(Exp.intXor(Exp.val(0b1100), Exp.val(0b1010), Exp.val(1)))).isEqualTo(0b0111L);
    assertThat(v(Exp.intNot(Exp.val(0)))).isEqualTo(-1L);
    assertThat(v(Exp.lshift(Exp.val(1), Exp.val(4)))).isEqualTo(16L);
    assertThat(v(Exp.rshift(Exp.val(-1), Exp.val(60)))).as("logical shift").isEqualTo(15L);
    assertThat(v(Exp.arshift(Exp.val(-16), Exp.val(2)))).as("arithmetic shift").isEqualTo(-4L);
    assertThat(v(Exp.count(Exp.val(0b1011)))).isEqualTo(3L);
  }

  @Test
  void bitScansCountFromTheMostSignificantBit() {
    assertThat(v(Exp.lscan(Exp.val(1), Exp.val(true)))).isEqualTo(63L);
    assertThat(v(Exp.lscan(Exp.val(Long.MIN_VALUE), Exp.val(true)))).isEqualTo(0L);
    assertThat(v(Exp.lscan(Exp.val(0), Exp.val(true)))).isEqualTo(-1L);
    assertThat(v(Exp.lscan(Exp.val(-1), Exp.val(false)))).isEqualTo(-1L);
    assertThat(v(Exp.lscan(Exp.val(Long.MAX_VALUE), Exp.val(false)))).isEqualTo(0L);
    assertThat(v(Exp.rscan(Exp.val(0b1100), Exp.val(true)))).isEqualTo(61L);
    assertThat(v(Exp.rscan(Exp.val(0), Exp.val(true)))).isEqualTo(-1L);
    assertThat(v(Exp.rscan(Exp.val(-2), Exp.val(false)))).isEqualTo(63L);
  }

  @Test
  void condPicksTheFirstTrueBranch() {
    Exp grade =
        Exp.cond(
            Exp.ge(Exp.intBin("a"), Exp.val(20)), Exp.val("high"),
            Exp.ge(Exp.intBin("a"), Exp.val(10)), Exp.val("mid"),
            Exp.val("low"));
    assertThat(v(grade)).isEqualTo("mid");
    assertThat(eval(grade, record().intBin("a", 3))).isEqualTo("low");
    assertThat(eval(grade, record().intBin("a", 30))).isEqualTo("high");
    assertThat(eval(grade, record())).as("unknown condition").isEqualTo(ExpSentinel.UNKNOWN);
    Exp withUnknownBranch = Exp.cond(Exp.eq(Exp.intBin("b"), Exp.val(5)), Exp.unknown(), Exp.val(1));
    assertThat(v(withUnknownBranch)).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(eval(withUnknownBranch, record().intBin("b", 6))).isEqualTo(1L);
  }

  @Test
  void condBranchesMustShareAType() {
    assertRejected(Exp.eq(Exp.cond(Exp.val(true), Exp.val(1), Exp.val("x")), Exp.val(1)), 4);
    assertRejected(Exp.eq(Exp.cond(Exp.val(1), Exp.val(1), Exp.val(2)), Exp.val(1)), 4);
  }

  @Test
  void letBindsVariablesForItsScope() {
    Exp e =
        Exp.let(
            Exp.def("x", Exp.intBin("a")),
            Exp.def("y", Exp.add(Exp.var("x"), Exp.intBin("b"))),
            Exp.and(Exp.gt(Exp.var("y"), Exp.val(20)), Exp.lt(Exp.var("x"), Exp.var("y"))));
    assertThat(matches(e, rec)).isTrue();
    assertThat(matches(e, record().intBin("a", 1).intBin("b", 1))).isFalse();
    assertThat(eval(e, record().intBin("b", 1))).as("unknown variable").isEqualTo(ExpSentinel.UNKNOWN);
  }

  @Test
  void nestedLetsAndStringVariables() {
    Exp e =
        Exp.let(
            Exp.def("s", Exp.val("abc")),
            Exp.let(
                Exp.def("t", Exp.val("abd")),
                Exp.lt(Exp.var("s"), Exp.var("t"))));
    assertThat(matches(e, rec)).isTrue();
  }

  @Test
  void variablesMustBeDefinedAndWellNamed() {
    assertRejected(Exp.eq(Exp.var("nope"), Exp.val(1)), 4);
    assertRejected(Exp.let(Exp.def("1x", Exp.val(1)), Exp.eq(Exp.var("1x"), Exp.val(1))), 4);
    assertRejected(Exp.let(Exp.def("x", Exp.val(1)), Exp.def("x", Exp.val(2)), Exp.val(true)), 4);
    assertRejected(Exp.let(Exp.def("x", Exp.val(1)), Exp.eq(Exp.var("x"), Exp.val("1"))), 4);
  }

  @Test
  void arithmeticTypeRules() {
    assertRejected(Exp.eq(Exp.add(Exp.val(1), Exp.val(1.0)), Exp.val(2)), 4);
    assertRejected(Exp.eq(Exp.pow(Exp.val(2), Exp.val(3)), Exp.val(8.0)), 4);
    assertRejected(Exp.eq(Exp.mod(Exp.val(2.0), Exp.val(3.0)), Exp.val(2)), 4);
    assertRejected(Exp.eq(Exp.toInt(Exp.val(2)), Exp.val(2)), 4);
    assertRejected(Exp.eq(Exp.toFloat(Exp.val(2.0)), Exp.val(2.0)), 4);
    assertRejected(Exp.eq(Exp.intAnd(Exp.val(1), Exp.val(1.0)), Exp.val(1)), 4);
    assertRejected(Exp.eq(Exp.lscan(Exp.val(1), Exp.val(1)), Exp.val(1)), 4);
    assertRejected(Exp.eq(Exp.add(Exp.val("a"), Exp.val("b")), Exp.val("ab")), 4);
  }
}
