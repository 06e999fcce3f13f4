package io.aeroshift.backup;

/**
 * The bin type letters of a {@code - } line and the server particle type each restores to.
 * asrestore accepts exactly the letters {@code NIDSXGBJCPRHEYMLUZ}; anything else is a hard error.
 */
public enum AsbBinType {
  /** Nil bin: the line ends after the name. */
  NIL('N', 0),
  /** Boolean, {@code T} or {@code F}. */
  BOOL('Z', 17),
  /** Signed 64-bit integer. */
  INTEGER('I', 1),
  /** Double, C {@code %.17g} spelling. */
  DOUBLE('D', 2),
  /** String, length-prefixed raw UTF-8 bytes. */
  STRING('S', 3),
  /** String, base64 (read-only legacy form). */
  STRING_BASE64('X', 3),
  /** GeoJSON, length-prefixed raw text. */
  GEOJSON('G', 23),
  /** Generic blob. */
  BLOB('B', 4),
  /** Java-serialized blob. */
  JAVA_BLOB('J', 7),
  /** C# blob. */
  CSHARP_BLOB('C', 8),
  /** Python blob. */
  PYTHON_BLOB('P', 9),
  /** Ruby blob. */
  RUBY_BLOB('R', 10),
  /** PHP blob. */
  PHP_BLOB('H', 11),
  /** Erlang blob. */
  ERLANG_BLOB('E', 12),
  /** HyperLogLog. */
  HLL('Y', 18),
  /** Map: the server's msgpack. */
  MAP('M', 19),
  /** List: the server's msgpack. */
  LIST('L', 20),
  /** Large data type, removed from the server long ago: both restore tools stop on it. */
  LDT('U', -1);

  private final char letter;
  private final int particleType;

  AsbBinType(char letter, int particleType) {
    this.letter = letter;
    this.particleType = particleType;
  }

  public char letter() {
    return letter;
  }

  /** The server particle type the value restores as, -1 for LDT. */
  public int particleType() {
    return particleType;
  }

  /** True for the types whose value is bytes, written base64 or raw ({@code !}). */
  public boolean bytesLike() {
    switch (this) {
      case BLOB:
      case JAVA_BLOB:
      case CSHARP_BLOB:
      case PYTHON_BLOB:
      case RUBY_BLOB:
      case PHP_BLOB:
      case ERLANG_BLOB:
      case HLL:
      case MAP:
      case LIST:
        return true;
      default:
        return false;
    }
  }

  /** The type for a letter, or null when asrestore does not know the letter. */
  public static AsbBinType ofLetter(int letter) {
    for (AsbBinType t : values()) {
      if (t.letter == letter) {
        return t;
      }
    }
    return null;
  }

  /** The blob type restoring to a language particle type (7..12), or null. */
  static AsbBinType languageBlobOf(int particleType) {
    for (AsbBinType t : values()) {
      if (t.bytesLike() && t.particleType == particleType && t != BLOB && t != HLL
          && t != MAP && t != LIST) {
        return t;
      }
    }
    return null;
  }
}
