package io.aeroshift.emulator.exp;

import static io.aeroshift.emulator.exp.Exps.bytes;
import static io.aeroshift.emulator.exp.Exps.eval;
import static io.aeroshift.emulator.exp.TestRecord.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.Operation;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpOperation;
import com.aerospike.client.exp.ExpReadFlags;
import com.aerospike.client.util.Packer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link FilterExpression#evaluate} results for EXP_READ ops, and their particle encoding. */
class ExpReadEvaluateTest {
  private final TestRecord rec =
      record()
          .intBin("i", 42)
          .floatBin("f", 1.25)
          .stringBin("s", "héllo")
          .blobBin("b", new byte[] {7, 8})
          .boolBin("t", true)
          .listBin("l", List.of(1, 2, 3))
          .mapBin("m", new TreeMap<>(Map.of("a", 1)), MapOrder.KEY_ORDERED)
          .geoBin("g", "{\"type\":\"Point\",\"coordinates\":[0,0]}", 1);

  @Test
  void scalarResults() {
    assertThat(eval(Exp.add(Exp.intBin("i"), Exp.val(1)), rec)).isEqualTo(43L);
    assertThat(eval(Exp.mul(Exp.floatBin("f"), Exp.val(2.0)), rec)).isEqualTo(2.5);
    assertThat(eval(Exp.stringBin("s"), rec)).isEqualTo("héllo");
    assertThat(eval(Exp.blobBin("b"), rec)).isEqualTo(new byte[] {7, 8});
    assertThat(eval(Exp.boolBin("t"), rec)).isEqualTo(true);
    assertThat(eval(Exp.gt(Exp.intBin("i"), Exp.val(100)), rec)).isEqualTo(false);
    assertThat(eval(Exp.nil(), rec)).isEqualTo(ExpSentinel.NIL);
    assertThat(eval(Exp.intBin("missing"), rec)).isEqualTo(ExpSentinel.UNKNOWN);
  }

  @Test
  void listAndMapResultsAreRawMsgpack() {
    assertThat(eval(Exp.listBin("l"), rec))
        .isEqualTo(new RawParticle(20, Packer.pack(List.of(1, 2, 3))))
        .satisfies(p -> assertThat(((RawParticle) p).bytes()).isEqualTo(Packer.pack(List.of(1, 2, 3))));
    Object m = eval(Exp.mapBin("m"), rec);
    assertThat(((RawParticle) m).particleType()).isEqualTo(19);
    assertThat(((RawParticle) m).bytes()).isEqualTo(Packer.pack(new TreeMap<>(Map.of("a", 1)), MapOrder.KEY_ORDERED));
    Object quoted = eval(Exp.val(List.of("x")), rec);
    assertThat(((RawParticle) quoted).bytes()).isEqualTo(Packer.pack(List.of("x")));
  }

  @Test
  void resultsEncodeAsParticles() {
    assertParticle(43L, 1, ByteBuffer.allocate(8).putLong(43).array());
    assertParticle(2.5, 2, ByteBuffer.allocate(8).putDouble(2.5).array());
    assertParticle("hé", 3, "hé".getBytes(StandardCharsets.UTF_8));
    assertParticle(new byte[] {1}, 4, new byte[] {1});
    assertParticle(true, 17, new byte[] {1});
    assertParticle(false, 17, new byte[] {0});
    assertParticle(ExpSentinel.NIL, 0, new byte[0]);
    assertThat(FilterExpression.toParticle(ExpSentinel.UNKNOWN)).isNull();
    Object geo = eval(Exp.geoBin("g"), rec);
    RawParticle p = FilterExpression.toParticle(geo);
    assertThat(p.particleType()).isEqualTo(23);
    assertThat(Particles.geoJsonOffset(p.bytes())).isEqualTo(3);
    assertThat(new String(p.bytes(), 3, p.bytes().length - 3, StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"Point\",\"coordinates\":[0,0]}");
  }

  private static void assertParticle(Object result, int type, byte[] bytes) {
    RawParticle p = FilterExpression.toParticle(result);
    assertThat(p.particleType()).as("type of %s", result).isEqualTo(type);
    assertThat(p.bytes()).as("bytes of %s", result).isEqualTo(bytes);
  }

  @Test
  void readOpValueFromTheRealClientDecodes() {
    Operation op = ExpOperation.read("r", Exp.build(Exp.add(Exp.intBin("i"), Exp.val(8))), ExpReadFlags.EVAL_NO_FAIL);
    byte[] opValue = (byte[]) op.value.getObject();
    FilterExpression.ReadOp read = FilterExpression.parseReadOp(opValue);
    assertThat(read.flags()).isEqualTo(FilterExpression.ReadOp.EVAL_NO_FAIL);
    assertThat(read.expression().evaluate(rec, TestRecord.NOW_MILLIS)).isEqualTo(50L);

    Operation plain = ExpOperation.read("r", Exp.build(Exp.stringBin("s")), ExpReadFlags.DEFAULT);
    FilterExpression.ReadOp r2 = FilterExpression.parseReadOp((byte[]) plain.value.getObject());
    assertThat(r2.flags()).isZero();
    assertThat(r2.expression().evaluate(rec, TestRecord.NOW_MILLIS)).isEqualTo("héllo");
  }

  @Test
  void malformedReadOpIsAParameterError() {
    assertThatThrownBy(() -> FilterExpression.parseReadOp(new byte[] {(byte) 0x90}))
        .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.resultCode()).isEqualTo(4));
    assertThatThrownBy(() -> FilterExpression.parseReadOp(null))
        .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.resultCode()).isEqualTo(4));
  }

  @Test
  void evaluateDoesNotDisturbLaterMatches() {
    FilterExpression f = FilterExpression.parse(bytes(Exp.eq(Exp.stringBin("s"), Exp.val("héllo"))));
    assertThat(f.matches(rec, TestRecord.NOW_MILLIS)).isTrue();
    assertThat(f.evaluate(rec, TestRecord.NOW_MILLIS)).isEqualTo(true);
    assertThat(f.matches(record().stringBin("s", "x"), TestRecord.NOW_MILLIS)).isFalse();
  }
}
