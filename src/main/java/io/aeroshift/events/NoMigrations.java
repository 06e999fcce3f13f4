package io.aeroshift.events;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@link MigrationStatusSource} when no workflow store provides one: no migrations. */
@DefaultBean
@ApplicationScoped
public class NoMigrations implements MigrationStatusSource {
  @Override
  public List<MigrationStatus> migrations() {
    return List.of();
  }
}
