package io.aeroshift.transfer;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.policy.WritePolicy;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes to a target cluster through the official client, one attempt per call. Before the switch
 * a plain replacing put; after it, an {@code operate} with the after-switch condition, whose reply
 * carries the generation the server gave our write, remembered per digest so a later pass can
 * recognise the version it wrote.
 */
public final class AerospikeRecordSink implements RecordSink {

  private final IAerospikeClient client;
  private final TransferPolicies policies;
  private final Clock clock;
  private final Map<ByteBuffer, Integer> writtenAfterSwitch = new ConcurrentHashMap<>();

  public AerospikeRecordSink(IAerospikeClient client, TransferPolicies policies, Clock clock) {
    this.client = client;
    this.policies = policies;
    this.clock = clock;
  }

  @Override
  public WriteOutcome write(RecordImage image, WriteMode mode) {
    int ttl = TtlRule.writeTtl(image, clock.instant().getEpochSecond());
    if (ttl == TtlRule.EXPIRED) {
      return WriteOutcome.SKIPPED_EXPIRED;
    }
    Bin[] bins = bins(image);
    Key key = image.key();
    ByteBuffer id = ByteBuffer.wrap(image.digest().clone());
    WritePolicy policy = policies.writePolicy(image, ttl, mode, known(id, mode));
    try {
      if (!mode.afterSwitch()) {
        client.put(policy, key, bins);
        return WriteOutcome.WRITTEN;
      }
      Operation[] ops = new Operation[bins.length];
      for (int i = 0; i < bins.length; i++) {
        ops[i] = Operation.put(bins[i]);
      }
      Record written = client.operate(policy, key, ops);
      if (written != null) {
        writtenAfterSwitch.put(id, written.generation);
      }
      return WriteOutcome.WRITTEN;
    } catch (AerospikeException e) {
      if (refusedByCondition(e)) {
        return WriteOutcome.REFUSED_CLIENT_WROTE;
      }
      throw e;
    }
  }

  @Override
  public WriteOutcome delete(String namespace, String set, byte[] digest, WriteMode mode) {
    ByteBuffer id = ByteBuffer.wrap(digest.clone());
    WritePolicy policy = policies.deletePolicy(mode, known(id, mode));
    try {
      boolean existed = client.delete(policy, new Key(namespace, digest, set, null));
      writtenAfterSwitch.remove(id);
      return existed ? WriteOutcome.DELETED : WriteOutcome.NOT_FOUND;
    } catch (AerospikeException e) {
      if (refusedByCondition(e)) {
        return WriteOutcome.REFUSED_CLIENT_WROTE;
      }
      throw e;
    }
  }

  /** The generation this sink's own after-switch write of {@code digest} got, if any. */
  public OptionalInt knownGeneration(byte[] digest) {
    Integer g = writtenAfterSwitch.get(ByteBuffer.wrap(digest));
    return g == null ? OptionalInt.empty() : OptionalInt.of(g);
  }

  private OptionalInt known(ByteBuffer id, WriteMode mode) {
    if (!mode.afterSwitch()) {
      return OptionalInt.empty();
    }
    Integer g = writtenAfterSwitch.get(id);
    return g == null ? OptionalInt.empty() : OptionalInt.of(g);
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
}
