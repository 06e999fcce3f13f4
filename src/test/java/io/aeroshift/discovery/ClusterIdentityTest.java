package io.aeroshift.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterIdentityTest {
  private static ClusterIdentity id(Set<String> nodes, Set<String> addresses, String name) {
    return new ClusterIdentity(nodes, addresses, name);
  }

  @Test
  void seedsInCommonUnderAnotherSpellingAreOneCluster() {
    assertThat(ClusterIdentity.sameSeeds(List.of("10.0.0.1:3000"), List.of("10.0.0.2:3000", "10.0.0.1:3000")))
        .hasValueSatisfying(w -> assertThat(w).contains("10.0.0.1:3000"));
    assertThat(ClusterIdentity.sameSeeds(List.of("localhost:3100"), List.of("127.0.0.1:3100"))).isPresent();
    assertThat(ClusterIdentity.sameSeeds(List.of("[::1]:3100"), List.of("LOCALHOST:3100"))).isPresent();
    assertThat(ClusterIdentity.sameSeeds(List.of("127.0.0.1:3100"), List.of("127.0.0.1:3101"))).isEmpty();
  }

  @Test
  void aSharedNodeIdOrAddressOrNameWithTheNamespaceIsOneCluster() {
    ClusterIdentity a = id(Set.of("BB9000000000001", "BB9000000000002"), Set.of("10.0.0.1:3000"), null);
    assertThat(ClusterIdentity.sameCluster(a, id(Set.of("BB9000000000002"), Set.of("10.9.9.9:3000"), null), "ns"))
        .hasValueSatisfying(w -> assertThat(w).contains("BB9000000000002"));
    assertThat(ClusterIdentity.sameCluster(a, id(Set.of("X"), Set.of("10.0.0.1:3000"), null), "ns")).isPresent();
    assertThat(ClusterIdentity.sameCluster(id(Set.of("A"), Set.of("h:1"), "shop"), id(Set.of("B"), Set.of("h:2"), "shop"),
        "ns")).hasValueSatisfying(w -> assertThat(w).contains("shop").contains("ns"));
    assertThat(ClusterIdentity.sameCluster(id(Set.of("A"), Set.of("h:1"), "shop"), id(Set.of("B"), Set.of("h:2"), "shop"),
        null)).isEmpty();
    assertThat(ClusterIdentity.sameCluster(id(Set.of("A"), Set.of("h:1"), null), id(Set.of("B"), Set.of("h:2"), null),
        "ns")).isEmpty();
  }
}
