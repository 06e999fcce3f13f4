package io.aeroshift.transfer.xdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XdrCommandsTest {
  private static final XdrSettings PROXY = XdrSettings.viaProxy("dc1", List.of("10.0.0.9:8901"), List.of("a", "b"))
      .withAuth("internal", "xdr", "/etc/aerospike/xdr-pw");

  @Test
  void aFreshNodeGetsTheDocumentedOrder() {
    assertThat(XdrCommands.setup(PROXY, XdrDcConfig.ABSENT)).containsExactly(
        "set-config:context=xdr;dc=dc1;action=create",
        "set-config:context=xdr;dc=dc1;connector=true",
        "set-config:context=xdr;dc=dc1;auth-mode=internal",
        "set-config:context=xdr;dc=dc1;auth-user=xdr",
        "set-config:context=xdr;dc=dc1;auth-password-file=/etc/aerospike/xdr-pw",
        "set-config:context=xdr;dc=dc1;node-address-port=10.0.0.9:8901;action=add");
    assertThat(XdrCommands.namespaces(PROXY, XdrDcConfig.ABSENT)).containsExactly(
        "set-config:context=xdr;dc=dc1;namespace=a;action=add;rewind=all",
        "set-config:context=xdr;dc=dc1;namespace=b;action=add;rewind=all");
  }

  @Test
  void aNodeThatHasEverythingGetsNothingAndAPartialOneOnlyWhatIsMissing() {
    XdrDcConfig full = XdrDcConfig.parse("auth-mode=internal;auth-password-file=/etc/aerospike/xdr-pw;auth-user=xdr;"
        + "connector=true;period-ms=100;node-address-port=10.0.0.9:8901;namespaces=a,b");
    assertThat(XdrCommands.setup(PROXY, full)).isEmpty();
    assertThat(XdrCommands.namespaces(PROXY, full)).isEmpty();
    XdrDcConfig partial = new XdrDcConfig(true, Map.of("connector", "false"), List.of(), List.of("a"));
    assertThat(XdrCommands.setup(PROXY, partial)).first().isEqualTo("set-config:context=xdr;dc=dc1;connector=true");
    assertThat(XdrCommands.namespaces(PROXY, partial)).containsExactly("set-config:context=xdr;dc=dc1;namespace=b;action=add;rewind=all");
  }

  @Test
  void teardownRemovesNamespacesThenAddressesThenTheDc() {
    XdrDcConfig c = XdrDcConfig.parse("connector=false;node-address-port=h1:3000,h2:3000;namespaces=a");
    assertThat(XdrCommands.teardown("dc1", c)).containsExactly(
        "set-config:context=xdr;dc=dc1;namespace=a;action=remove",
        "set-config:context=xdr;dc=dc1;node-address-port=h1:3000;action=remove",
        "set-config:context=xdr;dc=dc1;node-address-port=h2:3000;action=remove",
        "set-config:context=xdr;dc=dc1;action=delete");
    assertThat(XdrCommands.teardown("dc1", XdrDcConfig.ABSENT)).isEmpty();
    assertThat(XdrDcConfig.dcNames("dcs=dc1,dc2;src-id=0")).containsExactly("dc1", "dc2");
    assertThat(XdrDcConfig.dcNames("dcs=;src-id=0")).isEmpty();
  }

  @Test
  void settingsRefuseWhatWouldBreakAnInfoCommand() {
    assertThatThrownBy(() -> XdrSettings.direct("dc;1", List.of("h:3000"), List.of("a"))).hasMessageContaining("dcName");
    assertThatThrownBy(() -> XdrSettings.direct("dc1", List.of("h"), List.of("a"))).hasMessageContaining("host:port");
    assertThatThrownBy(() -> XdrSettings.direct("dc1", List.of("h:3000"), List.of())).hasMessageContaining("namespaces");
    assertThatThrownBy(() -> XdrSettings.direct("dc1", List.of("h:3000"), List.of("a")).withAuth("internal", "u;x", null))
        .hasMessageContaining("auth");
  }
}
