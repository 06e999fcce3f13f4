package io.aeroshift.inventory;

/** Where a registered cluster came from. */
public enum Origin {
  /** registered through {@code POST /api/v1/clusters} or {@code PUT} */
  API,
  /** loaded from an inventory YAML document (startup file or {@code POST /api/v1/inventory}) */
  INVENTORY,
  /** registered by the embedded demo */
  DEMO
}
