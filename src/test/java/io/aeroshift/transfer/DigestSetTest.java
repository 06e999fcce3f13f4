package io.aeroshift.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DigestSetTest {

  @Test
  void holdsManyDigestsAndRejectsOthers() {
    Random r = new Random(42);
    DigestSet set = new DigestSet(4);
    List<byte[]> in = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      byte[] d = new byte[20];
      r.nextBytes(d);
      d[0] = 7; // same partition for all: the hash must not rely on bytes 0-1
      d[1] = 0;
      in.add(d);
      assertThat(set.add(d)).isTrue();
    }
    assertThat(set.size()).isEqualTo(5000);
    for (byte[] d : in) {
      assertThat(set.contains(d.clone())).isTrue();
      assertThat(set.add(d.clone())).isFalse();
    }
    byte[] other = in.get(10).clone();
    other[19] ^= 1;
    assertThat(set.contains(other)).isFalse();
  }

  @Test
  void partitionOfDigestIsLittleEndianModulo4096() {
    byte[] d = new byte[20];
    d[0] = (byte) 0x34;
    d[1] = (byte) 0xF2;
    assertThat(PartitionIds.of(d)).isEqualTo(0x234);
  }
}
