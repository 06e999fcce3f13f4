package io.aeroshift.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextInputTest {

  private static TextInput input(String text, int bufferSize) {
    return new TextInput(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), bufferSize);
  }

  private static String text(byte[] token) {
    return new String(token, StandardCharsets.UTF_8);
  }

  @Test
  void aBufferedTokenStopsBeforeEitherDelimiterAndKeepsOffsetAndLine() throws IOException {
    TextInput in = input("abc def\nxyz\n", 64);
    in.peek(); // fills the buffer

    assertThat(text(in.bufferedToken(' ', '\n', true, 999))).isEqualTo("abc");
    assertThat(in.offset()).isEqualTo(3);
    assertThat(in.read()).isEqualTo(' ');
    assertThat(text(in.bufferedToken('\n', '\n', true, 999))).isEqualTo("def");
    assertThat(in.read()).isEqualTo('\n');
    assertThat(in.line()).isEqualTo(2);
  }

  @Test
  void aTokenHoldingANewlineThatIsNotADelimiterCountsTheLine() throws IOException {
    TextInput in = input("a\nb c", 64);
    in.peek();

    assertThat(text(in.bufferedToken(' ', ' ', false, 999))).isEqualTo("a\nb");
    assertThat(in.line()).isEqualTo(2);
    assertThat(in.offset()).isEqualTo(3);
  }

  @Test
  void whatTheBufferCannotDecideIsLeftToTheByteByByteReadUnconsumed() throws IOException {
    TextInput crossing = input("abcdefgh ", 4); // the delimiter is beyond the first buffer fill
    crossing.peek();
    assertThat(crossing.bufferedToken(' ', ' ', true, 999)).isNull();
    assertThat(crossing.offset()).isZero();

    TextInput escaped = input("a\\ b c", 64);
    escaped.peek();
    assertThat(escaped.bufferedToken(' ', ' ', true, 999)).isNull();
    assertThat(escaped.offset()).isZero();
    assertThat(text(escaped.bufferedToken(' ', ' ', false, 999))).isEqualTo("a\\"); // no escapes: a plain byte

    TextInput tooLong = input("abcdef ", 64);
    tooLong.peek();
    assertThat(tooLong.bufferedToken(' ', ' ', true, 5)).isNull();
    assertThat(text(tooLong.bufferedToken(' ', ' ', true, 6))).isEqualTo("abcdef");

    TextInput unterminated = input("abc", 64);
    unterminated.peek();
    assertThat(unterminated.bufferedToken(' ', ' ', true, 999)).isNull();
  }
}
