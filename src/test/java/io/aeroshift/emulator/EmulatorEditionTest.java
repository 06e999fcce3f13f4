package io.aeroshift.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.mindrot.jbcrypt.BCrypt;

/** Community versus Enterprise: security, XDR configuration and durable deletes. */
class EmulatorEditionTest {

  private static ClientPolicy withUser(String user, String password) {
    ClientPolicy p = new ClientPolicy();
    p.user = user;
    p.password = password;
    p.timeout = 2000;
    return p;
  }

  @Test
  void communityRefusesSecurityXdrAndDurableDelete() throws Exception {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(1).edition(Edition.COMMUNITY).build("6.4.0.10").start()) {
      String[] hp = cluster.seeds().get(0).split(":");
      try (Socket s = new Socket(hp[0], Integer.parseInt(hp[1]))) {
        assertThat(RawWire.login(s, "admin", BCrypt.hashpw("admin123", EmulatedCluster.CREDENTIAL_SALT)))
            .isEqualTo(ResultCode.SECURITY_NOT_SUPPORTED);
      }
      assertThatThrownBy(() -> new AerospikeClient(withUser("admin", "admin123"), cluster.hosts()).close())
          .isInstanceOf(AerospikeException.class);
      try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), cluster.hosts())) {
        Node node = client.getNodes()[0];
        assertThat(Info.request(null, node, "edition")).isEqualTo("Aerospike Community Edition");
        assertThat(Info.request(null, node, "set-config:context=xdr;dc=DC1;action=create")).startsWith("ERROR");
        assertThat(Info.request(null, node, "get-stats:context=xdr;dc=DC1")).isEmpty(); // CE xdr_ce.c stub: nothing
        Key key = new Key("test", "s", 1);
        client.put(null, key, new Bin("a", 1));
        WritePolicy durable = new WritePolicy();
        durable.durableDelete = true;
        assertThatThrownBy(() -> client.delete(durable, key)).isInstanceOfSatisfying(AerospikeException.class,
            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.ENTERPRISE_ONLY));
        assertThat(client.exists(null, key)).isTrue();
      }
    }
  }

  @Test
  void enterpriseWithUsersRequiresLoginAndAcceptsXdrConfig() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().nodes(2).edition(Edition.ENTERPRISE).build("7.2.0.6")
        .user("admin", "admin123", "sys-admin", "user-admin").start()) {
      assertThatThrownBy(() -> new AerospikeClient(withUser("admin", "wrong"), cluster.hosts()).close())
          .isInstanceOf(AerospikeException.class);
      assertThatThrownBy(() -> new AerospikeClient(withUser("nobody", "admin123"), cluster.hosts()).close())
          .isInstanceOf(AerospikeException.class);
      ClientPolicy noUser = new ClientPolicy();
      noUser.timeout = 2000;
      assertThatThrownBy(() -> new AerospikeClient(noUser, cluster.hosts()).close()).isInstanceOf(AerospikeException.class);

      try (AerospikeClient client = new AerospikeClient(withUser("admin", "admin123"), cluster.hosts())) {
        assertThat(client.getNodes()).hasSize(2);
        Key key = new Key("test", "s", 1);
        client.put(null, key, new Bin("a", 1));
        assertThat(client.get(null, key).getInt("a")).isEqualTo(1);
        WritePolicy durable = new WritePolicy();
        durable.durableDelete = true;
        assertThat(client.delete(durable, key)).isTrue();
        Node node = client.getNodes()[0];
        assertThat(Info.request(null, node, "edition")).isEqualTo("Aerospike Enterprise Edition");
        assertThat(Info.request(null, node, "set-config:context=xdr;dc=DC1;action=create")).isEqualTo("ok");
        assertThat(Info.request(null, node, "set-config:context=xdr;dc=DC1;node-address-port=10.0.0.1:3000;action=add")).isEqualTo("ok");
        assertThat(Info.request(null, node, "set-config:context=xdr;dc=DC1;namespace=test;action=add")).isEqualTo("ok");
        assertThat(Info.request(null, node, "get-config:context=xdr")).contains("dcs=DC1");
        assertThat(Info.request(null, node, "get-config:context=xdr;dc=DC1")).contains("node-address-port=10.0.0.1:3000")
            .contains("namespaces=test");
        assertThat(InfoText.kv(Info.request(null, node, "get-stats:context=xdr;dc=DC1"), ';')).containsEntry("lag", "0");
      }
    }
  }

  @Test
  void enterpriseWithoutUsersRunsWithSecurityOff() {
    try (EmulatedCluster cluster = EmulatedCluster.builder().edition(Edition.ENTERPRISE).build("7.2.0.6").start();
        AerospikeClient plain = new AerospikeClient(new ClientPolicy(), cluster.hosts());
        AerospikeClient withUser = new AerospikeClient(withUser("anyone", "pw"), cluster.hosts())) {
      plain.put(null, new Key("test", "s", 1), new Bin("a", 1));
      assertThat(withUser.get(null, new Key("test", "s", 1)).getInt("a")).isEqualTo(1);
    }
  }
}
