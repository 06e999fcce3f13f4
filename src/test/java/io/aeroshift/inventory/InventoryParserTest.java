package io.aeroshift.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryParserTest {
  static final String VALID = String.join("\n",
      "clusters:",
      "  - name: orders-eu",
      "    team: payments",
      "    seeds: [\"10.0.0.1:3000\", \"10.0.0.2:3000\"]",
      "    tls: {enabled: true, name: orders-tls}",
      "    credentials:",
      "      user: migrator",
      "      passwordFrom: {env: ORDERS_EU_PASSWORD}",
      "    labels: {env: prod}",
      "  - name: catalog",
      "    team: catalog",
      "    seeds: [\"catalog-1.internal:3000\"]",
      "    credentials:",
      "      user: migrator",
      "      passwordFrom:",
      "        secret: {name: catalog-aerospike, key: password}",
      "");

  @Test
  void readsAValidInventory() {
    List<ClusterEntry> entries = InventoryParser.parse("inv.yaml", VALID);
    assertThat(entries).hasSize(2);
    ClusterEntry orders = entries.get(0);
    assertThat(orders.name()).isEqualTo("orders-eu");
    assertThat(orders.seeds()).containsExactly("10.0.0.1:3000", "10.0.0.2:3000");
    assertThat(orders.tls()).isEqualTo(new TlsSettings(true, "orders-tls"));
    assertThat(orders.credentials()).isEqualTo(new CredentialsRef("migrator", new PasswordSource("ORDERS_EU_PASSWORD", null, null)));
    assertThat(orders.labels()).containsEntry("env", "prod");
    assertThat(entries.get(1).credentials().passwordFrom().secret())
        .isEqualTo(new PasswordSource.SecretKeyRef("catalog-aerospike", "password", null));
  }

  @Test
  void missingFieldIsReportedWithPathLineAndReason() {
    String yaml = String.join("\n",
        "clusters:",
        "  - name: a1",
        "    team: a",
        "    seeds: [\"10.0.0.1:3000\"]",
        "  - name: b1",
        "    seeds: [\"10.0.0.2:3000\"]",
        "");
    assertThatThrownBy(() -> InventoryParser.parse("/etc/aeroshift/inventory.yaml", yaml))
        .isInstanceOfSatisfying(InvalidInventoryException.class, e -> {
          assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("/etc/aeroshift/inventory.yaml");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.field()).isEqualTo("clusters[1].team");
            assertThat(p.reason()).contains("missing required field");
          });
          assertThat(e.getMessage()).contains("/etc/aeroshift/inventory.yaml:5: clusters[1].team: missing required field");
        });
  }

  @Test
  void duplicateNameIsReportedWithBothLines() {
    String yaml = String.join("\n",
        "clusters:",
        "  - name: same",
        "    team: a",
        "    seeds: [\"10.0.0.1:3000\"]",
        "  - name: same",
        "    team: b",
        "    seeds: [\"10.0.0.2:3000\"]",
        "");
    assertThatThrownBy(() -> InventoryParser.parse("inv.yaml", yaml))
        .isInstanceOfSatisfying(InvalidInventoryException.class, e ->
            assertThat(e.problems()).singleElement().satisfies(p -> {
              assertThat(p.line()).isEqualTo(5);
              assertThat(p.reason()).contains("duplicate cluster name 'same'").contains("line 2");
            }));
  }

  @Test
  void clearPasswordIsRefusedWithoutEchoingIt() {
    String yaml = String.join("\n",
        "clusters:",
        "  - name: a1",
        "    team: a",
        "    seeds: [\"10.0.0.1:3000\"]",
        "    credentials:",
        "      user: admin",
        "      password: hunter2-secret",
        "");
    assertThatThrownBy(() -> InventoryParser.parse("inv.yaml", yaml))
        .isInstanceOfSatisfying(InvalidInventoryException.class, e -> {
          assertThat(e.getMessage()).contains("inv.yaml:7").contains("clear-text passwords are not accepted")
              .doesNotContain("hunter2-secret");
          assertThat(e.problems()).anySatisfy(p -> assertThat(p.field()).isEqualTo("clusters[0].credentials.password"));
        });
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml = String.join("\n",
        "clusters:",
        "  - name: Bad_Name",
        "    team: a",
        "    seeds: [\"nohost\", \"h:70000\"]",
        "    colour: blue",
        "    credentials: {user: u, passwordFrom: {env: A, file: /x}}",
        "");
    assertThatThrownBy(() -> InventoryParser.parse("inv.yaml", yaml))
        .isInstanceOfSatisfying(InvalidInventoryException.class, e ->
            assertThat(e.problems()).extracting(InventoryProblem::field).contains(
                "clusters[0].name", "clusters[0].seeds[0]", "clusters[0].seeds[1]", "clusters[0].colour",
                "clusters[0].credentials.passwordFrom"));
  }

  @Test
  void notYamlAtAll() {
    assertThatThrownBy(() -> InventoryParser.parse("inv.yaml", "clusters: [\n  - {name: x"))
        .isInstanceOfSatisfying(InvalidInventoryException.class, e ->
            assertThat(e.problems()).singleElement().satisfies(p -> {
              assertThat(p.reason()).startsWith("not valid YAML");
              assertThat(p.line()).isPositive();
            }));
  }
}
