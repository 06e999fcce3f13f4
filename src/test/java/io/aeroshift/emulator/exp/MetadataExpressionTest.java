package io.aeroshift.emulator.exp;

import static io.aeroshift.emulator.exp.Exps.assertRejected;
import static io.aeroshift.emulator.exp.Exps.eval;
import static io.aeroshift.emulator.exp.Exps.matches;
import static io.aeroshift.emulator.exp.TestRecord.EPOCH_2010;
import static io.aeroshift.emulator.exp.TestRecord.NOW_MILLIS;
import static io.aeroshift.emulator.exp.TestRecord.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.exp.Exp;
import org.junit.jupiter.api.Test;

class MetadataExpressionTest {

  @Test
  void digestModuloReadsBytes16To19LittleEndianUnsigned() {
    byte[] d = new byte[20];
    d[0] = 99; // outside the window: ignored
    d[16] = 0x01;
    d[17] = 0x02;
    d[18] = 0x00;
    d[19] = (byte) 0x80; // 0x80000201 = 2147484161: negative as a signed int
    TestRecord r = record().digest(d);
    long value = 0x80000201L;
    assertThat(eval(Exp.digestModulo(1000), r)).isEqualTo(value % 1000);
    assertThat(eval(Exp.digestModulo(3), r)).isEqualTo(value % 3);
    assertThat(matches(Exp.eq(Exp.digestModulo(100), Exp.val(value % 100)), r)).isTrue();
    assertThat(eval(Exp.digestModulo(-7), r)).as("negative modulus keeps the dividend's sign").isEqualTo(value % -7);
  }

  @Test
  void digestModuloByZeroIsRejected() {
    assertRejected(Exp.eq(Exp.digestModulo(0), Exp.val(0)), 4);
  }

  @Test
  void sizesReportTheRecordSize() {
    TestRecord r = record().size(1234);
    assertThat(eval(Exp.recordSize(), r)).isEqualTo(1234L);
    assertThat(eval(Exp.deviceSize(), r)).isEqualTo(1234L);
    assertThat(eval(Exp.memorySize(), r)).isEqualTo(1234L);
  }

  @Test
  void lastUpdateIsNanosecondsAndSinceUpdateMilliseconds() {
    TestRecord r = record().lastUpdateMillis(NOW_MILLIS - 1500);
    assertThat(eval(Exp.lastUpdate(), r)).isEqualTo((NOW_MILLIS - 1500) * 1_000_000L);
    assertThat(eval(Exp.sinceUpdate(), r)).isEqualTo(1500L);
    TestRecord future = record().lastUpdateMillis(NOW_MILLIS + 10);
    assertThat(eval(Exp.sinceUpdate(), future)).as("never negative").isEqualTo(0L);
    assertThat(matches(Exp.ge(Exp.lastUpdate(), Exp.val((NOW_MILLIS - 2000) * 1_000_000L)), r)).isTrue();
    assertThat(matches(Exp.ge(Exp.lastUpdate(), Exp.val((NOW_MILLIS - 1000) * 1_000_000L)), r)).isFalse();
  }

  @Test
  void voidTimeAndTtlForExpiringRecords() {
    long now2010 = NOW_MILLIS / 1000 - EPOCH_2010;
    TestRecord r = record().voidTime(now2010 + 3600);
    assertThat(eval(Exp.voidTime(), r)).isEqualTo((now2010 + 3600 + EPOCH_2010) * 1_000_000_000L);
    assertThat(eval(Exp.ttl(), r)).isEqualTo(3600L);
    TestRecord due = record().voidTime(now2010 - 5);
    assertThat(eval(Exp.ttl(), due)).as("an expired but unreaped record reports at least 1").isEqualTo(1L);
  }

  @Test
  void neverExpiringRecordsReportMinusOne() {
    TestRecord r = record().voidTime(0);
    assertThat(eval(Exp.voidTime(), r)).isEqualTo(-1L);
    assertThat(eval(Exp.ttl(), r)).isEqualTo(-1L);
    assertThat(matches(Exp.eq(Exp.ttl(), Exp.val(-1)), r)).isTrue();
    assertThat(matches(Exp.gt(Exp.ttl(), Exp.val(0)), r)).isFalse();
  }

  @Test
  void setNameIsEmptyForNoSet() {
    assertThat(eval(Exp.setName(), record().set("users"))).isEqualTo("users");
    assertThat(eval(Exp.setName(), record())).isEqualTo("");
    assertThat(matches(Exp.eq(Exp.setName(), Exp.val("users")), record().set("users"))).isTrue();
    assertThat(matches(Exp.eq(Exp.setName(), Exp.val("users")), record().set("orders"))).isFalse();
  }

  @Test
  void keyExistsAndTombstone() {
    assertThat(eval(Exp.keyExists(), record().intKey(1))).isEqualTo(true);
    assertThat(eval(Exp.keyExists(), record())).isEqualTo(false);
    assertThat(eval(Exp.isTombstone(), record())).isEqualTo(false);
  }

  @Test
  void binTypeAndBinExists() {
    TestRecord r = record().intBin("i", 1).stringBin("s", "x").boolBin("t", true).geoBin("g", "{}", 0);
    assertThat(eval(Exp.binType("i"), r)).isEqualTo(1L);
    assertThat(eval(Exp.binType("s"), r)).isEqualTo(3L);
    assertThat(eval(Exp.binType("t"), r)).isEqualTo(17L);
    assertThat(eval(Exp.binType("g"), r)).isEqualTo(23L);
    assertThat(eval(Exp.binType("nope"), r)).isEqualTo(0L);
    assertThat(matches(Exp.binExists("s"), r)).isTrue();
    assertThat(matches(Exp.binExists("nope"), r)).isFalse();
  }

  @Test
  void geoBinReadsTheJsonAfterTheCellHeader() {
    String json = "{\"type\":\"Point\",\"coordinates\":[1,2]}";
    TestRecord r = record().geoBin("g", json, 2);
    assertThat(eval(Exp.geoBin("g"), r))
        .isInstanceOfSatisfying(RawParticle.class, p -> {
          assertThat(p.particleType()).isEqualTo(23);
          assertThat(new String(p.bytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(json);
        });
  }
}
