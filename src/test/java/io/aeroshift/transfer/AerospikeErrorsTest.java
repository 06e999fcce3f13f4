package io.aeroshift.transfer;

import io.aeroshift.outcome.ErrorClass;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.ResultCode;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class AerospikeErrorsTest {

  @Test
  void timeoutsAndConnectionsAreRetriable() {
    assertThat(AerospikeErrors.classify(new AerospikeException.Timeout(new com.aerospike.client.policy.Policy(), false)))
        .isEqualTo(ErrorClass.RETRIABLE);
    assertThat(AerospikeErrors.classify(new AerospikeException.Connection("refused")))
        .isEqualTo(ErrorClass.RETRIABLE);
    assertThat(AerospikeErrors.classify(new AerospikeException.InvalidNode(4096)))
        .isEqualTo(ErrorClass.RETRIABLE);
  }

  @Test
  void transientServerCodesAreRetriable() {
    for (int code : new int[] {ResultCode.TIMEOUT, ResultCode.KEY_BUSY,
        ResultCode.PARTITION_UNAVAILABLE, ResultCode.DEVICE_OVERLOAD}) {
      assertThat(AerospikeErrors.classify(new AerospikeException(code)))
          .as("code %d", code)
          .isEqualTo(ErrorClass.RETRIABLE);
    }
  }

  @Test
  void requestErrorsArePermanent() {
    for (int code : new int[] {ResultCode.PARAMETER_ERROR, ResultCode.RECORD_TOO_BIG,
        ResultCode.INVALID_NAMESPACE, ResultCode.ROLE_VIOLATION, ResultCode.FAIL_FORBIDDEN}) {
      assertThat(AerospikeErrors.classify(new AerospikeException(code)))
          .as("code %d", code)
          .isEqualTo(ErrorClass.PERMANENT);
    }
  }

  @Test
  void inDoubtWriteIsInDoubtWhateverItsCode() {
    AerospikeException e = new AerospikeException.Timeout(new com.aerospike.client.policy.Policy(), true);
    e.setInDoubt(true);
    assertThat(e.getInDoubt()).isTrue();
    assertThat(AerospikeErrors.classify(e)).isEqualTo(ErrorClass.IN_DOUBT);
  }

  @Test
  void causeChainIsWalked() {
    RuntimeException wrapped =
        new RuntimeException("callback", new IllegalStateException(new AerospikeException(14)));
    assertThat(AerospikeErrors.classify(wrapped)).isEqualTo(ErrorClass.RETRIABLE);
    RuntimeException permanent = new RuntimeException(new AerospikeException(4));
    assertThat(AerospikeErrors.classify(permanent)).isEqualTo(ErrorClass.PERMANENT);
  }

  @Test
  void socketErrorsWithoutAnAerospikeExceptionAreRetriable() {
    assertThat(AerospikeErrors.classify(new RuntimeException(new ConnectException("x"))))
        .isEqualTo(ErrorClass.RETRIABLE);
    assertThat(AerospikeErrors.classify(new AerospikeException(new IOException("reset"))))
        .isEqualTo(ErrorClass.RETRIABLE);
  }

  @Test
  void unknownFailuresArePermanentSoTheyAreSeen() {
    assertThat(AerospikeErrors.classify(new IllegalArgumentException("bug")))
        .isEqualTo(ErrorClass.PERMANENT);
  }

  @Test
  void describeNamesTheResultCode() {
    assertThat(AerospikeErrors.describe(new RuntimeException(new AerospikeException(13))))
        .startsWith("code 13");
  }
}
