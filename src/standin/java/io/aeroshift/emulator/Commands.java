package io.aeroshift.emulator;

import io.aeroshift.emulator.EmulatedCluster.NamespaceRuntime;
import io.aeroshift.emulator.exp.ExpressionException;
import io.aeroshift.emulator.exp.FilterExpression;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Executes AS_MSG commands: single-record reads and writes, batch-index and partition scans.
 * Semantics follow EMULATOR-SPEC.md section 5 (the server's own check order for writes).
 */
final class Commands {
  static final int OK = 0, KEY_NOT_FOUND = 2, GENERATION_ERROR = 3, PARAMETER_ERROR = 4, KEY_EXISTS = 5,
      BIN_TYPE_ERROR = 12, UNSUPPORTED_FEATURE = 16, KEY_MISMATCH = 19, INVALID_NAMESPACE = 20,
      BIN_NAME_TOO_LONG = 21, ENTERPRISE_ONLY = 25, FILTERED_OUT = 27, NOT_AUTHENTICATED = 80,
      UDF_EXECUTION = 100, INDEX_NOTFOUND = 201;
  private static final byte[] FAILURE_BIN = "FAILURE".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  static final long MAX_TTL = 315_360_000L;
  private static final int FLUSH_BYTES = 128 * 1024;
  private static final int SCAN_SLICE = 512;

  private static final java.util.Map<String, String[]> COUNTER_NAMES = new java.util.HashMap<>();

  static {
    for (String s : new String[] {"read_success", "read_not_found", "read_error", "read_filtered_out", "write_success",
        "write_error", "write_filtered_out", "delete_success", "delete_not_found", "delete_error", "delete_filtered_out"}) {
      COUNTER_NAMES.put(s, new String[] {"client_" + s, "batch_sub_" + s});
    }
  }

  /** The server's counter name for a single-record (kind 0) or batch sub-transaction (kind 1) outcome. */
  private static String ctr(int kind, String outcome) {
    return COUNTER_NAMES.get(outcome)[kind];
  }

  private final EmulatedCluster cluster;

  Commands(EmulatedCluster cluster) {
    this.cluster = cluster;
  }

  void handle(AsMsg m, ClientConnection c) throws IOException {
    Faults faults = cluster.faults();
    long latency = faults.latencyNanos();
    if (latency > 0) LockSupport.parkNanos(latency);
    if (faults.dropThisCommand()) throw new ClientConnection.DropConnection();
    OutBuffer out = new OutBuffer(256);
    int injected = faults.injectedError();
    if (injected == 0 && cluster.securityEnabled() && c.user == null) injected = NOT_AUTHENTICATED;
    if (injected != 0) {
      boolean multi = m.field(AsMsg.F_BATCH_INDEX) != null || m.field(AsMsg.F_DIGEST) == null;
      AsMsg.header(out, 0, multi ? AsMsg.INFO3_LAST : 0, injected, 0, 0, 0, 0, 0);
      c.sendMsg(out);
      return;
    }
    if (m.field(AsMsg.F_BATCH_INDEX) != null) {
      batch(m, c, out);
    } else if (m.field(AsMsg.F_DIGEST) == null) {
      scan(m, c, out);
    } else {
      single(m, m.field(AsMsg.F_DIGEST), 0, null, out, c.node.stats, false);
      c.sendMsg(out);
    }
  }

  // ---------------------------------------------------------------- single record

  /** Executes one record command and appends its reply row to out. */
  void single(AsMsg m, byte[] digest, int batchIndex, byte[] parentFilter, OutBuffer out, NodeStats stats, boolean batch) {
    String nsName = m.fieldString(AsMsg.F_NAMESPACE);
    NamespaceRuntime ns = cluster.namespace(nsName);
    if (ns == null || digest.length != 20) {
      AsMsg.header(out, 0, 0, ns == null ? INVALID_NAMESPACE : PARAMETER_ERROR, 0, 0, batchIndex, 0, 0);
      return;
    }
    byte[] filterBytes = m.field(AsMsg.F_FILTER_EXP) != null ? m.field(AsMsg.F_FILTER_EXP) : parentFilter;
    FilterExpression filter = null;
    if (filterBytes != null) {
      try {
        filter = FilterExpression.parse(filterBytes);
      } catch (ExpressionException e) {
        AsMsg.header(out, 0, 0, e.resultCode(), 0, 0, batchIndex, 0, 0);
        return;
      }
    }
    int prefix = batch ? 1 : 0;
    if (m.field(AsMsg.F_UDF_PACKAGE) != null) {
      udf(m, ns, batchIndex, out, stats, prefix);
      return;
    }
    boolean write = (m.info2 & AsMsg.INFO2_WRITE) != 0;
    if (write && (m.info2 & AsMsg.INFO2_DELETE) != 0) {
      delete(m, ns, digest, filter, batchIndex, out, stats, prefix);
    } else if (write) {
      write(m, ns, digest, filter, batchIndex, out, stats, prefix);
    } else {
      read(m, ns, digest, filter, batchIndex, out, stats, prefix);
    }
  }

  /**
   * A record UDF call. The emulator runs no Lua, so it answers as a server whose UDF failed
   * (server {@code udf.c}: {@code udf_master_failed} with {@code AS_ERR_UDF_EXECUTION} 100 and the
   * error text in a {@code FAILURE} bin, which client 9.2.0 raises as {@code AerospikeException(100)}
   * with that text): for a module never registered (the server cannot load it), and for a
   * registered one (the emulator cannot run it). The record is never read, changed or created,
   * exactly as a server leaves a record whose UDF failed before writing.
   */
  private void udf(AsMsg m, NamespaceRuntime ns, int batchIndex, OutBuffer out, NodeStats stats, int prefix) {
    String module = m.fieldString(AsMsg.F_UDF_PACKAGE);
    String function = m.fieldString(AsMsg.F_UDF_FUNCTION);
    boolean registered = cluster.udfs.containsKey(module + ".lua") || cluster.udfs.containsKey(module);
    String message = registered
        ? "UDF: emulator cannot execute Lua (" + module + "." + function + " not run)"
        : "UDF: module '" + module + "' not found (never registered with udf-put)";
    stats.inc(ns.spec.name(), prefix == 0 ? "client_udf_error" : "batch_sub_udf_error");
    stats.inc(ns.spec.name(), prefix == 0 ? "client_lang_error" : "batch_sub_lang_error");
    AsMsg.header(out, 0, 0, UDF_EXECUTION, 0, 0, batchIndex, 0, 1);
    AsMsg.binOp(out, FAILURE_BIN, 3, message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static StoredRecord live(NamespaceStore store, Partition p, byte[] digest, long now) {
    StoredRecord r = p.get(digest);
    if (r != null && r.expiredAt(now)) {
      store.delete(p, digest);
      return null;
    }
    return r;
  }

  private void read(AsMsg m, NamespaceRuntime ns, byte[] digest, FilterExpression filter, int batchIndex,
      OutBuffer out, NodeStats stats, int prefix) {
    long now = cluster.faults().nowMillis(stats.node);
    Partition p = ns.store.partition(digest);
    StoredRecord r;
    synchronized (p) {
      r = live(ns.store, p, digest, now);
      if (r != null && filter != null && !filter.matches(r, now)) {
        stats.inc(ns.spec.name(), ctr(prefix, "read_filtered_out"));
        AsMsg.header(out, 0, 0, FILTERED_OUT, 0, 0, batchIndex, 0, 0);
        return;
      }
      if (r != null) r = readTouch(ns, p, r, m.recordTtl, now);
    }
    if (r == null) {
      stats.inc(ns.spec.name(), ctr(prefix, "read_not_found"));
      AsMsg.header(out, 0, 0, KEY_NOT_FOUND, 0, 0, batchIndex, 0, 0);
      return;
    }
    boolean computed = false;
    for (AsMsg.Op op : m.ops) {
      if (op.type == 7) {
        computed = true;
      } else if (op.type != 1) {
        stats.inc(ns.spec.name(), ctr(prefix, "read_error"));
        AsMsg.header(out, 0, 0, UNSUPPORTED_FEATURE, 0, 0, batchIndex, 0, 0);
        return;
      }
    }
    if (computed) {
      OutBuffer results = new OutBuffer(64);
      int n = 0;
      try {
        for (AsMsg.Op op : m.ops) {
          if (op.type == 7) {
            expRead(op, r, now, results);
            n++;
          } else if (op.name.length == 0) {
            results.bytes(r.bins);
            n += r.binCount;
          } else {
            int at = r.findBin(op.name);
            if (at >= 0) {
              results.bytes(r.bins, at, 4 + Wire.getInt(r.bins, at));
              n++;
            }
          }
        }
      } catch (WriteFailure f) {
        stats.inc(ns.spec.name(), ctr(prefix, "read_error"));
        AsMsg.header(out, 0, 0, f.rc, 0, 0, batchIndex, 0, 0);
        return;
      }
      stats.inc(ns.spec.name(), ctr(prefix, "read_success"));
      AsMsg.header(out, 0, 0, OK, r.generation, r.voidTime, batchIndex, 0, n);
      out.bytes(results.buf, 0, results.len);
      return;
    }
    stats.inc(ns.spec.name(), ctr(prefix, "read_success"));
    writeRecordRow(out, r, m, batchIndex);
  }

  /** EXP_READ (op 7): evaluates the op's expression on the record and appends the result bin. */
  private static void expRead(AsMsg.Op op, io.aeroshift.emulator.exp.ExpRecord rec, long now, OutBuffer results)
      throws WriteFailure {
    try {
      FilterExpression.ReadOp readOp = FilterExpression.parseReadOp(op.value);
      Object value = readOp.expression().evaluate(rec, now);
      io.aeroshift.emulator.exp.RawParticle particle = FilterExpression.toParticle(value);
      if (particle == null) {
        if ((readOp.flags() & FilterExpression.ReadOp.EVAL_NO_FAIL) == 0) throw new WriteFailure(26);
        AsMsg.binOp(results, op.name, 0, new byte[0]);
      } else {
        AsMsg.binOp(results, op.name, particle.particleType(), particle.bytes());
      }
    } catch (ExpressionException e) {
      throw new WriteFailure(e.resultCode());
    }
  }

  /** Server read-touch: refresh the void time when the record is within pct% of its write TTL. */
  private static StoredRecord readTouch(NamespaceRuntime ns, Partition p, StoredRecord r, int pct, long now) {
    if (pct <= 0 || pct > 100 || r.voidTime == 0) return r;
    long voidTime = Integer.toUnsignedLong(r.voidTime);
    long lut = r.lastUpdateMillis / 1000 - StoredRecord.EPOCH_2010_SECONDS;
    long writeTtl = voidTime - lut;
    long now2010 = StoredRecord.nowSince2010(now);
    if (writeTtl <= 0 || now2010 < voidTime - writeTtl * pct / 100) return r;
    StoredRecord touched = r.withVoidTime((int) (now2010 + writeTtl));
    ns.store.store(p, touched);
    return touched;
  }

  /** A reply row with the bins a read asked for (all, named or none). */
  private static void writeRecordRow(OutBuffer out, StoredRecord r, AsMsg m, int batchIndex) {
    boolean noBins = (m.info1 & AsMsg.INFO1_NOBINDATA) != 0;
    boolean all = (m.info1 & AsMsg.INFO1_GET_ALL) != 0 || m.ops.isEmpty();
    if (!all) {
      for (AsMsg.Op op : m.ops) if (op.name.length == 0) all = true;
    }
    if (noBins) {
      AsMsg.header(out, 0, 0, OK, r.generation, r.voidTime, batchIndex, 0, 0);
    } else if (all) {
      AsMsg.header(out, 0, 0, OK, r.generation, r.voidTime, batchIndex, 0, r.binCount);
      out.bytes(r.bins);
    } else {
      int start = out.len;
      AsMsg.header(out, 0, 0, OK, r.generation, r.voidTime, batchIndex, 0, 0);
      int n = 0;
      for (AsMsg.Op op : m.ops) {
        int at = r.findBin(op.name);
        if (at >= 0) {
          out.bytes(r.bins, at, 4 + Wire.getInt(r.bins, at));
          n++;
        }
      }
      Wire.putShort(out.buf, start + 20, n);
    }
  }

  private void delete(AsMsg m, NamespaceRuntime ns, byte[] digest, FilterExpression filter, int batchIndex,
      OutBuffer out, NodeStats stats, int prefix) {
    String n = ns.spec.name();
    if ((m.info2 & AsMsg.INFO2_DURABLE_DELETE) != 0 && cluster.edition == Edition.COMMUNITY) {
      // The CE server refuses durable deletes up front (validate_delete_durability → AS_ERR_ENTERPRISE_ONLY).
      stats.inc(n, ctr(prefix, "delete_error"));
      AsMsg.header(out, 0, 0, ENTERPRISE_ONLY, 0, 0, batchIndex, 0, 0);
      return;
    }
    long now = cluster.faults().nowMillis(stats.node);
    Partition p = ns.store.partition(digest);
    int rc;
    synchronized (p) {
      StoredRecord r = live(ns.store, p, digest, now);
      if (r == null) {
        rc = KEY_NOT_FOUND;
      } else if (!generationOk(m, r.generation)) {
        rc = GENERATION_ERROR;
      } else if (filter != null && !filter.matches(r, now)) {
        rc = FILTERED_OUT;
      } else {
        if (!cluster.faults().loseThisWrite()) {
          ns.store.delete(p, digest);
          cluster.xdr.submit(n, digest, r.setName);
        }
        rc = OK;
      }
    }
    stats.inc(n, ctr(prefix, rc == OK ? "delete_success" : rc == KEY_NOT_FOUND ? "delete_not_found"
        : rc == FILTERED_OUT ? "delete_filtered_out" : "delete_error"));
    AsMsg.header(out, 0, 0, rc, 0, 0, batchIndex, 0, 0);
  }

  private static boolean generationOk(AsMsg m, int current) {
    int want = m.generation & 0xFFFF;
    if ((m.info2 & AsMsg.INFO2_GENERATION) != 0) return want == current;
    if ((m.info2 & AsMsg.INFO2_GENERATION_GT) != 0) return want > current;
    return true;
  }

  /** A bin being assembled by a write. */
  private static final class Bin {
    final byte[] name;
    int type;
    byte[] value;

    Bin(byte[] name, int type, byte[] value) {
      this.name = name;
      this.type = type;
      this.value = value;
    }
  }

  private static final class WriteFailure extends Exception {
    final int rc;

    WriteFailure(int rc) {
      super(null, null, false, false);
      this.rc = rc;
    }
  }

  private void write(AsMsg m, NamespaceRuntime ns, byte[] digest, FilterExpression filter, int batchIndex,
      OutBuffer out, NodeStats stats, int prefix) {
    String n = ns.spec.name();
    if ((m.info1 & AsMsg.INFO1_READ) == 0 && writesOnly(m) && cluster.faults().loseThisWrite()) {
      stats.inc(n, ctr(prefix, "write_success"));
      AsMsg.header(out, 0, 0, OK, 1, 0, batchIndex, 0, 0);
      return;
    }
    int ttl = m.recordTtl;
    if (ttl != -1 && ttl != -2 && (ttl < 0 || ttl > MAX_TTL)) {
      stats.inc(n, ctr(prefix, "write_error"));
      AsMsg.header(out, 0, 0, PARAMETER_ERROR, 0, 0, batchIndex, 0, 0);
      return;
    }
    for (AsMsg.Op op : m.ops) {
      if (op.name.length > 15) {
        stats.inc(n, ctr(prefix, "write_error"));
        AsMsg.header(out, 0, 0, BIN_NAME_TOO_LONG, 0, 0, batchIndex, 0, 0);
        return;
      }
    }
    long now = cluster.faults().nowMillis(stats.node);
    Partition p = ns.store.partition(digest);
    String set = m.fieldString(AsMsg.F_SET);
    byte[] keyField = m.field(AsMsg.F_KEY);
    boolean respondAll = (m.info2 & AsMsg.INFO2_RESPOND_ALL_OPS) != 0;
    OutBuffer results = new OutBuffer(64);
    int nResults = 0;
    StoredRecord committed = null;
    int rc = OK;
    synchronized (p) {
      try {
        StoredRecord r = live(ns.store, p, digest, now);
        boolean exists = r != null;
        if (!exists && (m.info3 & (AsMsg.INFO3_UPDATE_ONLY | AsMsg.INFO3_REPLACE_ONLY)) != 0) throw new WriteFailure(KEY_NOT_FOUND);
        if (exists && (m.info2 & AsMsg.INFO2_CREATE_ONLY) != 0) throw new WriteFailure(KEY_EXISTS);
        if (!generationOk(m, exists ? r.generation : 0)) throw new WriteFailure(GENERATION_ERROR);
        if (exists && filter != null && !filter.matches(r, now)) throw new WriteFailure(FILTERED_OUT);
        if (exists && keyField != null && keyField.length > 0 && r.key != null && !sameKey(r, keyField)) {
          throw new WriteFailure(KEY_MISMATCH);
        }
        boolean touchOnly = !m.ops.isEmpty();
        for (AsMsg.Op op : m.ops) if (op.type != 11 && op.type != 1) touchOnly = false;
        if (touchOnly && !exists) throw new WriteFailure(KEY_NOT_FOUND);

        boolean replace = (m.info3 & (AsMsg.INFO3_CREATE_OR_REPLACE | AsMsg.INFO3_REPLACE_ONLY)) != 0;
        List<Bin> bins = exists && !replace ? decode(r) : new ArrayList<>();
        boolean deletedRecord = false;
        for (AsMsg.Op op : m.ops) {
          switch (op.type) {
            case 1: {
              if (op.name.length == 0) {
                for (Bin b : bins) {
                  AsMsg.binOp(results, b.name, b.type, b.value);
                  nResults++;
                }
              } else {
                Bin b = find(bins, op.name);
                if (b != null) {
                  AsMsg.binOp(results, b.name, b.type, b.value);
                  nResults++;
                } else if (respondAll) {
                  AsMsg.binOp(results, op.name, 0, new byte[0]);
                  nResults++;
                }
              }
              continue;
            }
            case 2:
              if (op.particleType == 0) {
                bins.removeIf(b -> Arrays.equals(b.name, op.name));
              } else {
                Bin b = find(bins, op.name);
                if (b == null) bins.add(new Bin(op.name, op.particleType, op.value));
                else {
                  b.type = op.particleType;
                  b.value = op.value;
                }
              }
              break;
            case 5:
              add(bins, op);
              break;
            case 9:
            case 10:
              concat(bins, op, op.type == 9);
              break;
            case 11:
              break;
            case 14:
              bins.clear();
              deletedRecord = true;
              break;
            case 4: {
              // List/map modify: the emulator only creates a missing bin (CdtCreate); anything it
              // would have to compute on existing data is refused with 16, never guessed.
              if (find(bins, op.name) != null || exists && !CdtCreate.isCreating(op.value)) throw new WriteFailure(UNSUPPORTED_FEATURE);
              if (!CdtCreate.isCreating(op.value)) {
                // On a missing record a non-creating modify works on an empty collection and
                // leaves no bin; with nothing else written the server answers 2 below.
                if (respondAll) {
                  AsMsg.binOp(results, op.name, 0, new byte[0]);
                  nResults++;
                }
                continue;
              }
              CdtCreate.Created created = CdtCreate.createFrom(op.value);
              if (created == null) throw new WriteFailure(UNSUPPORTED_FEATURE);
              bins.add(new Bin(op.name, created.particleType(), created.value()));
              AsMsg.binOp(results, op.name, 1, longBytes(created.size()));
              nResults++;
              continue;
            }
            case 7: {
              OutBuffer enc = new OutBuffer(64);
              for (Bin b : bins) AsMsg.binOp(enc, b.name, b.type, b.value);
              StoredRecord view = new StoredRecord(digest, exists ? r.setName : set == null ? "" : set,
                  exists ? r.generation : 0, exists ? r.voidTime : 0, exists ? r.lastUpdateMillis : now,
                  exists ? r.keyType : 0, exists ? r.key : null, Arrays.copyOf(enc.buf, enc.len), bins.size());
              expRead(op, view, now, results);
              nResults++;
              continue;
            }
            default:
              throw new WriteFailure(UNSUPPORTED_FEATURE);
          }
          if (respondAll) {
            AsMsg.binOp(results, op.name, 0, new byte[0]);
            nResults++;
          }
        }
        if (bins.isEmpty()) {
          // A write that leaves a record it did not find without bins creates nothing: the
          // server answers AS_ERR_NOT_FOUND (write.c, "didn't exist").
          if (!exists) throw new WriteFailure(KEY_NOT_FOUND);
          ns.store.delete(p, digest);
          cluster.xdr.submit(n, digest, r.setName);
          committed = null;
        } else {
          int generation = exists && !deletedRecord ? nextGeneration(r.generation) : 1;
          int voidTime = voidTime(ttl, ns.defaultTtl, exists && !deletedRecord ? r.voidTime : 0, exists && !deletedRecord, now);
          byte keyType = exists && r.key != null ? r.keyType : keyField != null && keyField.length > 0 ? keyField[0] : 0;
          byte[] key = exists && r.key != null ? r.key : keyField != null && keyField.length > 0 ? Arrays.copyOfRange(keyField, 1, keyField.length) : null;
          String setName = exists ? r.setName : ns.store.internSet(set == null ? "" : set);
          OutBuffer enc = new OutBuffer(64);
          for (Bin b : bins) AsMsg.binOp(enc, b.name, b.type, b.value);
          committed = new StoredRecord(digest, setName, generation, voidTime, now, keyType, key,
              Arrays.copyOf(enc.buf, enc.len), bins.size());
          ns.store.store(p, committed);
          cluster.xdr.submit(n, digest, setName);
        }
      } catch (WriteFailure f) {
        rc = f.rc;
      }
    }
    stats.inc(n, ctr(prefix, rc == OK ? "write_success" : rc == FILTERED_OUT ? "write_filtered_out" : "write_error"));
    if (rc != OK) {
      AsMsg.header(out, 0, 0, rc, 0, 0, batchIndex, 0, 0);
      return;
    }
    AsMsg.header(out, 0, 0, OK, committed == null ? 0 : committed.generation, committed == null ? 0 : committed.voidTime,
        batchIndex, 0, nResults);
    out.bytes(results.buf, 0, results.len);
  }

  /** True when no operation of the command reads (a bin read or an expression read). */
  private static boolean writesOnly(AsMsg m) {
    for (AsMsg.Op op : m.ops) if (op.type == 1 || op.type == 7) return false;
    return true;
  }

  private static boolean sameKey(StoredRecord r, byte[] keyField) {
    return r.keyType == keyField[0] && Arrays.equals(r.key, 0, r.key.length, keyField, 1, keyField.length);
  }

  static int nextGeneration(int gen) {
    return gen >= 0xFFFF ? 1 : gen + 1;
  }

  /** Void time (2010 epoch) for a write TTL per spec 5.10. */
  static int voidTime(int ttl, long defaultTtl, int currentVoidTime, boolean exists, long now) {
    long now2010 = StoredRecord.nowSince2010(now);
    long seconds;
    if (ttl == -1) return 0;
    if (ttl == -2) {
      if (exists) return currentVoidTime;
      seconds = defaultTtl;
    } else if (ttl == 0) {
      seconds = defaultTtl;
    } else {
      seconds = ttl;
    }
    return seconds == 0 ? 0 : (int) (now2010 + seconds);
  }

  private static Bin find(List<Bin> bins, byte[] name) {
    for (Bin b : bins) if (Arrays.equals(b.name, name)) return b;
    return null;
  }

  private static List<Bin> decode(StoredRecord r) {
    List<Bin> bins = new ArrayList<>(r.binCount);
    byte[] b = r.bins;
    int pos = 0;
    while (pos < b.length) {
      int size = Wire.getInt(b, pos);
      int type = b[pos + 5] & 0xFF;
      int nameLen = b[pos + 7] & 0xFF;
      bins.add(new Bin(Arrays.copyOfRange(b, pos + 8, pos + 8 + nameLen), type,
          Arrays.copyOfRange(b, pos + 8 + nameLen, pos + 4 + size)));
      pos += 4 + size;
    }
    return bins;
  }

  private static long intValue(byte[] v) {
    long x = 0;
    for (byte b : v) x = (x << 8) | (b & 0xFF);
    if (v.length > 0 && v.length < 8 && v[0] < 0) x |= -1L << (v.length * 8);
    return x;
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    Wire.putLong(b, 0, v);
    return b;
  }

  private static void add(List<Bin> bins, AsMsg.Op op) throws WriteFailure {
    if (op.particleType != 1 && op.particleType != 2) throw new WriteFailure(op.particleType == 0 ? PARAMETER_ERROR : BIN_TYPE_ERROR);
    Bin b = find(bins, op.name);
    if (b == null) {
      bins.add(new Bin(op.name, op.particleType, op.value));
      return;
    }
    if (b.type != op.particleType) throw new WriteFailure(BIN_TYPE_ERROR);
    if (b.type == 1) {
      b.value = longBytes(intValue(b.value) + intValue(op.value));
    } else {
      double sum = Double.longBitsToDouble(intValue(b.value)) + Double.longBitsToDouble(intValue(op.value));
      b.value = longBytes(Double.doubleToRawLongBits(sum));
    }
  }

  private static void concat(List<Bin> bins, AsMsg.Op op, boolean append) throws WriteFailure {
    if (op.particleType != 3 && op.particleType != 4) throw new WriteFailure(op.particleType == 0 ? PARAMETER_ERROR : BIN_TYPE_ERROR);
    Bin b = find(bins, op.name);
    if (b == null) {
      bins.add(new Bin(op.name, op.particleType, op.value));
      return;
    }
    if (b.type != op.particleType) throw new WriteFailure(BIN_TYPE_ERROR);
    byte[] joined = new byte[b.value.length + op.value.length];
    byte[] first = append ? b.value : op.value;
    byte[] second = append ? op.value : b.value;
    System.arraycopy(first, 0, joined, 0, first.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    b.value = joined;
  }

  // ---------------------------------------------------------------- batch

  private void batch(AsMsg parent, ClientConnection c, OutBuffer out) throws IOException {
    byte[] body = parent.field(AsMsg.F_BATCH_INDEX);
    byte[] parentFilter = parent.field(AsMsg.F_FILTER_EXP);
    if (body.length < 5) throw new AsMsg.MalformedException("batch field shorter than 5 bytes");
    int count = Wire.getInt(body, 0);
    int pos = 5;
    AsMsg prev = null;
    for (int i = 0; i < count; i++) {
      if (pos + 25 > body.length) throw new AsMsg.MalformedException("batch entry " + i + " runs past the field");
      int index = Wire.getInt(body, pos);
      byte[] digest = Arrays.copyOfRange(body, pos + 4, pos + 24);
      int type = body[pos + 24] & 0xFF;
      pos += 25;
      AsMsg entry;
      if ((type & 0x01) != 0) {
        if (prev == null) throw new AsMsg.MalformedException("batch entry " + i + " repeats nothing");
        entry = prev;
      } else {
        entry = new AsMsg();
        entry.info1 = body[pos++] & 0xFF;
        if ((type & 0x02) != 0) {
          entry.info2 = body[pos++] & 0xFF;
          entry.info3 = body[pos++] & 0xFF;
        }
        if ((type & 0x10) != 0) entry.info4 = body[pos++] & 0xFF;
        if ((type & 0x04) != 0) {
          entry.generation = Wire.getShort(body, pos);
          pos += 2;
        }
        if ((type & 0x08) != 0) {
          entry.recordTtl = Wire.getInt(body, pos);
          pos += 4;
        }
        int nFields = Wire.getShort(body, pos);
        int nOps = Wire.getShort(body, pos + 2);
        pos = entry.readFieldsAndOps(body, pos + 4, body.length, nFields, nOps);
        prev = entry;
      }
      single(entry, digest, index, parentFilter, out, c.node.stats, true);
      if (out.len >= FLUSH_BYTES) c.sendMsg(out);
    }
    AsMsg.header(out, 0, AsMsg.INFO3_LAST, OK, 0, 0, 0, 0, 0);
    c.sendMsg(out);
  }

  // ---------------------------------------------------------------- scan

  private void scan(AsMsg m, ClientConnection c, OutBuffer out) throws IOException {
    NamespaceRuntime ns = cluster.namespace(m.fieldString(AsMsg.F_NAMESPACE));
    if (ns == null) {
      end(c, out, INVALID_NAMESPACE);
      return;
    }
    if (m.field(AsMsg.F_INDEX_NAME) != null || m.field(AsMsg.F_INDEX_RANGE) != null || m.field(AsMsg.F_INDEX_EXPRESSION) != null) {
      end(c, out, INDEX_NOTFOUND);
      return;
    }
    if ((m.info2 & AsMsg.INFO2_WRITE) != 0 || m.field(AsMsg.F_UDF_OP) != null) {
      end(c, out, UNSUPPORTED_FEATURE);
      return;
    }
    FilterExpression filter = null;
    if (m.field(AsMsg.F_FILTER_EXP) != null) {
      try {
        filter = FilterExpression.parse(m.field(AsMsg.F_FILTER_EXP));
      } catch (ExpressionException e) {
        end(c, out, e.resultCode());
        return;
      }
    }
    String set = m.fieldString(AsMsg.F_SET);
    if (set != null && set.isEmpty()) set = null;
    byte[] setBytes = set == null ? null : set.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long maxRecords = m.field(AsMsg.F_MAX_RECORDS) == null ? 0 : Wire.getLong(m.field(AsMsg.F_MAX_RECORDS), 0);
    int rps = m.field(AsMsg.F_RPS) == null ? 0 : Wire.getInt(m.field(AsMsg.F_RPS), 0);
    boolean noBins = (m.info1 & AsMsg.INFO1_NOBINDATA) != 0;
    List<byte[]> wanted = new ArrayList<>();
    for (AsMsg.Op op : m.ops) if (op.name.length > 0) wanted.add(op.name);
    byte[] nsBytes = m.field(AsMsg.F_NAMESPACE);

    byte[] pids = m.field(AsMsg.F_PID_ARRAY);
    byte[] digests = m.field(AsMsg.F_DIGEST_ARRAY);
    List<Object[]> work = new ArrayList<>();
    if (pids != null) {
      for (int i = 0; i + 1 < pids.length; i += 2) work.add(new Object[] {(pids[i] & 0xFF) | ((pids[i + 1] & 0xFF) << 8), null});
    }
    if (digests != null) {
      for (int i = 0; i + 20 <= digests.length; i += 20) {
        byte[] d = Arrays.copyOfRange(digests, i, i + 20);
        work.add(new Object[] {Wire.partitionId(d), d});
      }
    }
    if (pids == null && digests == null) {
      for (int p = 0; p < NamespaceStore.PARTITIONS; p++) work.add(new Object[] {p, null});
    }
    long now = cluster.faults().nowMillis(c.node.index);
    long started = System.nanoTime();
    long sent = 0;
    NodeStats stats = c.node.stats;
    byte[] taskField = m.field(AsMsg.F_QUERY_ID);
    byte[] socketTimeout = m.field(AsMsg.F_SOCKET_TIMEOUT);
    QueryJobs jobs = c.node.jobs;
    QueryJobs.Job job = jobs.start(taskField != null && taskField.length >= 8 ? Wire.getLong(taskField, 0) : 0, ns.spec.name(),
        set == null ? "" : set, pids == null ? 0 : pids.length / 2, digests == null ? 0 : digests.length / 20, rps,
        socketTimeout != null && socketTimeout.length >= 4 ? Wire.getInt(socketTimeout, 0) : 0, c.peer());
    try {
      sent = scanRows(m, c, out, ns, work, filter, set, setBytes, maxRecords, rps, noBins, wanted, nsBytes, now, started);
    } catch (IOException | RuntimeException e) {
      jobs.finish(job, sent, 0, "abandoned-response-error");
      throw e;
    }
    jobs.finish(job, sent, 0, "ok");
    stats.add(ns.spec.name(), "scan_records_returned", sent);
    stats.inc(ns.spec.name(), "pi_query_long_basic_complete");
    end(c, out, OK);
  }

  private long scanRows(AsMsg m, ClientConnection c, OutBuffer out, NamespaceRuntime ns, List<Object[]> work,
      FilterExpression filter, String set, byte[] setBytes, long maxRecords, int rps, boolean noBins, List<byte[]> wanted,
      byte[] nsBytes, long now, long started) throws IOException {
    long sent = 0;
    java.util.Map<String, byte[]> setNameBytes = new java.util.IdentityHashMap<>();
    outer:
    for (Object[] w : work) {
      int pid = (Integer) w[0];
      if (pid < 0 || pid >= NamespaceStore.PARTITIONS) throw new AsMsg.MalformedException("partition id " + pid);
      Partition p = ns.store.partitions[pid];
      byte[] after = (byte[]) w[1];
      while (true) {
        List<StoredRecord> slice;
        synchronized (p) {
          slice = p.slice(after, SCAN_SLICE);
        }
        for (StoredRecord r : slice) {
          if (r.expiredAt(now)) continue;
          if (setBytes != null && !r.setName.equals(set)) continue;
          if (filter != null && !filter.matches(r, now)) continue;
          if (!wanted.isEmpty() && !noBins && !hasAny(r, wanted)) continue;
          if (rps > 0) {
            long due = started + sent * 1_000_000_000L / rps;
            long wait = due - System.nanoTime();
            if (wait > 0) {
              if (out.len > 0) c.sendMsg(out);
              c.flush();
              LockSupport.parkNanos(wait);
            }
          }
          scanRow(out, nsBytes, r, noBins, wanted, setNameBytes);
          sent++;
          if (out.len >= FLUSH_BYTES) c.sendMsg(out);
          if (maxRecords > 0 && sent >= maxRecords) break outer;
        }
        if (slice.size() < SCAN_SLICE) break;
        after = slice.get(slice.size() - 1).digest;
      }
      if (out.len >= 16 * 1024) c.sendMsg(out);
    }
    return sent;
  }

  private static boolean hasAny(StoredRecord r, List<byte[]> names) {
    for (byte[] n : names) if (r.findBin(n) >= 0) return true;
    return false;
  }

  private static void scanRow(OutBuffer out, byte[] ns, StoredRecord r, boolean noBins, List<byte[]> wanted,
      java.util.Map<String, byte[]> setNameBytes) {
    int start = out.len;
    int nFields = 2 + (r.setName.isEmpty() ? 0 : 1) + (r.key == null ? 0 : 1);
    AsMsg.header(out, noBins ? AsMsg.INFO1_NOBINDATA : 0, 0, OK, r.generation, r.voidTime, 0, nFields, 0);
    out.field(AsMsg.F_NAMESPACE, ns);
    out.field(AsMsg.F_DIGEST, r.digest);
    if (!r.setName.isEmpty()) {
      out.field(AsMsg.F_SET, setNameBytes.computeIfAbsent(r.setName, s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    if (r.key != null) {
      out.u32(r.key.length + 2);
      out.u8(AsMsg.F_KEY);
      out.u8(r.keyType);
      out.bytes(r.key);
    }
    if (noBins) return;
    if (wanted.isEmpty()) {
      Wire.putShort(out.buf, start + 20, r.binCount);
      out.bytes(r.bins);
    } else {
      int n = 0;
      for (byte[] name : wanted) {
        int at = r.findBin(name);
        if (at >= 0) {
          out.bytes(r.bins, at, 4 + Wire.getInt(r.bins, at));
          n++;
        }
      }
      Wire.putShort(out.buf, start + 20, n);
    }
  }

  private static void end(ClientConnection c, OutBuffer out, int rc) throws IOException {
    AsMsg.header(out, 0, AsMsg.INFO3_LAST, rc, 0, 0, 0, 0, 0);
    c.sendMsg(out);
  }
}
