package io.aeroshift.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Configuration of one emulated namespace. Fluent: every setter returns this spec so a namespace
 * reads as one expression in a builder chain.
 */
public final class NamespaceSpec {

  /** The storage engine as the server configures it. */
  public enum StorageKind { MEMORY, DEVICE, FILE }

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,31}");
  private static final long TEN_YEARS = 315_360_000L;

  private final String name;
  private int replicationFactor = 2;
  private long defaultTtl = 0;
  private StorageKind storage = StorageKind.MEMORY;
  private List<String> storagePaths = List.of();
  private long storageSize = 4L << 30;
  private boolean dataInMemory = true;
  private final Map<String, String> config = new LinkedHashMap<>();

  private NamespaceSpec(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("namespace name '" + name + "' must be 1..31 letters, digits, '_' or '-'");
    }
    this.name = name;
  }

  public static NamespaceSpec named(String name) {
    return new NamespaceSpec(name);
  }

  public NamespaceSpec replicationFactor(int rf) {
    if (rf < 1 || rf > 256) {
      throw new IllegalArgumentException("replication-factor " + rf + " of namespace " + name + " must be 1..256");
    }
    this.replicationFactor = rf;
    return this;
  }

  public NamespaceSpec defaultTtl(long seconds) {
    if (seconds < 0 || seconds > TEN_YEARS) {
      throw new IllegalArgumentException("default-ttl " + seconds + " of namespace " + name + " must be 0..315360000");
    }
    this.defaultTtl = seconds;
    return this;
  }

  public NamespaceSpec storageMemory(long sizeBytes) {
    this.storage = StorageKind.MEMORY;
    this.storagePaths = List.of();
    this.storageSize = positive(sizeBytes);
    return this;
  }

  public NamespaceSpec storageDevice(List<String> devices, long sizeBytes) {
    this.storage = StorageKind.DEVICE;
    this.storagePaths = List.copyOf(devices);
    this.storageSize = positive(sizeBytes);
    if (devices.isEmpty()) throw new IllegalArgumentException("namespace " + name + ": storageDevice needs at least one device");
    return this;
  }

  public NamespaceSpec storageFile(List<String> files, long sizeBytes) {
    this.storage = StorageKind.FILE;
    this.storagePaths = List.copyOf(files);
    this.storageSize = positive(sizeBytes);
    if (files.isEmpty()) throw new IllegalArgumentException("namespace " + name + ": storageFile needs at least one file");
    return this;
  }

  public NamespaceSpec dataInMemory(boolean dataInMemory) {
    this.dataInMemory = dataInMemory;
    return this;
  }

  /** An extra configuration value reported by get-config / namespace info (overrides the default). */
  public NamespaceSpec config(String key, String value) {
    if (key == null || key.isBlank() || key.contains(";") || key.contains("=") || value == null || value.contains(";")) {
      throw new IllegalArgumentException("namespace " + name + ": bad config entry '" + key + "'='" + value + "'");
    }
    config.put(key, value);
    return this;
  }

  private long positive(long size) {
    if (size <= 0) throw new IllegalArgumentException("namespace " + name + ": storage size must be positive, got " + size);
    return size;
  }

  public String name() { return name; }
  public int replicationFactor() { return replicationFactor; }
  public long defaultTtl() { return defaultTtl; }
  public StorageKind storage() { return storage; }
  public List<String> storagePaths() { return storagePaths; }
  public long storageSize() { return storageSize; }
  public boolean dataInMemory() { return dataInMemory; }
  public Map<String, String> config() { return Map.copyOf(config); }

  Map<String, String> configOrdered() { return new LinkedHashMap<>(config); }
}
