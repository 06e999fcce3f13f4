package io.aeroshift.emulator.exp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.exp.Exp;

/** Builds expressions with the real client and runs them through the emulator's evaluator. */
final class Exps {
  private Exps() {}

  static byte[] bytes(Exp e) {
    return Exp.build(e).getBytes();
  }

  static FilterExpression filter(Exp e) {
    return FilterExpression.parse(bytes(e));
  }

  static boolean matches(Exp e, ExpRecord r) {
    return filter(e).matches(r, TestRecord.NOW_MILLIS);
  }

  static Object eval(Exp e, ExpRecord r) {
    return FilterExpression.parseValue(bytes(e)).evaluate(r, TestRecord.NOW_MILLIS);
  }

  static void assertRejected(Exp e, int resultCode) {
    assertRejected(bytes(e), resultCode);
  }

  static void assertRejected(byte[] msgpack, int resultCode) {
    assertThatThrownBy(() -> FilterExpression.parse(msgpack))
        .isInstanceOf(ExpressionException.class)
        .satisfies(t -> assertThat(((ExpressionException) t).resultCode()).isEqualTo(resultCode))
        .hasMessageNotContaining("null");
  }

  static byte[] hex(String s) {
    String h = s.replace(" ", "");
    byte[] b = new byte[h.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }
}
