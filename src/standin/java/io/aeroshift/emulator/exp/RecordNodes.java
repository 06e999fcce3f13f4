package io.aeroshift.emulator.exp;

/** Record metadata, the stored user key, bins and bin types. Bin values are decoded only when asked. */
final class RecordNodes {
  static final int DIGEST_MODULO = 64;
  static final int DEVICE_SIZE = 65;
  static final int LAST_UPDATE = 66;
  static final int SINCE_UPDATE = 67;
  static final int VOID_TIME = 68;
  static final int TTL = 69;
  static final int SET_NAME = 70;
  static final int KEY_EXISTS = 71;
  static final int IS_TOMBSTONE = 72;
  static final int MEMORY_SIZE = 73;
  static final int RECORD_SIZE = 74;

  /** 2010-01-01T00:00:00Z in Unix seconds: the epoch of void times. */
  static final long CITRUSLEAF_EPOCH_SECONDS = 1_262_304_000L;

  private RecordNodes() {}

  /** Unsigned little-endian 32-bit read of digest bytes 16..19, modulo {@code mod}. */
  static final class DigestModulo extends Node {
    private final long mod;

    DigestModulo(long mod) {
      super(ExpType.INT);
      this.mod = mod;
    }

    @Override
    boolean integer(EvalFrame f) {
      byte[] d = f.record.digest();
      long v = (d[16] & 0xFFL) | (d[17] & 0xFFL) << 8 | (d[18] & 0xFFL) << 16 | (d[19] & 0xFFL) << 24;
      f.i = v % mod;
      return true;
    }
  }

  /** Integer metadata that needs no argument. */
  static final class IntMeta extends Node {
    private final int op;

    IntMeta(int op) {
      super(ExpType.INT);
      this.op = op;
    }

    @Override
    boolean integer(EvalFrame f) {
      ExpRecord r = f.record;
      switch (op) {
        case LAST_UPDATE:
          f.i = r.lastUpdateNanos();
          break;
        case SINCE_UPDATE:
          f.i = Math.max(0L, f.nowMillis - r.lastUpdateNanos() / 1_000_000L);
          break;
        case VOID_TIME:
          f.i = r.voidTime() == 0 ? -1 : (r.voidTime() + CITRUSLEAF_EPOCH_SECONDS) * 1_000_000_000L;
          break;
        case TTL:
          f.i = ttlSeconds(r.voidTime(), f.nowMillis);
          break;
        default:
          // DEVICE_SIZE, MEMORY_SIZE and RECORD_SIZE all report the one size the emulator keeps.
          f.i = r.recordSize();
      }
      return true;
    }

    /** Seconds left, at least 1 for a record not yet reaped; -1 for a record that never expires. */
    static long ttlSeconds(long voidTime, long nowMillis) {
      if (voidTime == 0) {
        return -1;
      }
      long now2010 = nowMillis / 1000L - CITRUSLEAF_EPOCH_SECONDS;
      return voidTime > now2010 ? voidTime - now2010 : 1;
    }
  }

  /** KEY_EXISTS and IS_TOMBSTONE (the emulator keeps no tombstones). */
  static final class BoolMeta extends Node {
    private final int op;

    BoolMeta(int op) {
      super(ExpType.BOOL);
      this.op = op;
    }

    @Override
    int bool(EvalFrame f) {
      if (op == IS_TOMBSTONE) {
        return FALSE;
      }
      return f.record.keyType() != Particles.NULL && f.record.keyBytes() != null ? TRUE : FALSE;
    }
  }

  static final class SetName extends Node {
    SetName() {
      super(ExpType.STRING);
    }

    @Override
    boolean bytes(EvalFrame f) {
      byte[] b = f.setNameBytes(f.record.setName());
      f.bytes = b;
      f.off = 0;
      f.len = b.length;
      return true;
    }
  }

  /** {@code key(type)}: the stored user key when it has the asked type, else unknown. */
  static final class Key extends Node {
    private final int particleType;

    Key(int type) {
      super(type);
      this.particleType = ExpType.particleType(type);
    }

    @Override
    boolean integer(EvalFrame f) {
      byte[] k = f.record.keyBytes();
      if (k == null || f.record.keyType() != Particles.INTEGER || k.length > 8) {
        return false;
      }
      f.i = Particles.integer(k);
      return true;
    }

    @Override
    boolean bytes(EvalFrame f) {
      byte[] k = f.record.keyBytes();
      if (k == null || f.record.keyType() != particleType) {
        return false;
      }
      f.bytes = k;
      f.off = 0;
      f.len = k.length;
      return true;
    }
  }

  /** {@code bin(type, name)}: unknown when the bin is missing or holds another type. */
  static final class Bin extends Node {
    private final String name;
    private final int particleType;

    Bin(int type, String name) {
      super(type);
      this.name = name;
      this.particleType = ExpType.particleType(type);
    }

    /** The bin's bytes when it exists with the expected particle type, else null. */
    private byte[] value(EvalFrame f) {
      if (particleType == Particles.NULL || f.record.binType(name) != particleType) {
        return null;
      }
      return f.record.binBytes(name);
    }

    @Override
    int bool(EvalFrame f) {
      byte[] v = value(f);
      if (v == null || v.length == 0) {
        return UNKNOWN;
      }
      return v[v.length - 1] != 0 ? TRUE : FALSE;
    }

    @Override
    boolean integer(EvalFrame f) {
      byte[] v = value(f);
      if (v == null || v.length > 8) {
        return false;
      }
      f.i = Particles.integer(v);
      return true;
    }

    @Override
    boolean real(EvalFrame f) {
      byte[] v = value(f);
      if (v == null || v.length != 8) {
        return false;
      }
      f.d = Particles.dbl(v);
      return true;
    }

    @Override
    boolean bytes(EvalFrame f) {
      byte[] v = value(f);
      if (v == null) {
        return false;
      }
      int start = 0;
      if (particleType == Particles.GEOJSON) {
        start = Particles.geoJsonOffset(v);
        if (start < 0) {
          return false;
        }
      }
      f.bytes = v;
      f.off = start;
      f.len = v.length - start;
      return true;
    }

    @Override
    boolean nil(EvalFrame f) {
      return false;
    }
  }

  /** {@code binType(name)}: the particle type, 0 when the bin is missing. */
  static final class BinType extends Node {
    private final String name;

    BinType(String name) {
      super(ExpType.INT);
      this.name = name;
    }

    @Override
    boolean integer(EvalFrame f) {
      f.i = f.record.binType(name);
      return true;
    }
  }
}
