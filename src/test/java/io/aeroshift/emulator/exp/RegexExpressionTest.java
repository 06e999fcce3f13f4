package io.aeroshift.emulator.exp;

import static io.aeroshift.emulator.exp.Exps.assertRejected;
import static io.aeroshift.emulator.exp.Exps.eval;
import static io.aeroshift.emulator.exp.TestRecord.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.exp.Exp;
import com.aerospike.client.query.RegexFlag;
import org.junit.jupiter.api.Test;

/** regexCompare with the POSIX flags the client sends; the server runs regcomp/regexec. */
class RegexExpressionTest {

  private static boolean m(String pattern, int flags, String text) {
    return Exps.matches(Exp.regexCompare(pattern, flags, Exp.stringBin("s")), record().stringBin("s", text));
  }

  @Test
  void searchesAnywhereInTheString() {
    assertThat(m("ell", RegexFlag.NONE, "hello")).isTrue();
    assertThat(m("^ell", RegexFlag.NONE, "hello")).isFalse();
    assertThat(m("^he.*o$", RegexFlag.NONE, "hello")).isTrue();
    assertThat(m("xyz", RegexFlag.NONE, "hello")).isFalse();
  }

  @Test
  void icaseIgnoresCase() {
    assertThat(m("HELLO", RegexFlag.NONE, "hello")).isFalse();
    assertThat(m("HELLO", RegexFlag.ICASE, "hello")).isTrue();
    assertThat(m("^h[A-Z]llo", RegexFlag.ICASE | RegexFlag.EXTENDED, "hello")).isTrue();
  }

  @Test
  void basicSyntaxTreatsPlusBarAndParenthesesLiterally() {
    assertThat(m("a+", RegexFlag.NONE, "a+")).isTrue();
    assertThat(m("a+", RegexFlag.NONE, "aaa")).isFalse();
    assertThat(m("^(x|y)$", RegexFlag.NONE, "(x|y)")).isTrue();
    assertThat(m("^\\(ab\\)*$", RegexFlag.NONE, "ababab")).isTrue();
    assertThat(m("^a\\{2,3\\}$", RegexFlag.NONE, "aaa")).isTrue();
    assertThat(m("^a\\{2,3\\}$", RegexFlag.NONE, "aaaa")).isFalse();
    assertThat(m("*a", RegexFlag.NONE, "*a")).as("leading * is literal").isTrue();
  }

  @Test
  void extendedSyntaxHasOperators() {
    assertThat(m("^a+$", RegexFlag.EXTENDED, "aaa")).isTrue();
    assertThat(m("^(x|y)z$", RegexFlag.EXTENDED, "yz")).isTrue();
    assertThat(m("^a{2}$", RegexFlag.EXTENDED, "aa")).isTrue();
    assertThat(m("^colou?r$", RegexFlag.EXTENDED, "color")).isTrue();
  }

  @Test
  void newlineFlagChangesAnchorsAndDot() {
    String text = "first\nsecond";
    assertThat(m("^second", RegexFlag.NONE, text)).isFalse();
    assertThat(m("^second", RegexFlag.NEWLINE, text)).isTrue();
    assertThat(m("first$", RegexFlag.NONE, text)).isFalse();
    assertThat(m("first$", RegexFlag.NEWLINE, text)).isTrue();
    assertThat(m("first.second", RegexFlag.NONE, text)).as("dot matches newline by default").isTrue();
    assertThat(m("first.second", RegexFlag.NEWLINE, text)).isFalse();
    assertThat(m("first[^x]second", RegexFlag.NEWLINE, text)).isFalse();
    assertThat(m("end$", RegexFlag.NONE, "the end\n")).as("$ only at the very end").isFalse();
  }

  @Test
  void bracketExpressionsArePosix() {
    assertThat(m("^[[:digit:]]+$", RegexFlag.EXTENDED, "12345")).isTrue();
    assertThat(m("^[[:alpha:]_]+$", RegexFlag.EXTENDED, "ab_c")).isTrue();
    assertThat(m("[]x]", RegexFlag.NONE, "]")).isTrue();
    assertThat(m("[\\]", RegexFlag.NONE, "\\")).as("backslash is literal in brackets").isTrue();
    assertThat(m("^[a-c-]+$", RegexFlag.EXTENDED, "ab-c")).isTrue();
    assertThat(m("^[^0-9]+$", RegexFlag.EXTENDED, "abc")).isTrue();
  }

  @Test
  void missingOrNonStringBinIsUnknown() {
    Exp e = Exp.regexCompare("a", RegexFlag.NONE, Exp.stringBin("s"));
    assertThat(eval(e, record())).isEqualTo(ExpSentinel.UNKNOWN);
    assertThat(eval(e, record().intBin("s", 1))).isEqualTo(ExpSentinel.UNKNOWN);
  }

  @Test
  void invalidPatternsAndNonStringSubjectsAreRejected() {
    assertRejected(Exp.regexCompare("a(", RegexFlag.EXTENDED, Exp.stringBin("s")), 4);
    assertRejected(Exp.regexCompare("[abc", RegexFlag.NONE, Exp.stringBin("s")), 4);
    assertRejected(Exp.regexCompare("a", RegexFlag.NONE, Exp.intBin("s")), 4);
  }

  @Test
  void matchesSetNameAndStringKeys() {
    TestRecord r = record().set("users_eu").stringKey("user:42");
    assertThat(Exps.matches(Exp.regexCompare("_eu$", RegexFlag.EXTENDED, Exp.setName()), r)).isTrue();
    assertThat(Exps.matches(Exp.regexCompare("^user:[0-9]+$", RegexFlag.EXTENDED, Exp.key(Exp.Type.STRING)), r))
        .isTrue();
  }
}
