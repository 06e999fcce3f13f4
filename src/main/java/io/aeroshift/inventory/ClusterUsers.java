package io.aeroshift.inventory;

import java.util.List;

/**
 * Work that refers to a registered cluster while it is active (copy and validation runs,
 * migrations). Implemented where that work lives, so the inventory can refuse to remove a cluster
 * in use without depending on those packages.
 */
public interface ClusterUsers {
  /** The active work naming {@code cluster}, each as a short phrase ({@code copy run c-12 (RUNNING)}); empty when none. */
  List<String> activeUsersOf(String cluster);
}
