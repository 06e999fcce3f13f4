package io.aeroshift.emulator.exp;

import static io.aeroshift.emulator.exp.Exps.assertRejected;
import static io.aeroshift.emulator.exp.Exps.eval;
import static io.aeroshift.emulator.exp.Exps.matches;
import static io.aeroshift.emulator.exp.TestRecord.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.exp.Exp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ComparisonExpressionTest {

  private final TestRecord rec =
      record()
          .intBin("i", 10)
          .floatBin("f", 2.5)
          .stringBin("s", "beta")
          .blobBin("b", new byte[] {1, (byte) 0xFF})
          .boolBin("t", true)
          .boolBin("u", false)
          .listBin("l", List.of(1, "a", 2.5))
          .mapBin("om", new TreeMap<>(Map.of("k", 1, "z", 2)), MapOrder.KEY_ORDERED)
          .mapBin("um", Map.of("k", 1), MapOrder.UNORDERED)
          .geoBin("g", "{\"type\":\"Point\",\"coordinates\":[1,2]}", 1);

  @Test
  void integerComparisons() {
    assertThat(matches(Exp.eq(Exp.intBin("i"), Exp.val(10)), rec)).isTrue();
    assertThat(matches(Exp.ne(Exp.intBin("i"), Exp.val(10)), rec)).isFalse();
    assertThat(matches(Exp.gt(Exp.intBin("i"), Exp.val(9)), rec)).isTrue();
    assertThat(matches(Exp.gt(Exp.intBin("i"), Exp.val(10)), rec)).isFalse();
    assertThat(matches(Exp.ge(Exp.intBin("i"), Exp.val(10)), rec)).isTrue();
    assertThat(matches(Exp.lt(Exp.intBin("i"), Exp.val(11)), rec)).isTrue();
    assertThat(matches(Exp.lt(Exp.intBin("i"), Exp.val(-11)), rec)).isFalse();
    assertThat(matches(Exp.le(Exp.intBin("i"), Exp.val(10)), rec)).isTrue();
    assertThat(matches(Exp.le(Exp.val(Long.MIN_VALUE), Exp.val(Long.MAX_VALUE)), rec)).isTrue();
  }

  @Test
  void floatComparisonsFollowIeee() {
    assertThat(matches(Exp.lt(Exp.floatBin("f"), Exp.val(2.6)), rec)).isTrue();
    assertThat(matches(Exp.eq(Exp.floatBin("f"), Exp.val(2.5)), rec)).isTrue();
    assertThat(matches(Exp.ge(Exp.floatBin("f"), Exp.val(3.0)), rec)).isFalse();
    assertThat(matches(Exp.eq(Exp.val(Double.NaN), Exp.val(Double.NaN)), rec)).isFalse();
    assertThat(matches(Exp.ne(Exp.val(Double.NaN), Exp.val(Double.NaN)), rec)).isTrue();
  }

  @Test
  void stringsCompareByUnsignedBytes() {
    assertThat(matches(Exp.eq(Exp.stringBin("s"), Exp.val("beta")), rec)).isTrue();
    assertThat(matches(Exp.gt(Exp.stringBin("s"), Exp.val("alpha")), rec)).isTrue();
    assertThat(matches(Exp.lt(Exp.stringBin("s"), Exp.val("betaa")), rec)).isTrue();
    assertThat(matches(Exp.lt(Exp.val("z"), Exp.val("é")), rec)).as("UTF-8 0xC3 sorts above 'z'").isTrue();
  }

  @Test
  void blobsCompareByUnsignedBytes() {
    assertThat(matches(Exp.eq(Exp.blobBin("b"), Exp.val(new byte[] {1, (byte) 0xFF})), rec)).isTrue();
    assertThat(matches(Exp.gt(Exp.blobBin("b"), Exp.val(new byte[] {1, 0x7F})), rec)).isTrue();
    assertThat(matches(Exp.lt(Exp.blobBin("b"), Exp.val(new byte[] {1, (byte) 0xFF, 0})), rec)).isTrue();
  }

  @Test
  void booleansOrderFalseBeforeTrue() {
    assertThat(matches(Exp.eq(Exp.boolBin("t"), Exp.val(true)), rec)).isTrue();
    assertThat(matches(Exp.eq(Exp.boolBin("u"), Exp.val(true)), rec)).isFalse();
    assertThat(matches(Exp.gt(Exp.boolBin("t"), Exp.boolBin("u")), rec)).isTrue();
  }

  @Test
  void nilEqualsNil() {
    assertThat(matches(Exp.eq(Exp.nil(), Exp.nil()), rec)).isTrue();
    assertThat(matches(Exp.ne(Exp.nil(), Exp.nil()), rec)).isFalse();
  }

  @Test
  void missingBinOrOtherTypeIsUnknown() {
    assertThat(eval(Exp.eq(Exp.intBin("nope"), Exp.val(1)), rec)).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(eval(Exp.ne(Exp.intBin("nope"), Exp.val(1)), rec)).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(eval(Exp.eq(Exp.intBin("s"), Exp.val(1)), rec)).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(eval(Exp.eq(Exp.stringBin("i"), Exp.val("10")), rec)).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(eval(Exp.eq(Exp.floatBin("i"), Exp.val(10.0)), rec)).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(matches(Exp.ne(Exp.intBin("nope"), Exp.val(1)), rec)).as("unknown filters out").isFalse();
  }

  @Test
  void mixedTypesAreRejectedAtParseTimeWithParameterError() {
    assertRejected(Exp.eq(Exp.intBin("i"), Exp.val("10")), 4);
    assertRejected(Exp.eq(Exp.intBin("i"), Exp.val(10.0)), 4);
    assertRejected(Exp.lt(Exp.stringBin("s"), Exp.val(new byte[] {1})), 4);
    assertRejected(Exp.eq(Exp.boolBin("t"), Exp.val(1)), 4);
    assertRejected(Exp.eq(Exp.geoBin("g"), Exp.geo("{\"type\":\"Point\",\"coordinates\":[1,2]}")), 4);
  }

  @Test
  void storedUserKeyByType() {
    TestRecord intKey = record().intKey(7);
    TestRecord strKey = record().stringKey("k1");
    TestRecord blobKey = record().blobKey(new byte[] {9});
    assertThat(matches(Exp.eq(Exp.key(Exp.Type.INT), Exp.val(7)), intKey)).isTrue();
    assertThat(matches(Exp.eq(Exp.key(Exp.Type.STRING), Exp.val("k1")), strKey)).isTrue();
    assertThat(matches(Exp.eq(Exp.key(Exp.Type.BLOB), Exp.val(new byte[] {9})), blobKey)).isTrue();
    assertThat(eval(Exp.eq(Exp.key(Exp.Type.INT), Exp.val(7)), strKey)).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(eval(Exp.eq(Exp.key(Exp.Type.STRING), Exp.val("k1")), record())).isEqualTo(ExpSentinel.UNKNOWN);
    assertRejected(Exp.eq(Exp.key(Exp.Type.FLOAT), Exp.val(1.0)), 4);
  }

  @Test
  void listsCompareAsValuesAgainstQuotedLiterals() {
    assertThat(matches(Exp.eq(Exp.listBin("l"), Exp.val(List.of(1, "a", 2.5))), rec)).isTrue();
    assertThat(matches(Exp.eq(Exp.listBin("l"), Exp.val(List.of(1, "a"))), rec)).isFalse();
    assertThat(matches(Exp.gt(Exp.listBin("l"), Exp.val(List.of(1, "a"))), rec)).as("longer after equal prefix").isTrue();
    assertThat(matches(Exp.lt(Exp.listBin("l"), Exp.val(List.of(2))), rec)).isTrue();
    assertThat(matches(Exp.ne(Exp.listBin("l"), Exp.val(List.of(1, "b", 2.5))), rec)).isTrue();
    assertThat(matches(Exp.lt(Exp.val(List.of(-1)), Exp.val(List.of(0))), rec)).as("negative ints first").isTrue();
  }

  @Test
  void orderedMapsCompareButUnorderedMapsAreUnknown() {
    assertThat(matches(Exp.eq(Exp.mapBin("om"), Exp.val(new TreeMap<>(Map.of("k", 1, "z", 2)))), rec)).isTrue();
    assertThat(matches(Exp.eq(Exp.mapBin("om"), Exp.val(new TreeMap<>(Map.of("k", 1)))), rec)).isFalse();
    assertThat(eval(Exp.eq(Exp.mapBin("um"), Exp.val(Map.of("k", 1))), rec)).isEqualTo(ExpSentinel.UNKNOWN);
  }

  @Test
  void listAndMapAreDifferentTypes() {
    assertRejected(Exp.eq(Exp.listBin("l"), Exp.val(new TreeMap<>(Map.of("k", 1)))), 4);
  }
}
