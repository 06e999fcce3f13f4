package io.aeroshift.inventory;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Loads {@code aeroshift.inventory.file} at startup, all or nothing. An invalid file stops the
 * service with a message naming the file, line and reason: running on with half an inventory
 * would be worse than not starting.
 */
@ApplicationScoped
public class InventoryStartup {
  private static final Logger LOG = Logger.getLogger(InventoryStartup.class);

  @Inject InventoryConfig config;

  @Inject Inventory inventory;

  void onStart(@Observes @Priority(100) StartupEvent event) {
    Optional<String> file = config.file();
    if (file.isEmpty() || file.get().isBlank()) {
      return;
    }
    load(Path.of(file.get()));
  }

  /** Imports one inventory file, all or nothing. */
  public List<RegisteredCluster> load(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInventoryException(List.of(new InventoryProblem(path.toString(), 0, null, null,
          "cannot read the inventory file (" + e.getClass().getSimpleName() + ")")));
    }
    List<RegisteredCluster> loaded = inventory.importAll(path.toString(), text, Origin.INVENTORY);
    LOG.infof("inventory %s: %d source clusters loaded", path, loaded.size());
    return loaded;
  }
}
