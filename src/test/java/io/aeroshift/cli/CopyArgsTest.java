package io.aeroshift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.Host;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyArgsTest {

  @Test
  void parsesEveryOption() {
    CopyArgs a = CopyArgs.parse(List.of("--source", "10.0.0.1:3000,10.0.0.2:3000",
        "--target=as.k8s.local:3000", "--namespace", "users", "--set", "carts", "--rps", "5000"));
    assertThat(a.source()).containsExactly(new Host("10.0.0.1", 3000), new Host("10.0.0.2", 3000));
    assertThat(a.target()).containsExactly(new Host("as.k8s.local", 3000));
    assertThat(a.namespace()).isEqualTo("users");
    assertThat(a.set()).isEqualTo("carts");
    assertThat(a.recordsPerSecond()).isEqualTo(5000);
  }

  @Test
  void setAndRpsAreOptional() {
    CopyArgs a = CopyArgs.parse(List.of("--source", "[::1]:3000", "--target", "b:3100",
        "--namespace", "test"));
    assertThat(a.source()).containsExactly(new Host("::1", 3000));
    assertThat(a.set()).isNull();
    assertThat(a.recordsPerSecond()).isZero();
  }

  @Test
  void badInputNamesTheOption() {
    assertThatThrownBy(() -> CopyArgs.parse(List.of("--source", "a:3000", "--namespace", "t")))
        .hasMessageContaining("--target is required");
    assertThatThrownBy(() -> CopyArgs.parse(List.of("--source", "a", "--target", "b:1",
        "--namespace", "t"))).hasMessageContaining("--source").hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> CopyArgs.parse(List.of("--source", "a:99999", "--target", "b:1",
        "--namespace", "t"))).hasMessageContaining("1..65535");
    assertThatThrownBy(() -> CopyArgs.parse(List.of("--source", "a:1", "--target", "b:1",
        "--namespace", "t", "--rps", "-3"))).hasMessageContaining("--rps");
    assertThatThrownBy(() -> CopyArgs.parse(List.of("--sauce", "a:1")))
        .hasMessageContaining("unknown option '--sauce'");
    assertThatThrownBy(() -> CopyArgs.parse(List.of("--source", "a:1", "--target")))
        .hasMessageContaining("--target needs a value");
  }
}
