package io.aeroshift.planning;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The validation suites a plan may name: the file names in {@code validators/} without extension. */
public record SuiteCatalog(SortedSet<String> names) {
  public SuiteCatalog {
    names = new TreeSet<>(names);
  }

  public static SuiteCatalog of(String... names) {
    return new SuiteCatalog(new TreeSet<>(Set.of(names)));
  }

  public boolean contains(String suite) {
    return names.contains(suite);
  }
}
