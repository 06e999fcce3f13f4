package io.aeroshift.transfer;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.policy.WritePolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Writes to a target cluster through the official client, one attempt per call. Before the switch
 * a plain replacing put; after it, an {@code operate} with the after-switch condition, whose reply
 * carries the generation the server gave our write. The sink keeps no memory: the engine remembers
 * those generations per partition, in its checkpoint store ({@link OwnVersions}), and passes the
 * one it knows with each write.
 */
public final class AerospikeRecordSink implements RecordSink {

  private final IAerospikeClient client;
  private final TransferPolicies policies;
  private final Clock clock;

  public AerospikeRecordSink(IAerospikeClient client, TransferPolicies policies, Clock clock) {
    this.client = client;
    this.policies = policies;
    this.clock = clock;
  }

  @Override
  public WriteOutcome write(RecordImage image, WriteMode mode) {
    return write(image, mode, OptionalInt.empty()).outcome();
  }

  @Override
  public WriteReply write(RecordImage image, WriteMode mode, OptionalInt ownGeneration) {
    int ttl = TtlRule.writeTtl(image, clock.instant().getEpochSecond());
    if (ttl == TtlRule.EXPIRED) {
      return WriteReply.of(WriteOutcome.SKIPPED_EXPIRED);
    }
    Bin[] bins = bins(image);
    Key key = image.key();
    WritePolicy policy = policies.writePolicy(image, ttl, mode, onlyAfterSwitch(ownGeneration, mode));
    try {
      if (!mode.afterSwitch()) {
        client.put(policy, key, bins);
        return WriteReply.of(WriteOutcome.WRITTEN);
      }
      Operation[] ops = new Operation[bins.length];
      for (int i = 0; i < bins.length; i++) {
        ops[i] = Operation.put(bins[i]);
      }
      // operate, not put: its reply carries the generation the server gave this write
      Record written = client.operate(policy, key, ops);
      return new WriteReply(WriteOutcome.WRITTEN, written == null ? 0 : written.generation);
    } catch (AerospikeException e) {
      if (refusedByCondition(e)) {
        return WriteReply.of(WriteOutcome.REFUSED_CLIENT_WROTE);
      }
      throw e;
    }
  }

  /**
   * Before the switch, one batch request for the whole list (records already expired are left
   * out); a record failing in the batch fails the call with its result code, and the caller
   * retries the whole batch. After the switch, one conditional write per record.
   */
  @Override
  public List<WriteOutcome> writeAll(List<RecordImage> images, WriteMode mode) {
    if (mode.afterSwitch() || images.size() < 2) {
      return RecordSink.super.writeAll(images, mode);
    }
    long now = clock.instant().getEpochSecond();
    List<WriteOutcome> outcomes = new ArrayList<>(images.size());
    List<BatchRecord> batch = new ArrayList<>(images.size());
    for (RecordImage image : images) {
      int ttl = TtlRule.writeTtl(image, now);
      if (ttl == TtlRule.EXPIRED) {
        outcomes.add(WriteOutcome.SKIPPED_EXPIRED);
        continue;
      }
      outcomes.add(WriteOutcome.WRITTEN);
      Bin[] bins = bins(image);
      Operation[] ops = new Operation[bins.length];
      for (int i = 0; i < bins.length; i++) {
        ops[i] = Operation.put(bins[i]);
      }
      batch.add(new BatchWrite(policies.batchWritePolicy(image, ttl), image.key(), ops));
    }
    if (!batch.isEmpty() && !client.operate(policies.batchPolicy(), batch)) {
      for (BatchRecord r : batch) {
        if (r.resultCode != ResultCode.OK) {
          AerospikeException e = new AerospikeException(r.resultCode,
              "batch write of " + r.key + " failed");
          e.setInDoubt(r.inDoubt);
          throw e;
        }
      }
    }
    return outcomes;
  }

  @Override
  public WriteOutcome delete(String namespace, String set, byte[] digest, WriteMode mode) {
    return delete(namespace, set, digest, mode, OptionalInt.empty());
  }

  @Override
  public WriteOutcome delete(
      String namespace, String set, byte[] digest, WriteMode mode, OptionalInt ownGeneration) {
    WritePolicy policy = policies.deletePolicy(mode, onlyAfterSwitch(ownGeneration, mode));
    try {
      boolean existed = client.delete(policy, new Key(namespace, digest, set, null));
      return existed ? WriteOutcome.DELETED : WriteOutcome.NOT_FOUND;
    } catch (AerospikeException e) {
      if (refusedByCondition(e)) {
        return WriteOutcome.REFUSED_CLIENT_WROTE;
      }
      throw e;
    }
  }

  /** Before the switch every copy write replaces: a remembered generation plays no part. */
  private static OptionalInt onlyAfterSwitch(OptionalInt ownGeneration, WriteMode mode) {
    return mode.afterSwitch() ? ownGeneration : OptionalInt.empty();
  }

  private static boolean refusedByCondition(AerospikeException e) {
    return e.getResultCode() == ResultCode.FILTERED_OUT
        || e.getResultCode() == ResultCode.GENERATION_ERROR;
  }

  static Bin[] bins(RecordImage image) {
    Bin[] bins = new Bin[image.bins().size()];
    int i = 0;
    for (Map.Entry<String, Object> e : image.bins().entrySet()) {
      Object v = e.getValue();
      bins[i++] = new Bin(e.getKey(), v instanceof Value value ? value : Value.get(v));
    }
    return bins;
  }

  @Override
  public boolean reachable() {
    return AerospikeRecordSource.connected(client);
  }

  @Override
  public boolean servesNamespace(String namespace) {
    return AerospikeRecordSource.servesNamespace(client, namespace);
  }
}
