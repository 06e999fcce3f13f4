package io.aeroshift.emulator.exp;

/**
 * Expression value types as the client encodes them in {@code BIN} and {@code KEY} calls
 * ({@code Exp.Type.code}), with their particle-type counterparts.
 */
final class ExpType {
  static final int NIL = 0;
  static final int BOOL = 1;
  static final int INT = 2;
  static final int STRING = 3;
  static final int LIST = 4;
  static final int MAP = 5;
  static final int BLOB = 6;
  static final int FLOAT = 7;
  static final int GEO = 8;
  static final int HLL = 9;
  /** Types at or above this are not valid on the wire. */
  static final int INPUT_END = 10;

  private static final String[] NAMES = {
    "nil", "bool", "int", "string", "list", "map", "blob", "float", "geojson", "hll"
  };

  private ExpType() {}

  static String name(int type) {
    return type >= 0 && type < NAMES.length ? NAMES[type] : "type " + type;
  }

  /** The particle type a bin must have to be read as the given expression type (0 for nil: never). */
  static int particleType(int type) {
    switch (type) {
      case BOOL:
        return Particles.BOOL;
      case INT:
        return Particles.INTEGER;
      case STRING:
        return Particles.STRING;
      case LIST:
        return Particles.LIST;
      case MAP:
        return Particles.MAP;
      case BLOB:
        return Particles.BLOB;
      case FLOAT:
        return Particles.DOUBLE;
      case GEO:
        return Particles.GEOJSON;
      case HLL:
        return Particles.HLL;
      default:
        return Particles.NULL;
    }
  }
}
