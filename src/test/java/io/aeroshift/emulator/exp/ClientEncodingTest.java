package io.aeroshift.emulator.exp;

import static io.aeroshift.emulator.exp.Exps.bytes;
import static io.aeroshift.emulator.exp.Exps.hex;
import static io.aeroshift.emulator.exp.TestRecord.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.exp.Exp;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte sequences of EMULATOR-SPEC section 6.1, produced by the real 9.2.0 client. If the client
 * changes its encoding these fail first, before any evaluation test.
 */
class ClientEncodingTest {

  static Stream<Arguments> verifiedEncodings() {
    return Stream.of(
        Arguments.of("eq(intBin(a), 5)", Exp.eq(Exp.intBin("a"), Exp.val(5)), "93 01 93 51 02 a1 61 05"),
        Arguments.of(
            "eq(stringBin(s), \"x\")",
            Exp.eq(Exp.stringBin("s"), Exp.val("x")),
            "93 01 93 51 03 a1 73 a2 03 78"),
        Arguments.of(
            "gt(lastUpdate, 1.7e18)",
            Exp.gt(Exp.lastUpdate(), Exp.val(1700000000000000000L)),
            "93 03 91 42 cf 17 97 9c fe 36 2a 00 00"),
        Arguments.of(
            "and(keyExists, not(eq(setName, \"s\")))",
            Exp.and(Exp.keyExists(), Exp.not(Exp.eq(Exp.setName(), Exp.val("s")))),
            "93 10 91 47 92 12 93 01 91 46 a2 03 73"),
        Arguments.of("eq(digestModulo(3), 1)", Exp.eq(Exp.digestModulo(3), Exp.val(1)), "93 01 92 40 03 01"),
        Arguments.of(
            "lt(floatBin(d), 2.5)",
            Exp.lt(Exp.floatBin("d"), Exp.val(2.5)),
            "93 05 93 51 07 a1 64 cb 40 04 00 00 00 00 00 00"),
        Arguments.of(
            "eq(blobBin(b), {1,2})",
            Exp.eq(Exp.blobBin("b"), Exp.val(new byte[] {1, 2})),
            "93 01 93 51 06 a1 62 a3 04 01 02"),
        Arguments.of("eq(boolBin(t), true)", Exp.eq(Exp.boolBin("t"), Exp.val(true)), "93 01 93 51 01 a1 74 c3"),
        Arguments.of("binExists(a)", Exp.binExists("a"), "93 02 92 52 a1 61 00"),
        Arguments.of("eq(key(INT), 7)", Exp.eq(Exp.key(Exp.Type.INT), Exp.val(7)), "93 01 92 50 02 07"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verifiedEncodings")
  void clientEncodesAsVerified(String name, Exp exp, String expectedHex) {
    assertThat(bytes(exp)).isEqualTo(hex(expectedHex));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verifiedEncodings")
  void verifiedBytesParseAsBooleanFilters(String name, Exp exp, String expectedHex) {
    FilterExpression f = FilterExpression.parse(hex(expectedHex));
    // Parsing alone must succeed; the record below makes each of them evaluate without error.
    TestRecord r = record().intBin("a", 5).stringBin("s", "x").floatBin("d", 1.0)
        .blobBin("b", new byte[] {1, 2}).boolBin("t", true).intKey(7).set("other");
    r.digest(digestWithTail(4)); // 4 % 3 == 1
    r.lastUpdateMillis(1_700_000_000_001L);
    assertThat(f.matches(r, TestRecord.NOW_MILLIS)).as(name).isTrue();
  }

  static byte[] digestWithTail(long le32) {
    byte[] d = new byte[20];
    d[16] = (byte) le32;
    d[17] = (byte) (le32 >>> 8);
    d[18] = (byte) (le32 >>> 16);
    d[19] = (byte) (le32 >>> 24);
    return d;
  }
}
