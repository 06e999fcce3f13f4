package io.aeroshift.emulator.exp;

import static io.aeroshift.emulator.exp.Exps.assertRejected;
import static io.aeroshift.emulator.exp.Exps.eval;
import static io.aeroshift.emulator.exp.TestRecord.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.exp.Exp;
import org.junit.jupiter.api.Test;

/** The server's three-valued logic: unknown is neither true nor false. */
class LogicExpressionTest {
  private static final Exp T = Exp.val(true);
  private static final Exp F = Exp.val(false);
  private static final Exp U = Exp.unknown();
  /** Unknown through a missing bin rather than the unknown() op. */
  private static final Exp MISSING = Exp.eq(Exp.intBin("missing"), Exp.val(1));

  private final TestRecord rec = record().intBin("a", 1);

  private Object v(Exp e) {
    return eval(e, rec);
  }

  @Test
  void andFalseWinsOverUnknown() {
    assertThat(v(Exp.and(T, T))).isEqualTo(true);
    assertThat(v(Exp.and(T, F))).isEqualTo(false);
    assertThat(v(Exp.and(U, F))).isEqualTo(false);
    assertThat(v(Exp.and(F, U))).isEqualTo(false);
    assertThat(v(Exp.and(T, U))).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(v(Exp.and(MISSING, T, T))).isEqualTo(ExpSentinel.UNKNOWN);
  }

  @Test
  void orTrueWinsOverUnknown() {
    assertThat(v(Exp.or(F, F))).isEqualTo(false);
    assertThat(v(Exp.or(F, T))).isEqualTo(true);
    assertThat(v(Exp.or(U, T))).isEqualTo(true);
    assertThat(v(Exp.or(F, U))).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(v(Exp.or(MISSING, F))).isEqualTo(ExpSentinel.UNKNOWN);
  }

  @Test
  void notOfUnknownIsUnknown() {
    assertThat(v(Exp.not(T))).isEqualTo(false);
    assertThat(v(Exp.not(F))).isEqualTo(true);
    assertThat(v(Exp.not(MISSING))).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(Exps.matches(Exp.not(MISSING), rec)).as("not(unknown) still filters out").isFalse();
  }

  @Test
  void exclusiveMeansExactlyOneTrue() {
    assertThat(v(Exp.exclusive(T, F, F))).isEqualTo(true);
    assertThat(v(Exp.exclusive(T, T, F))).isEqualTo(false);
    assertThat(v(Exp.exclusive(F, F))).isEqualTo(false);
    assertThat(v(Exp.exclusive(F, U))).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(v(Exp.exclusive(T, T, U))).as("a second true decides before the unknown").isEqualTo(false);
  }

  @Test
  void logicalOperandsMustBeBoolean() {
    assertRejected(Exp.and(T, Exp.val(1)), 4);
    assertRejected(Exp.not(Exp.val("x")), 4);
    assertRejected(Exp.or(Exp.intBin("a"), T), 4);
  }

  @Test
  void unknownAloneFiltersOut() {
    assertThat(Exps.matches(U, rec)).isFalse();
    assertThat(Exps.matches(T, rec)).isTrue();
    assertThat(Exps.matches(F, rec)).isFalse();
  }
}
