package io.aeroshift.backup;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The token rules of the asbackup text format: escaping of name-like fields and the number
 * spellings the C tools write and accept. Pure functions, no I/O.
 */
public final class AsbText {

  /** asrestore reads every escaped or numeric token into a 1000-byte C buffer (with its NUL). */
  public static final int MAX_TOKEN_BYTES = 999;

  private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

  private AsbText() {}

  /**
   * Escapes a name-like field (namespace, set, bin name, index fields, UDF file name): a backslash
   * before each {@code \}, SP and LF byte, nothing else. Works on UTF-8 bytes, so multibyte
   * characters pass untouched.
   *
   * @throws IllegalArgumentException when the name contains NUL (asrestore keeps names as C
   *     strings) or is longer than asrestore's token buffer
   */
  public static byte[] escape(String name, String what) {
    byte[] raw = name.getBytes(StandardCharsets.UTF_8);
    if (raw.length > MAX_TOKEN_BYTES) {
      throw new IllegalArgumentException(
          what + " '" + name + "' is " + raw.length + " bytes; asrestore reads at most "
              + MAX_TOKEN_BYTES);
    }
    int extra = 0;
    for (byte b : raw) {
      if (b == 0) {
        throw new IllegalArgumentException(what + " '" + name + "' contains a NUL byte");
      }
      if (b == '\\' || b == ' ' || b == '\n') {
        extra++;
      }
    }
    if (extra == 0) {
      return raw;
    }
    byte[] out = new byte[raw.length + extra];
    int j = 0;
    for (byte b : raw) {
      if (b == '\\' || b == ' ' || b == '\n') {
        out[j++] = '\\';
      }
      out[j++] = b;
    }
    return out;
  }

  /**
   * Formats a double as C's {@code printf("%.17g")} does (the asbackup writer): 17 significant
   * digits, trailing zeros removed, scientific notation with a lowercase {@code e} and an at least
   * two-digit exponent when the exponent is below -4 or at least 17; {@code nan}, {@code inf},
   * {@code -inf} for the special values. Every finite double survives a parse round trip exactly.
   */
  public static String formatDouble(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0.0) {
      return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
    }
    // BigDecimal(double) is the exact binary value, so rounding it is exactly what glibc prints.
    BigDecimal rounded = new BigDecimal(v).round(SEVENTEEN_DIGITS);
    String digits = rounded.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - rounded.scale();
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(0, end);
    StringBuilder sb = new StringBuilder(32);
    if (v < 0) {
      sb.append('-');
    }
    if (exponent < -4 || exponent >= 17) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
    } else if (exponent < 0) {
      sb.append("0.");
      for (int i = -1; i > exponent; i--) {
        sb.append('0');
      }
      sb.append(digits);
    } else if (digits.length() <= exponent + 1) {
      sb.append(digits);
      for (int i = digits.length(); i <= exponent; i++) {
        sb.append('0');
      }
    } else {
      sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
    }
    return sb.toString();
  }

  /**
   * Parses a double token as asrestore accepts it: optional sign, digits, at most one {@code .},
   * at most one lowercase {@code e} with an optional sign, or {@code nan}/{@code inf}/{@code
   * infinity} in any case.
   *
   * @throws NumberFormatException with the reason when the token is not such a number
   */
  public static double parseDouble(String token) {
    if (token.isEmpty()) {
      throw new NumberFormatException("empty floating-point value");
    }
    int i = 0;
    boolean negative = false;
    if (token.charAt(0) == '+' || token.charAt(0) == '-') {
      negative = token.charAt(0) == '-';
      i = 1;
    }
    String rest = token.substring(i);
    if (rest.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    boolean dot = false;
    boolean exp = false;
    boolean mantissaDigit = false;
    boolean exponentDigit = false;
    char prev = 0;
    for (int k = i; k < token.length(); k++) {
      char c = token.charAt(k);
      if (c >= '0' && c <= '9') {
        if (exp) {
          exponentDigit = true;
        } else {
          mantissaDigit = true;
        }
      } else if ((c == '+' || c == '-') && prev == 'e') {
        // exponent sign
      } else if (c == '.' && !dot && !exp) {
        dot = true;
      } else if (c == 'e' && !exp) {
        exp = true;
      } else {
        throw new NumberFormatException(
            "invalid character '" + c + "' in floating-point value '" + token
                + "' (expected digits, '.', lowercase 'e', nan or inf)");
      }
      prev = c;
    }
    if (!mantissaDigit || (exp && !exponentDigit)) {
      throw new NumberFormatException("incomplete floating-point value '" + token + "'");
    }
    return Double.parseDouble(token);
  }

  /**
   * Parses a signed decimal int64 as asrestore does: an optional leading {@code -}, digits, no
   * {@code +}, overflow is an error.
   */
  public static long parseLong(String token) {
    int start = token.startsWith("-") ? 1 : 0;
    if (token.length() == start) {
      throw new NumberFormatException("missing integer digits in '" + token + "'");
    }
    for (int k = start; k < token.length(); k++) {
      char c = token.charAt(k);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(
            "invalid character '" + c + "' in integer '" + token + "' (expected digits)");
      }
    }
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      throw new NumberFormatException("integer overflow in '" + token + "'");
    }
  }
}
