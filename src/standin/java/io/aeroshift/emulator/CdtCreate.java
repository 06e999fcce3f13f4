package io.aeroshift.emulator;

import io.aeroshift.emulator.exp.ExpressionException;
import io.aeroshift.emulator.exp.MsgpackReader;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The one part of list and map modify operations (op 4) the emulator carries out: an operation
 * that creates its bin when the bin does not exist. The server treats a missing bin as an empty
 * unordered list or map ({@code particle_list.c}: {@code cdt_context_use_static_list_if_notinuse}),
 * so {@code append}, {@code append_items}, {@code insert} at 0, {@code insert_items} at 0,
 * {@code put} and {@code put_items} create it and answer the new size. Every other case (an
 * existing bin, a context path, ordered lists or maps, other commands) is reported as not done so
 * the caller answers 16 UNSUPPORTED_FEATURE instead of pretending.
 *
 * <p>Wire form (client 9.2.0 {@code util/Pack}): the op value is a msgpack array
 * {@code [command, args...]}; with a context it is {@code [0xff, [ctx...], [command, args...]]}.
 * List commands are below 64, map commands 64 and up.
 */
final class CdtCreate {
  static final int LIST_APPEND = 1, LIST_APPEND_ITEMS = 2, LIST_INSERT = 3, LIST_INSERT_ITEMS = 4;
  static final int MAP_PUT = 67, MAP_PUT_ITEMS = 68;
  static final int PARTICLE_MAP = 19, PARTICLE_LIST = 20;

  /** A created bin: its particle type and msgpack bytes, and the op's result (the new size). */
  record Created(int particleType, byte[] value, long size) {}

  private CdtCreate() {}

  /** True when the op value names a command that could create its bin (the caller checks absence). */
  static boolean isCreating(byte[] opValue) {
    try {
      MsgpackReader r = new MsgpackReader(opValue);
      if (r.readArrayHeader() < 1) return false;
      int command = (int) r.readLong();
      return command == LIST_APPEND || command == LIST_APPEND_ITEMS || command == LIST_INSERT
          || command == LIST_INSERT_ITEMS || command == MAP_PUT || command == MAP_PUT_ITEMS;
    } catch (ExpressionException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The bin a creating op makes from nothing, or null when the emulator cannot do this op exactly
   * (ordered collections, write flags, a context, an insert index other than 0).
   */
  static Created createFrom(byte[] opValue) {
    try {
      MsgpackReader r = new MsgpackReader(opValue);
      int n = r.readArrayHeader();
      int command = (int) r.readLong();
      switch (command) {
        case LIST_APPEND: {
          if (n < 2) return null;
          byte[] item = r.readRawValue();
          if (!zeroes(r, n - 2)) return null;
          return list(List.of(item));
        }
        case LIST_APPEND_ITEMS: {
          if (n < 2) return null;
          List<byte[]> items = items(r);
          if (!zeroes(r, n - 2) || items.isEmpty()) return null;
          return list(items);
        }
        case LIST_INSERT: {
          if (n < 3 || r.readLong() != 0) return null;
          byte[] item = r.readRawValue();
          if (!zeroes(r, n - 3)) return null;
          return list(List.of(item));
        }
        case LIST_INSERT_ITEMS: {
          if (n < 3 || r.readLong() != 0) return null;
          List<byte[]> items = items(r);
          if (!zeroes(r, n - 3) || items.isEmpty()) return null;
          return list(items);
        }
        case MAP_PUT: {
          if (n < 3) return null;
          byte[] key = r.readRawValue();
          byte[] value = r.readRawValue();
          if (!zeroes(r, n - 3)) return null;
          return map(List.of(key), List.of(value));
        }
        case MAP_PUT_ITEMS: {
          if (n < 2 || r.peekKind() != MsgpackReader.Kind.MAP) return null;
          byte[] raw = r.readRawValue();
          if (!zeroes(r, n - 2)) return null;
          int b = raw[0] & 0xFF;
          int pairs = b >= 0x80 && b <= 0x8f ? b & 0x0f : b == 0xde ? ((raw[1] & 0xFF) << 8) | (raw[2] & 0xFF) : Wire.getInt(raw, 1);
          int skip = b >= 0x80 && b <= 0x8f ? 1 : b == 0xde ? 3 : 5;
          MsgpackReader m = new MsgpackReader(java.util.Arrays.copyOfRange(raw, skip, raw.length));
          java.util.Map<String, byte[][]> unique = new java.util.LinkedHashMap<>();
          for (int i = 0; i < pairs; i++) {
            byte[] key = m.readRawValue();
            unique.put(java.util.HexFormat.of().formatHex(key), new byte[][] {key, m.readRawValue()});
          }
          if (unique.isEmpty()) return null;
          List<byte[]> keys = new ArrayList<>();
          List<byte[]> values = new ArrayList<>();
          for (byte[][] kv : unique.values()) {
            keys.add(kv[0]);
            values.add(kv[1]);
          }
          return map(keys, values);
        }
        default:
          return null;
      }
    } catch (ExpressionException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Trailing policy ints (attributes, flags) must all be 0: unordered, default write flags. */
  private static boolean zeroes(MsgpackReader r, int count) {
    for (int i = 0; i < count; i++) {
      if (r.peekKind() != MsgpackReader.Kind.INT || r.readLong() != 0) return false;
    }
    return r.atEnd();
  }

  private static List<byte[]> items(MsgpackReader r) {
    int count = r.readArrayHeader();
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) out.add(r.readRawValue());
    return out;
  }

  private static Created list(List<byte[]> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    header(out, items.size(), 0x90, 0xdc);
    for (byte[] item : items) out.writeBytes(item);
    return new Created(PARTICLE_LIST, out.toByteArray(), items.size());
  }

  private static Created map(List<byte[]> keys, List<byte[]> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    header(out, keys.size(), 0x80, 0xde);
    for (int i = 0; i < keys.size(); i++) {
      out.writeBytes(keys.get(i));
      out.writeBytes(values.get(i));
    }
    return new Created(PARTICLE_MAP, out.toByteArray(), keys.size());
  }

  private static void header(ByteArrayOutputStream out, int count, int fix, int wide16) {
    if (count < 16) {
      out.write(fix | count);
    } else if (count < 65536) {
      out.write(wide16);
      out.write(count >>> 8);
      out.write(count);
    } else {
      out.write(wide16 + 1);
      out.write(count >>> 24);
      out.write(count >>> 16);
      out.write(count >>> 8);
      out.write(count);
    }
  }
}
