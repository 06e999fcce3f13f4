package io.aeroshift.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsbTextTest {

  /**
   * Hex-float input and what glibc's {@code printf("%.17g")} prints for it (the asbackup writer),
   * produced with gcc on this machine.
   */
  private static final String[] GLIBC_17G = {
    "0x1.999999999999ap-4|0.10000000000000001",
    "0x1p+0|1",
    "-0x1p+0|-1",
    "0x1.edd2f1a9fbe77p+6|123.456",
    "0x1.249ad2594c37dp+332|1e+100",
    "0x1.4f8b588e368f1p-17|1.0000000000000001e-05",
    "0x1.a36e2eb1c432dp-14|0.0001",
    "0x1.02c9dedbc309dp-13|0.00012339999999999999",
    "0x1.6c827540a271fp-499|8.6996377880219314e-151",
    "0x1.1c37937e08p+53|10000000000000000",
    "0x1.6345785d8ap+56|1e+17",
    "0x1.5ee2a2eb5a5c4p+53|12345678901234568",
    "0x1.b69b4ba630f35p+56|1.2345678901234568e+17",
    "-0x1.4p+1|-2.5",
    "0x1.921fb54442d18p+1|3.1415926535897931",
    "0x1.fffffffffffffp+1023|1.7976931348623157e+308",
    "0x1p-1022|2.2250738585072014e-308",
    "0x0.0000000000001p-1022|4.9406564584124654e-324",
    "-0x0p+0|-0",
    "0x0p+0|0",
    "0x1.9p+6|100",
    "0x1.b1ae4d6e2ef5p+69|1e+21",
    "0x0.0000000000001p-1022|4.9406564584124654e-324",
    "0x1p-1022|2.2250738585072014e-308",
    "0x1.3333333333334p-2|0.30000000000000004",
    "0x1.1eb2d66005835p+997|1.5000000000000001e+300",
    "-0x1.56e1fc2f8f359p-997|-1e-300",
    "0x1p+16|65536",
    "0x1p-1|0.5",
    "0x1.5555555555555p-2|0.33333333333333331",
    "0x1.5555555555555p-1|0.66666666666666663",
    "0x1.c6bf52634p+49|1000000000000000",
    "0x1.d6f3454p+26|123456789",
    "0x1p+53|9007199254740992",
    "0x1.a36e2eb1c432cp-14|9.9999999999999991e-05",
  };

  @Test
  void doublesAreFormattedExactlyAsCPrintf17g() {
    for (String line : GLIBC_17G) {
      String[] parts = line.split("\\|");
      double v = Double.parseDouble(parts[0]);
      assertThat(AsbText.formatDouble(v)).as(parts[0]).isEqualTo(parts[1]);
    }
  }

  @Test
  void specialDoublesUseCSpelling() {
    assertThat(AsbText.formatDouble(Double.NaN)).isEqualTo("nan");
    assertThat(AsbText.formatDouble(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(AsbText.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
  }

  @Test
  void formattedDoublesNeverUseUppercaseExponentAndRoundTripExactly() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
    for (int i = 0; i < 5_000; i++) {
      double v = Double.longBitsToDouble(rnd.nextLong());
      if (Double.isNaN(v)) {
        continue;
      }
      String s = AsbText.formatDouble(v);
      assertThat(s).doesNotContain("E");
      assertThat(Double.doubleToRawLongBits(AsbText.parseDouble(s)))
          .as(s)
          .isEqualTo(Double.doubleToRawLongBits(v));
    }
  }

  @Test
  void parseDoubleAcceptsWhatAsrestoreAccepts() {
    assertThat(AsbText.parseDouble("1e+100")).isEqualTo(1e100);
    assertThat(AsbText.parseDouble("-2.5e-3")).isEqualTo(-2.5e-3);
    assertThat(AsbText.parseDouble("123.456")).isEqualTo(123.456);
    assertThat(AsbText.parseDouble("NaN")).isNaN();
    assertThat(AsbText.parseDouble("nan")).isNaN();
    assertThat(AsbText.parseDouble("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(AsbText.parseDouble("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(AsbText.parseDouble("-INF")).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void parseDoubleRejectsJavaOnlySpellings() {
    assertThatThrownBy(() -> AsbText.parseDouble("1.0E10")).hasMessageContaining("'E'");
    assertThatThrownBy(() -> AsbText.parseDouble("0x1p3")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> AsbText.parseDouble("1.5d")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> AsbText.parseDouble("1e")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> AsbText.parseDouble("")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> AsbText.parseDouble("1.2.3")).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void parseLongIsSignedDecimalWithoutPlus() {
    assertThat(AsbText.parseLong("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(AsbText.parseLong("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> AsbText.parseLong("+1")).hasMessageContaining("'+'");
    assertThatThrownBy(() -> AsbText.parseLong("9223372036854775808"))
        .hasMessageContaining("overflow");
    assertThatThrownBy(() -> AsbText.parseLong("-")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> AsbText.parseLong("1 ")).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void escapeTouchesOnlyBackslashSpaceAndLineFeed() {
    assertThat(str(AsbText.escape("b\nin\\Nam e", "bin"))).isEqualTo("b\\\nin\\\\Nam\\ e");
    assertThat(str(AsbText.escape(" n\ns\\", "ns"))).isEqualTo("\\ n\\\ns\\\\");
    assertThat(str(AsbText.escape("tab\there\"quote", "bin"))).isEqualTo("tab\there\"quote");
    assertThat(str(AsbText.escape("größe ü", "bin"))).isEqualTo("größe\\ ü");
  }

  @Test
  void escapeRejectsNulAndOverlongNames() {
    assertThatThrownBy(() -> AsbText.escape("a\0b", "bin name")).hasMessageContaining("NUL");
    assertThatThrownBy(() -> AsbText.escape("x".repeat(1000), "set")).hasMessageContaining("999");
  }

  private static String str(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
