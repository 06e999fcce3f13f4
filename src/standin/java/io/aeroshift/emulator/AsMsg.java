package io.aeroshift.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed AS_MSG (proto type 3): the 22-byte header, fields indexed by type and the operations.
 * Batch entries reuse this shape with the entry's own header bits.
 */
final class AsMsg {
  static final int INFO1_READ = 0x01, INFO1_GET_ALL = 0x02, INFO1_BATCH = 0x08, INFO1_NOBINDATA = 0x20;
  static final int INFO2_WRITE = 0x01, INFO2_DELETE = 0x02, INFO2_GENERATION = 0x04, INFO2_GENERATION_GT = 0x08,
      INFO2_DURABLE_DELETE = 0x10, INFO2_CREATE_ONLY = 0x20, INFO2_RESPOND_ALL_OPS = 0x80;
  static final int INFO3_LAST = 0x01, INFO3_PARTITION_DONE = 0x04, INFO3_UPDATE_ONLY = 0x08,
      INFO3_CREATE_OR_REPLACE = 0x10, INFO3_REPLACE_ONLY = 0x20;

  static final int F_NAMESPACE = 0, F_SET = 1, F_KEY = 2, F_DIGEST = 4, F_TXN_ID = 5, F_QUERY_ID = 7,
      F_SOCKET_TIMEOUT = 9, F_RPS = 10, F_PID_ARRAY = 11, F_DIGEST_ARRAY = 12, F_MAX_RECORDS = 13,
      F_BVAL_ARRAY = 15, F_INDEX_NAME = 21, F_INDEX_RANGE = 22, F_INDEX_EXPRESSION = 24,
      F_UDF_PACKAGE = 30, F_UDF_FUNCTION = 31, F_UDF_OP = 33, F_BATCH_INDEX = 41, F_FILTER_EXP = 43;

  int info1, info2, info3, info4;
  int generation;
  int recordTtl;
  int transactionTtl;
  final byte[][] fields = new byte[64][];
  List<Op> ops = List.of();

  /** One operation of a message. */
  static final class Op {
    final int type;
    final int particleType;
    final byte[] name;
    final byte[] value;

    Op(int type, int particleType, byte[] name, byte[] value) {
      this.type = type;
      this.particleType = particleType;
      this.name = name;
      this.value = value;
    }

    String nameString() {
      return new String(name, StandardCharsets.UTF_8);
    }
  }

  static final class MalformedException extends RuntimeException {
    MalformedException(String msg) {
      super(msg);
    }
  }

  byte[] field(int type) {
    return fields[type];
  }

  String fieldString(int type) {
    byte[] f = fields[type];
    return f == null ? null : new String(f, StandardCharsets.UTF_8);
  }

  /** Parses a full AS_MSG body (after the proto header). */
  static AsMsg parse(byte[] b, int off, int end) {
    if (end - off < 22) throw new MalformedException("AS_MSG shorter than its 22-byte header");
    int headerSize = b[off] & 0xFF;
    if (headerSize != 22) throw new MalformedException("AS_MSG header size " + headerSize + ", expected 22");
    AsMsg m = new AsMsg();
    m.info1 = b[off + 1] & 0xFF;
    m.info2 = b[off + 2] & 0xFF;
    m.info3 = b[off + 3] & 0xFF;
    m.info4 = b[off + 4] & 0xFF;
    m.generation = Wire.getInt(b, off + 6);
    m.recordTtl = Wire.getInt(b, off + 10);
    m.transactionTtl = Wire.getInt(b, off + 14);
    int nFields = Wire.getShort(b, off + 18);
    int nOps = Wire.getShort(b, off + 20);
    int pos = m.readFieldsAndOps(b, off + 22, end, nFields, nOps);
    if (pos != end) throw new MalformedException("AS_MSG has " + (end - pos) + " trailing bytes");
    return m;
  }

  /** Reads fields then ops starting at pos; returns the position after them. */
  int readFieldsAndOps(byte[] b, int pos, int end, int nFields, int nOps) {
    for (int i = 0; i < nFields; i++) {
      if (pos + 5 > end) throw new MalformedException("field " + i + " runs past the message end");
      int size = Wire.getInt(b, pos);
      int type = b[pos + 4] & 0xFF;
      if (size >= 1 && pos + 4 + size > end && i == nFields - 1 && nOps == 0 && type == F_BATCH_INDEX) {
        // Client 9.2.0 sizes the batch field from the message header, so a parent filter before it
        // inflates the size by the filter field's length; the server reads to the message end.
        size = end - pos - 4;
      }
      if (size < 1 || pos + 4 + size > end) throw new MalformedException("field " + i + " has bad size " + size);
      byte[] data = new byte[size - 1];
      System.arraycopy(b, pos + 5, data, 0, size - 1);
      if (type < fields.length) fields[type] = data;
      pos += 4 + size;
    }
    if (nOps > 0) {
      List<Op> list = new ArrayList<>(nOps);
      for (int i = 0; i < nOps; i++) {
        if (pos + 8 > end) throw new MalformedException("op " + i + " runs past the message end");
        int size = Wire.getInt(b, pos);
        int nameLen = b[pos + 7] & 0xFF;
        if (size < 4 + nameLen || pos + 4 + size > end) throw new MalformedException("op " + i + " has bad size " + size);
        byte[] name = new byte[nameLen];
        System.arraycopy(b, pos + 8, name, 0, nameLen);
        int valueLen = size - 4 - nameLen;
        byte[] value = new byte[valueLen];
        System.arraycopy(b, pos + 8 + nameLen, value, 0, valueLen);
        list.add(new Op(b[pos + 4] & 0xFF, b[pos + 5] & 0xFF, name, value));
        pos += 4 + size;
      }
      ops = list;
    } else {
      ops = List.of();
    }
    return pos;
  }

  // Reply writing

  /** Writes a 22-byte reply header. */
  static void header(OutBuffer out, int info1, int info3, int resultCode, int generation, int voidTime,
      int transactionTtl, int nFields, int nOps) {
    out.ensure(22);
    byte[] b = out.buf;
    int p = out.len;
    b[p] = 22;
    b[p + 1] = (byte) info1;
    b[p + 2] = 0;
    b[p + 3] = (byte) info3;
    b[p + 4] = 0;
    b[p + 5] = (byte) resultCode;
    Wire.putInt(b, p + 6, generation);
    Wire.putInt(b, p + 10, voidTime);
    Wire.putInt(b, p + 14, transactionTtl);
    Wire.putShort(b, p + 18, nFields);
    Wire.putShort(b, p + 20, nOps);
    out.len += 22;
  }

  /** Writes one READ op carrying a bin. */
  static void binOp(OutBuffer out, byte[] name, int particleType, byte[] value) {
    out.u32(4 + name.length + value.length);
    out.u8(1);
    out.u8(particleType);
    out.u8(0);
    out.u8(name.length);
    out.bytes(name);
    out.bytes(value);
  }
}
