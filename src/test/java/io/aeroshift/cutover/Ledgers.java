package io.aeroshift.cutover;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.Record;
import com.aerospike.client.Key;
import io.aeroshift.demo.SimulatedApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks an application's ledger against a cluster read with the test's own client. */
public final class Ledgers {
  private Ledgers() {}

  /**
   * What the cluster at {@code hosts} gets wrong about the ledger: acknowledged writes missing or
   * with another value, acknowledged deletes present again. Empty when nothing was lost.
   */
  public static List<String> lost(SimulatedApplication.Ledger ledger, Host[] hosts, String namespace, String set) {
    List<String> wrong = new ArrayList<>();
    try (AerospikeClient reader = new AerospikeClient(CutoverWorld.clientPolicy(), hosts)) {
      for (Map.Entry<String, Optional<Long>> e : ledger.lastValue().entrySet()) {
        Record found = reader.get(null, new Key(namespace, set, e.getKey()));
        if (e.getValue().isEmpty()) {
          if (found != null) {
            wrong.add(e.getKey() + " was deleted and is back: " + found.bins);
          }
        } else if (found == null) {
          wrong.add(e.getKey() + " = " + e.getValue().get() + " is missing");
        } else if (found.getLong("value") != e.getValue().get()) {
          wrong.add(e.getKey() + " = " + e.getValue().get() + " has " + found.getValue("value"));
        }
      }
    }
    return wrong;
  }

  public static long deletes(SimulatedApplication.Ledger ledger) {
    return ledger.lastValue().values().stream().filter(Optional::isEmpty).count();
  }
}
