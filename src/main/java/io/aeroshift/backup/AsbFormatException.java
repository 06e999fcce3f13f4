package io.aeroshift.backup;

import java.io.IOException;

/**
 * A backup file that cannot be read as the asbackup text format: truncated, corrupt, written with
 * another compression or key, or using a construct asrestore refuses. Carries where it happened so
 * an engineer can open the file at that spot; every record before that spot has been delivered,
 * nothing after it is guessed.
 */
public final class AsbFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final long offset;
  private final String reason;

  /**
   * @param file the file name (or a description of the stream) being read
   * @param line 1-based physical line number of the error position, 0 when not known
   * @param offset 0-based byte offset of the error position in the decoded text, -1 when not known
   * @param reason what is wrong, in words
   */
  public AsbFormatException(String file, long line, long offset, String reason) {
    this(file, line, offset, reason, null);
  }

  public AsbFormatException(String file, long line, long offset, String reason, Throwable cause) {
    super(message(file, line, offset, reason), cause);
    this.file = file;
    this.line = line;
    this.offset = offset;
    this.reason = reason;
  }

  private static String message(String file, long line, long offset, String reason) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    if (offset >= 0) {
      sb.append(" (byte ").append(offset).append(')');
    }
    return sb.append(": ").append(reason).toString();
  }

  public String file() {
    return file;
  }

  public long line() {
    return line;
  }

  public long offset() {
    return offset;
  }

  public String reason() {
    return reason;
  }
}
