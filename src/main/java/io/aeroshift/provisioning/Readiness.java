package io.aeroshift.provisioning;

import java.util.List;

/** The verdict of one readiness check of an AerospikeCluster. */
public sealed interface Readiness {
  /** One line describing the state, for logs, events and timeouts. */
  String describe();

  /**
   * Ready: phase Completed, the status mirror equals what was applied, one pod entry per pod.
   *
   * @param endpoints host:port of every pod's Aerospike service, from {@code status.pods}
   */
  record Ready(List<String> endpoints) implements Readiness {
    public Ready {
      endpoints = List.copyOf(endpoints);
    }

    @Override
    public String describe() {
      return "ready: " + endpoints.size() + " pod(s) " + endpoints;
    }
  }

  /**
   * Not ready yet.
   *
   * @param phase {@code status.phase} (null before the operator saw the resource)
   * @param waitingFor what is still missing, one item per unmet condition
   * @param operatorMessage the operator's last message (Error phase events), or null
   */
  record NotReady(String phase, List<String> waitingFor, String operatorMessage) implements Readiness {
    public NotReady {
      waitingFor = List.copyOf(waitingFor);
    }

    @Override
    public String describe() {
      return "phase " + (phase == null ? "<none>" : phase) + ", waiting for " + String.join("; ", waitingFor)
          + (operatorMessage == null ? "" : "; operator says: " + operatorMessage);
    }
  }
}
