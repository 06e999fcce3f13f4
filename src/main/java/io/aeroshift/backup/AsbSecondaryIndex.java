package io.aeroshift.backup;

import io.aeroshift.discovery.SecondaryIndexInfo;
import java.util.Locale;
import java.util.Objects;

/**
 * A secondary index definition as a {@code * i} line carries it (or {@code * e}, backup-go's
 * expression index, which asrestore cannot read).
 *
 * @param namespace namespace
 * @param set set, empty for the whole namespace
 * @param name index name
 * @param collection what the index covers: a plain bin, list elements, map keys or map values
 * @param bin the indexed bin (the single path asbackup writes)
 * @param dataType indexed value type
 * @param context base64 CDT context (server 6.1+), or null
 * @param expression base64 expression of a backup-go {@code * e} line, or null for {@code * i}
 */
public record AsbSecondaryIndex(
    String namespace,
    String set,
    String name,
    Collection collection,
    String bin,
    DataType dataType,
    String context,
    String expression) {

  /** What an index covers, with its {@code itype} letter. */
  public enum Collection {
    DEFAULT('N'),
    LIST('L'),
    MAPKEYS('K'),
    MAPVALUES('V');

    private final char letter;

    Collection(char letter) {
      this.letter = letter;
    }

    public char letter() {
      return letter;
    }

    public static Collection ofLetter(int c) {
      for (Collection x : values()) {
        if (x.letter == c) {
          return x;
        }
      }
      return null;
    }

    /** Maps the server's {@code indextype} value as asbackup does ({@code NONE} = default). */
    public static Collection ofServerName(String s) {
      if (s == null) {
        return DEFAULT;
      }
      switch (s.toUpperCase(Locale.ROOT)) {
        case "NONE":
        case "DEFAULT":
          return DEFAULT;
        case "LIST":
          return LIST;
        case "MAPKEYS":
          return MAPKEYS;
        case "MAPVALUES":
          return MAPVALUES;
        default:
          throw new IllegalArgumentException("unknown index collection type '" + s + "'");
      }
    }
  }

  /** Indexed value type, with its {@code dtype} letter. */
  public enum DataType {
    STRING('S'),
    NUMERIC('N'),
    GEO2DSPHERE('G'),
    BLOB('B');

    private final char letter;

    DataType(char letter) {
      this.letter = letter;
    }

    public char letter() {
      return letter;
    }

    public static DataType ofLetter(int c) {
      for (DataType x : values()) {
        if (x.letter == c) {
          return x;
        }
      }
      return null;
    }

    /** Maps the server's {@code type} value as asbackup does. */
    public static DataType ofServerName(String s) {
      switch (s.toUpperCase(Locale.ROOT)) {
        case "STRING":
        case "TEXT":
          return STRING;
        case "NUMERIC":
        case "INT SIGNED":
          return NUMERIC;
        case "GEO2DSPHERE":
        case "GEOJSON":
          return GEO2DSPHERE;
        case "BLOB":
          return BLOB;
        default:
          throw new IllegalArgumentException("unknown index data type '" + s + "'");
      }
    }
  }

  public AsbSecondaryIndex {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(bin, "bin");
    Objects.requireNonNull(dataType, "dataType");
    set = set == null ? "" : set;
    if (context != null && context.isEmpty()) {
      context = null;
    }
  }

  /** A plain {@code * i} index without context. */
  public static AsbSecondaryIndex of(
      String namespace, String set, String name, Collection collection, String bin, DataType type) {
    return new AsbSecondaryIndex(namespace, set, name, collection, bin, type, null, null);
  }

  /** The definition discovery reported ({@code sindex-list} carries no context there). */
  public static AsbSecondaryIndex fromInfo(SecondaryIndexInfo info) {
    return new AsbSecondaryIndex(
        info.namespace(),
        info.set(),
        info.name(),
        Collection.ofServerName(info.collection()),
        info.bin(),
        DataType.ofServerName(info.type()),
        null,
        null);
  }

  /** True for backup-go's expression index ({@code * e}). */
  public boolean isExpressionIndex() {
    return expression != null;
  }
}
