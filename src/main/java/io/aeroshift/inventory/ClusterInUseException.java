package io.aeroshift.inventory;

import java.util.List;

/** A cluster cannot be removed while active work refers to it; names that work. */
public class ClusterInUseException extends RuntimeException {
  private final List<String> users;

  public ClusterInUseException(String cluster, List<String> users) {
    super("cluster " + cluster + " is in use by " + String.join(", ", users)
        + "; stop or finish them before removing it (nothing was removed)");
    this.users = List.copyOf(users);
  }

  public List<String> users() {
    return users;
  }
}
