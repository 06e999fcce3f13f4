package io.aeroshift.emulator.exp;

import java.util.regex.Pattern;

/**
 * Translates a POSIX regular expression, compiled by the server with {@code regcomp} and the flags
 * the client sends ({@code RegexFlag}), into a {@link Pattern} with the same matches.
 *
 * <ul>
 *   <li>EXTENDED (1) selects ERE; without it the pattern is a basic RE (BRE), where {@code \( \)
 *       \{ \} \| \+ \?} are the operators and the bare characters are literal (GNU rules).
 *   <li>ICASE (2) → case-insensitive. NOSUB (4) changes nothing for a yes/no match. Other bits
 *       are ignored.
 *   <li>NEWLINE (8) → {@code .} and non-matching lists exclude newline, {@code ^ $} match at line
 *       breaks. Without it {@code .} matches newline and {@code ^ $} only match at the ends of the
 *       text.
 * </ul>
 *
 * Bracket expressions follow POSIX: a backslash inside them is literal, {@code ]} first is literal,
 * and {@code [:class:]} names are supported. Matching is a search (find anywhere), as
 * {@code regexec} does.
 */
final class PosixRegex {
  static final int EXTENDED = 1;
  static final int ICASE = 2;
  static final int NOSUB = 4;
  static final int NEWLINE = 8;

  private final String src;
  private final boolean ere;
  private final boolean newline;
  private final StringBuilder out = new StringBuilder();
  private int pos;
  /** True where a following {@code *} would be literal (start of an expression or group). */
  private boolean atExpressionStart = true;

  private PosixRegex(String src, int flags) {
    this.src = src;
    this.ere = (flags & EXTENDED) != 0;
    this.newline = (flags & NEWLINE) != 0;
  }

  /** @throws IllegalArgumentException when the pattern does not compile */
  static Pattern compile(String pattern, long flags) {
    // Other bits are passed to regcomp by the server, which ignores the ones it does not know.
    PosixRegex t = new PosixRegex(pattern, (int) flags);
    String java = t.translate();
    int javaFlags = Pattern.UNIX_LINES;
    if ((flags & ICASE) != 0) {
      javaFlags |= Pattern.CASE_INSENSITIVE;
    }
    javaFlags |= (flags & NEWLINE) != 0 ? Pattern.MULTILINE : Pattern.DOTALL;
    return Pattern.compile(java, javaFlags);
  }

