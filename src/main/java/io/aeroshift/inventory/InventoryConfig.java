package io.aeroshift.inventory;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code aeroshift.inventory.*}. */
@ConfigMapping(prefix = "aeroshift.inventory")
public interface InventoryConfig {
  /** Inventory YAML loaded at startup, all or nothing; none when unset. */
  Optional<String> file();
}
