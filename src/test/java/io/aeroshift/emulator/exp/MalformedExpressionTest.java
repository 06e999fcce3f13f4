package io.aeroshift.emulator.exp;

import static io.aeroshift.emulator.exp.Exps.assertRejected;
import static io.aeroshift.emulator.exp.Exps.bytes;
import static io.aeroshift.emulator.exp.Exps.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.exp.BitExp;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.HLLExp;
import com.aerospike.client.exp.ListExp;
import com.aerospike.client.exp.MapExp;
import com.aerospike.client.cdt.MapReturnType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What the real server refuses (4) and what the emulator does not implement (16). */
class MalformedExpressionTest {

  private static final Exp WIDE =
      Exp.and(
          Exp.gt(Exp.lastUpdate(), Exp.val(1700000000000000000L)),
          Exp.eq(Exp.stringBin("name"), Exp.val("alice")),
          Exp.lt(Exp.floatBin("d"), Exp.val(2.5)),
          Exp.regexCompare("^a", 0, Exp.stringBin("name")),
          Exp.eq(Exp.blobBin("b"), Exp.val(new byte[300])));

  @Test
  void everyTruncationIsAParameterError() {
    byte[] full = bytes(WIDE);
    assertThat(FilterExpression.parse(full)).isNotNull();
    for (int len = 0; len < full.length; len++) {
      assertRejected(Arrays.copyOf(full, len), 4);
    }
  }

  @Test
  void trailingBytesAreAParameterError() {
    byte[] full = bytes(Exp.eq(Exp.intBin("a"), Exp.val(5)));
    byte[] longer = Arrays.copyOf(full, full.length + 1);
    assertRejected(longer, 4);
  }

  @Test
  void unknownOpcodesAreParameterErrors() {
    assertRejected(hex("91 0a"), 4); // 10: unassigned
    assertRejected(hex("93 2a 01 01"), 4); // 42: unassigned
    assertRejected(hex("91 cc 80"), 4); // 128: beyond the table
    assertRejected(hex("91 ff"), 4); // negative opcode
    assertRejected(hex("92 a1 61 01"), 4); // opcode is not an integer
    assertRejected(hex("90"), 4); // empty call
  }

  @Test
  void structuralErrorsAreParameterErrors() {
    assertRejected(new byte[0], 4);
    assertRejected(hex("c1"), 4); // never-used msgpack byte
    assertRejected(hex("dd 7f ff ff ff 01"), 4); // array claims more elements than bytes
    assertRejected(hex("93 01 93 51 03 a1 73 a0"), 4); // empty literal: no particle-type byte
    assertRejected(hex("93 01 93 51 03 a1 73 a2 09 78"), 4); // literal of particle type 9
    assertRejected(hex("92 01 01"), 4); // eq with one argument
    assertRejected(hex("94 01 01 01 01"), 4); // eq with three arguments
    assertRejected(hex("93 51 02 b0 30 31 32 33 34 35 36 37 38 39 30 31 32 33 34 35"), 4); // 16-byte bin name
    assertRejected(hex("92 12 d4 ff 00"), 4); // ext outside a CDT call
    assertRejected(hex("92 7e 01"), 4); // quoted non-list
  }

  @Test
  void deepNestingIsRejectedWithoutStackOverflow() {
    Exp e = Exp.val(true);
    for (int k = 0; k < 2000; k++) {
      e = Exp.not(e);
    }
    assertRejected(e, 4);
    Exp justTooDeep = Exp.val(true);
    for (int k = 0; k < 129; k++) {
      justTooDeep = Exp.not(justTooDeep);
    }
    assertRejected(justTooDeep, 4);
  }

  @Test
  void realisticNestingCompilesAndEvaluates() {
    Exp e = Exp.val(true);
    for (int k = 0; k < 127; k++) {
      e = Exp.not(e);
    }
    assertThat(FilterExpression.parse(bytes(e)).matches(TestRecord.record(), TestRecord.NOW_MILLIS)).isFalse();
  }

  @Test
  void filtersMustBeBoolean() {
    assertRejected(Exp.intBin("a"), 4);
    assertRejected(Exp.add(Exp.val(1), Exp.val(2)), 4);
    assertThat(FilterExpression.parseValue(bytes(Exp.intBin("a")))).as("fine for EXP_READ").isNotNull();
  }

  @Test
  void cdtBitAndHllCallsAreUnsupported() {
    assertRejected(Exp.eq(ListExp.size(Exp.listBin("l")), Exp.val(1)), 16);
    assertRejected(
        Exp.eq(MapExp.getByKey(MapReturnType.VALUE, Exp.Type.INT, Exp.val("k"), Exp.mapBin("m")), Exp.val(1)), 16);
    assertRejected(Exp.eq(BitExp.count(Exp.val(0), Exp.val(8), Exp.blobBin("b")), Exp.val(1)), 16);
    assertRejected(Exp.eq(HLLExp.getCount(Exp.hllBin("h")), Exp.val(1)), 16);
    assertThatThrownBy(() -> FilterExpression.parse(bytes(Exp.eq(ListExp.size(Exp.listBin("l")), Exp.val(1)))))
        .hasMessageContaining("CDT");
  }

  @Test
  void geoComparisonIsUnsupported() {
    assertRejected(Exp.geoCompare(Exp.geoBin("g"), Exp.geo("{\"type\":\"Point\",\"coordinates\":[1,2]}")), 16);
  }

  @Test
  void rejectionsNameWhatIsWrong() {
    assertThatThrownBy(() -> FilterExpression.parse(bytes(Exp.eq(Exp.intBin("a"), Exp.val("x")))))
        .hasMessageContaining("int")
        .hasMessageContaining("string");
    assertThatThrownBy(() -> FilterExpression.parse(hex("93 01 93 51 02")))
        .hasMessageContaining("byte 5");
  }
}
