package io.aeroshift.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeroshift.validation.PartitionResult;
import io.aeroshift.validation.ValidationEngine;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A validation run started with {@code ?async=true} and not yet stored as finished: what {@code
 * GET /api/v1/validations/{id}} shows meanwhile. Thread-safe: the run's workers count partitions.
 */
final class AsyncRun {
  static final String RUNNING = "RUNNING";
  static final String FAILED = "FAILED";
  static final String FINISHED = "FINISHED";

  private final String id;
  private final String scope;
  private final String namespace;
  private final String suite;
  private final Instant startedAt;
  /** Distinct partitions with a result (a re-check of a partition does not count it twice). */
  private final Set<Integer> checked = ConcurrentHashMap.newKeySet();
  private volatile String failure;

  AsyncRun(String id, String scope, String namespace, String suite, Instant startedAt) {
    this.id = id;
    this.scope = scope;
    this.namespace = namespace;
    this.suite = suite;
    this.startedAt = startedAt;
  }

  String id() {
    return id;
  }

  String scope() {
    return scope;
  }

  void partitionChecked(PartitionResult result) {
    checked.add(result.partitionId());
  }

  void failed(String reason) {
    failure = reason;
  }

  ObjectNode view(ObjectMapper json) {
    ObjectNode n = json.createObjectNode();
    n.put("id", id);
    n.put("state", failure == null ? RUNNING : FAILED);
    n.put("scope", scope);
    n.put("namespace", namespace);
    n.put("suite", suite);
    n.put("startedAt", startedAt.toString());
    n.put("partitions", ValidationEngine.allPartitions().size());
    n.put("partitionsChecked", checked.size());
    if (failure != null) {
      n.put("failure", failure);
    }
    return n;
  }
}
