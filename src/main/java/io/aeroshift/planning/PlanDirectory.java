package io.aeroshift.planning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Reads {@code migration-plans/} and {@code validators/} from disk (the only file I/O of planning). */
public final class PlanDirectory {
  private PlanDirectory() {}

  /** Suite names: every {@code *.yaml}/{@code *.yml} in the directory, without extension (empty if absent). */
  public static SuiteCatalog suites(Path validatorsDir) {
    TreeSet<String> names = new TreeSet<>();
    for (Path p : yamlFiles(validatorsDir)) {
      String f = p.getFileName().toString();
      names.add(f.substring(0, f.lastIndexOf('.')));
    }
    return new SuiteCatalog(names);
  }

  /**
   * Loads every plan in the directory. Errors of all files are gathered into one exception, so a
   * directory with any bad plan yields no plans at all.
   */
  public static List<MigrationPlan> loadAll(Path plansDir, SuiteCatalog suites) {
    PlanLoader loader = new PlanLoader(suites);
    List<MigrationPlan> plans = new ArrayList<>();
    List<PlanError> errors = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>();
    for (Path p : yamlFiles(plansDir)) {
      String file = plansDir.getFileName() + "/" + p.getFileName();
      try {
        MigrationPlan plan = loader.load(file, Files.readString(p, StandardCharsets.UTF_8));
        if (!names.add(plan.name())) {
          errors.add(new PlanError(file, "$.name", "another plan is already named '" + plan.name() + "'"));
        }
        plans.add(plan);
      } catch (InvalidPlanException e) {
        errors.addAll(e.errors());
      } catch (IOException e) {
        errors.add(new PlanError(file, "$", "cannot read: " + e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidPlanException(errors);
    }
    return List.copyOf(plans);
  }

  private static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
        String f = p.getFileName().toString();
        return f.endsWith(".yaml") || f.endsWith(".yml");
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
