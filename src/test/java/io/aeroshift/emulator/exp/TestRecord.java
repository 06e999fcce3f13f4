package io.aeroshift.emulator.exp;

import com.aerospike.client.util.Packer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory {@link ExpRecord} holding bins as (particle type, wire bytes), like the store. */
final class TestRecord implements ExpRecord {
  static final long NOW_MILLIS = 1_750_000_000_000L;
  static final long EPOCH_2010 = 1_262_304_000L;

  private byte[] digest = new byte[20];
  private String setName = "";
  private long lastUpdateNanos = (NOW_MILLIS - 5_000) * 1_000_000L;
  private long voidTime;
  private int generation = 1;
  private int keyType;
  private byte[] keyBytes;
  private long recordSize = 100;
  private final Map<String, Object[]> bins = new LinkedHashMap<>();

  static TestRecord record() {
    return new TestRecord();
  }

  TestRecord digest(byte[] d) {
    this.digest = d.clone();
    return this;
  }

  TestRecord set(String name) {
    this.setName = name;
    return this;
  }

  TestRecord lastUpdateMillis(long millis) {
    this.lastUpdateNanos = millis * 1_000_000L;
    return this;
  }

  TestRecord voidTime(long secondsSince2010) {
    this.voidTime = secondsSince2010;
    return this;
  }

  TestRecord size(long bytes) {
    this.recordSize = bytes;
    return this;
  }

  TestRecord intKey(long k) {
    keyType = Particles.INTEGER;
    keyBytes = ByteBuffer.allocate(8).putLong(k).array();
    return this;
  }

  TestRecord stringKey(String k) {
    keyType = Particles.STRING;
    keyBytes = k.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  TestRecord blobKey(byte[] k) {
    keyType = Particles.BLOB;
    keyBytes = k.clone();
    return this;
  }

  TestRecord bin(String name, int particleType, byte[] bytes) {
    bins.put(name, new Object[] {particleType, bytes});
    return this;
  }

  TestRecord intBin(String name, long v) {
    return bin(name, Particles.INTEGER, ByteBuffer.allocate(8).putLong(v).array());
  }

  TestRecord floatBin(String name, double v) {
    return bin(name, Particles.DOUBLE, ByteBuffer.allocate(8).putDouble(v).array());
  }

  TestRecord stringBin(String name, String v) {
    return bin(name, Particles.STRING, v.getBytes(StandardCharsets.UTF_8));
  }

  TestRecord blobBin(String name, byte[] v) {
    return bin(name, Particles.BLOB, v.clone());
  }

  TestRecord boolBin(String name, boolean v) {
    return bin(name, Particles.BOOL, new byte[] {(byte) (v ? 1 : 0)});
  }

  TestRecord listBin(String name, List<?> v) {
    return bin(name, Particles.LIST, Packer.pack(v));
  }

  TestRecord mapBin(String name, Map<?, ?> v, com.aerospike.client.cdt.MapOrder order) {
    return bin(name, Particles.MAP, Packer.pack(v, order));
  }

  /** A GEOJSON particle with the given number of (zero) cells before the JSON. */
  TestRecord geoBin(String name, String json, int cells) {
    byte[] j = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(3 + 8 * cells + j.length);
    b.put((byte) 0).putShort((short) cells).position(3 + 8 * cells);
    b.put(j);
    return bin(name, Particles.GEOJSON, b.array());
  }

  @Override
  public byte[] digest() {
    return digest;
  }

  @Override
  public String setName() {
    return setName;
  }

  @Override
  public long lastUpdateNanos() {
    return lastUpdateNanos;
  }

  @Override
  public long voidTime() {
    return voidTime;
  }

  @Override
  public int generation() {
    return generation;
  }

  @Override
  public int keyType() {
    return keyType;
  }

  @Override
  public byte[] keyBytes() {
    return keyBytes;
  }

  @Override
  public int binType(String name) {
    Object[] b = bins.get(name);
    return b == null ? 0 : (Integer) b[0];
  }

  @Override
  public byte[] binBytes(String name) {
    Object[] b = bins.get(name);
    return b == null ? null : (byte[]) b[1];
  }

  @Override
  public long recordSize() {
    return recordSize;
  }
}