  private String translate() {
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      boolean start = atExpressionStart;
      atExpressionStart = false;
      if (c == '\\') {
        escape(start);
      } else if (c == '[') {
        bracket();
      } else if (c == '.') {
        out.append('.');
      } else if (c == '*') {
        out.append(start ? "\\*" : "*");
      } else if (c == '^') {
        if (ere || start) {
          out.append('^');
          atExpressionStart = true;
        } else {
          out.append("\\^");
        }
      } else if (c == '$') {
        if (ere || atBreAnchorEnd()) {
          out.append(newline ? "$" : "\\z");
        } else {
          out.append("\\$");
        }
      } else if (ere && (c == '(' || c == '|')) {
        out.append(c);
        atExpressionStart = true;
      } else if (ere && (c == ')' || c == '+' || c == '?')) {
        out.append(start && c != ')' ? "\\" + c : String.valueOf(c));
      } else if (ere && c == '{') {
        interval(start);
      } else {
        literal(c);
      }
    }
    return out.toString();
  }

  private void escape(boolean start) {
    if (pos >= src.length()) {
      throw new IllegalArgumentException("trailing backslash");
    }
    char c = src.charAt(pos++);
    if (!ere && (c == '(' || c == '|')) {
      out.append(c);
      atExpressionStart = true;
    } else if (!ere && c == ')') {
      out.append(')');
    } else if (!ere && (c == '+' || c == '?')) {
      out.append(start ? "\\" + c : String.valueOf(c));
    } else if (!ere && c == '{') {
      pos--;
      breInterval();
    } else if (c >= '1' && c <= '9') {
      out.append('\\').append(c);
    } else if (c == 'w' || c == 'W' || c == 's' || c == 'S' || c == 'b' || c == 'B') {
      out.append('\\').append(c);
    } else if (c == '<' || c == '>') {
      out.append("\\b");
    } else if (c == '`') {
      out.append("\\A");
    } else if (c == '\'') {
      out.append("\\z");
    } else {
      literal(c);
    }
  }

  /** ERE {@code {m,n}}; a brace that does not open a valid interval is literal (glibc). */
  private void interval(boolean start) {
    int close = src.indexOf('}', pos);
    if (!start && close > pos && src.substring(pos, close).matches("\\d+(,\\d*)?|,\\d+")) {
      out.append('{').append(fixInterval(src.substring(pos, close))).append('}');
      pos = close + 1;
    } else {
      out.append("\\{");
    }
  }

  /** BRE {@code \{m,n\}}; the cursor is on the '{'. */
  private void breInterval() {
    pos++;
    int close = src.indexOf("\\}", pos);
    if (close < 0 || !src.substring(pos, close).matches("\\d+(,\\d*)?|,\\d+")) {
      throw new IllegalArgumentException("invalid interval at " + pos);
    }
    out.append('{').append(fixInterval(src.substring(pos, close))).append('}');
    pos = close + 2;
  }

  private static String fixInterval(String body) {
    return body.startsWith(",") ? "0" + body : body;
  }

  /** In a BRE, '$' is an anchor only at the end of the pattern or of a group/alternative. */
  private boolean atBreAnchorEnd() {
    return pos >= src.length() || src.startsWith("\\)", pos) || src.startsWith("\\|", pos);
  }

  private void bracket() {
    StringBuilder cls = new StringBuilder("[");
    if (pos < src.length() && src.charAt(pos) == '^') {
      cls.append('^');
      pos++;
      if (newline) {
        cls.append("\\n");
      }
    }
    boolean first = true;
    while (true) {
      if (pos >= src.length()) {
        throw new IllegalArgumentException("unterminated bracket expression");
      }
      char c = src.charAt(pos);
      if (c == ']' && !first) {
        pos++;
        break;
      }
      first = false;
      if (c == '[' && pos + 1 < src.length() && src.charAt(pos + 1) == ':') {
        int close = src.indexOf(":]", pos + 2);
        if (close < 0) {
          throw new IllegalArgumentException("unterminated character class");
        }
        cls.append(namedClass(src.substring(pos + 2, close)));
        pos = close + 2;
        continue;
      }
      if (c == '[' && pos + 1 < src.length() && (src.charAt(pos + 1) == '.' || src.charAt(pos + 1) == '=')) {
        char kind = src.charAt(pos + 1);
        int close = src.indexOf(kind + "]", pos + 2);
        if (close != pos + 3) {
          throw new IllegalArgumentException("unsupported collating element");
        }
        c = src.charAt(pos + 2);
        pos = close + 2;
      } else {
        pos++;
      }
      // A range a-z, unless the '-' is the last character before ']'.
      if (pos + 1 < src.length() && src.charAt(pos) == '-' && src.charAt(pos + 1) != ']') {
        char hi = src.charAt(pos + 1);
        if (hi < c) {
          throw new IllegalArgumentException("invalid range end");
        }
        cls.append(hex(c)).append('-').append(hex(hi));
        pos += 2;
      } else {
        cls.append(hex(c));
      }
    }
    out.append(cls).append(']');
  }

  private static String namedClass(String name) {
    switch (name) {
      case "alpha":
        return "\\p{Alpha}";
      case "digit":
        return "\\p{Digit}";
      case "alnum":
        return "\\p{Alnum}";
      case "upper":
        return "\\p{Upper}";
      case "lower":
        return "\\p{Lower}";
      case "space":
        return "\\p{Space}";
      case "blank":
        return "\\p{Blank}";
      case "punct":
        return "\\p{Punct}";
      case "print":
        return "\\p{Print}";
      case "graph":
        return "\\p{Graph}";
      case "cntrl":
        return "\\p{Cntrl}";
      case "xdigit":
        return "\\p{XDigit}";
      default:
        throw new IllegalArgumentException("unknown character class [:" + name + ":]");
    }
  }

  private static String hex(char c) {
    return "\\x{" + Integer.toHexString(c) + "}";
  }

  private void literal(char c) {
    if ("\\[](){}.*+?^$|".indexOf(c) >= 0) {
      out.append('\\');
    }
    out.append(c);
  }
}
