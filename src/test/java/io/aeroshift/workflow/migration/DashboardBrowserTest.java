package io.aeroshift.workflow.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.aeroshift.discovery.DiscoveryService;
import io.aeroshift.inventory.Inventory;
import io.aeroshift.testsupport.HeadlessChromium;
import io.aeroshift.workflow.machine.Migration;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import com.sun.net.httpserver.HttpServer;
import io.aeroshift.demo.SimulatedDeploymentController;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium on a running service with the emulated CE sources, fabric8's
 * mock API server and the simulated operator ({@link WorkflowHarness}): an engineer starts wave-1
 * and watches both migrations progress to approval (per-partition map, blockers), each team's
 * owner approves their own migration with the evidence beside the button (and finds no button on
 * the other team's), the engineer starts the cutover of both and sees both COMPLETED (the payments
 * applications' seed ConfigMap switched and their Deployments rolled out, the catalog team's config
 * service called; the targets' records compared with the sources' by the test's own reader). The browser's console must stay free
 * of errors throughout; screenshots of each step go to {@code target/screenshots/dashboard-*.png}.
 *
 * <p>The service's own reconciler is off in tests; this test runs one in the background, as a
 * service replica would, against the harness's mock API server.
 */
@QuarkusTest
@TestProfile(DashboardBrowserTest.OwnStore.class)
@ExtendWith(HeadlessChromium.Required.class)
class DashboardBrowserTest {
  private static final Duration DEADLINE = Duration.ofSeconds(300);
  private static final Set<String> WORKING = Set.of("PROVISIONING", "COPYING", "CATCHING_UP", "VALIDATING");

  /**
   * A state store of its own (wave-1 starts fresh whatever other workflow tests did to theirs) and
   * the repository's plans with the test's cutover figures: a 2 s drain quiet period instead of
   * minutes, and the catalog team's config service webhook answered by {@link #CONFIG_SERVICE}.
   */
  public static class OwnStore implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:aeroshift-dashboard-browser;DB_CLOSE_DELAY=-1",
          "aeroshift.plans.dir", plansForThisTest().toString());
    }
  }

  /** The catalog team's config service: takes every seed-list POST with 200, as a working one does. */
  static final HttpServer CONFIG_SERVICE = configService();

  private static HttpServer configService() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/aerospike/seeds", exchange -> {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path plansForThisTest() {
    try {
      Path dir = Files.createDirectories(Path.of("target", "dashboard-browser-plans"));
      String webhook = "http://127.0.0.1:" + CONFIG_SERVICE.getAddress().getPort() + "/aerospike/seeds";
      try (Stream<Path> plans = Files.list(Path.of("migration-plans"))) {
        for (Path plan : plans.filter(p -> p.toString().endsWith(".yaml")).toList()) {
          String text = Files.readString(plan).replaceAll("drainQuietPeriodSeconds: \\d+", "drainQuietPeriodSeconds: 2")
              .replaceAll("url: https://config\\.catalog\\.internal/aerospike/seeds", "url: " + webhook);
          Files.writeString(dir.resolve(plan.getFileName()), text);
        }
      }
      return dir.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Inject Inventory inventory;
  @Inject DiscoveryService discovery;
  @Inject WorkflowRuntime runtime;
  @Inject MigrationStore store;

  @TestHTTPResource("/")
  URL dashboard;

  private MigrationReconciler reconciler;
  private ScheduledExecutorService rounds;
  private HeadlessChromium browser;
  private SimulatedDeploymentController deployments;
  private WorkflowHarness world;
  private static final String SEEDS = "payments-aerospike-seeds";

  @BeforeEach
  void serviceWithAReconciler() {
    world = WorkflowHarness.get(inventory, discovery);
    paymentsApplications(world);
    reconciler = world.reconciler(runtime, "dashboard-replica", Duration.ofSeconds(10));
    rounds = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "dashboard-test-reconciler"));
    rounds.scheduleWithFixedDelay(() -> {
      try {
        reconciler.runOnce();
      } catch (RuntimeException e) {
        // as the service's own tick: log and try again at the next round
        e.printStackTrace();
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
    browser = HeadlessChromium.start();
  }

  /**
   * What the payments plan's configmap cutover switches: the seed ConfigMap its applications read
   * and their Deployments, rolled out by the simulated Deployment controller.
   */
  private void paymentsApplications(WorkflowHarness world) {
    KubernetesClient k = world.k8s.client;
    if (k.configMaps().inNamespace("payments").withName(SEEDS).get() == null) {
      k.configMaps().inNamespace("payments").resource(new ConfigMapBuilder().withNewMetadata().withName(SEEDS)
          .endMetadata().addToData("seeds", String.join(",", world.payments.seeds())).build()).create();
    }
    for (String d : List.of("payments-api", "payments-ledger")) {
      if (k.apps().deployments().inNamespace("payments").withName(d).get() == null) {
        k.apps().deployments().inNamespace("payments").resource(new DeploymentBuilder().withNewMetadata().withName(d)
            .endMetadata().withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", d).endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", d).endMetadata().withNewSpec().addNewContainer()
            .withName("app").withImage("payments/" + d + ":1").endContainer().endSpec().endTemplate().endSpec()
            .build()).create();
      }
    }
    deployments = new SimulatedDeploymentController(k, "payments").start(Duration.ofMillis(100));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (deployments != null) {
      deployments.close();
    }
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      rounds.shutdownNow();
      rounds.awaitTermination(30, TimeUnit.SECONDS);
      reconciler.close();
    }
  }

  @Test
  void aWaveWatchedApprovedByEachOwnerAndCutOverFromTheDashboard() {
    WebDriver d = browser.driver();
    d.get(dashboard.toString());
    signIn("engineer");
    waitFor("wave-1 listed with its start button", () -> button("wave-1", null, "wave-start") != null);
    browser.screenshot("dashboard-01-ready");
    click("wave-1 start", () -> button("wave-1", null, "wave-start"));

    Map<String, Set<String>> seen = watchUntilAll("AWAITING_APPROVAL");
    browser.screenshot("dashboard-03-awaiting-approval");
    for (String team : List.of("payments", "catalog")) {
      assertThat(seen.get(team)).as("phases %s was seen in", team).containsAnyElementsOf(WORKING);
      Map<String, Object> row = row(team);
      assertThat((String) row.get("copied")).as("%s copied", team).startsWith("100.0%");
      assertThat(row.get("blockers").toString()).as("%s blockers", team).contains("NOT_APPROVED");
      assertThat(row.get("cutoverBadge")).isEqualTo("not ready");
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) row.get("partitionMap");
      assertThat(map).as("%s partition map", team).isNotNull();
      assertThat(Long.parseLong((String) map.get("mismatch"))).isZero();
      assertThat(Long.parseLong((String) map.get("match")) + Long.parseLong((String) map.get("unvalidated")))
          .isEqualTo(4096);
      assertThat(Long.parseLong((String) map.get("match"))).isPositive();
    }
    assertThat(button("wave-1", "payments", "approve")).as("engineers do not approve").isNull();

    approveAs("owner-payments", "payments", "catalog");
    approveAs("owner-catalog", "catalog", "payments");

    signOutAndIn("engineer");
    waitFor("both approved and ready", () -> List.of("payments", "catalog").stream()
        .allMatch(t -> "APPROVED".equals(row(t).get("phase")) && "ready".equals(row(t).get("cutoverBadge"))));
    browser.screenshot("dashboard-06-approved");
    // the wave cuts over one migration at a time (maxConcurrentCutovers 1): one after the other
    for (String team : List.of("payments", "catalog")) {
      waitFor(team + " ready to cut over", () -> "ready".equals(row(team).get("cutoverBadge")));
      click(team + " cutover", () -> button("wave-1", team, "cutover"));
      waitFor(team + " COMPLETED", () -> "COMPLETED".equals(row(team).get("phase")));
    }
    browser.screenshot("dashboard-07-completed");
    for (String team : List.of("payments", "catalog")) {
      // done, not "not ready / PHASE: phase is COMPLETED": no blockers and no cutover badge
      Map<String, Object> done = row(team);
      assertThat((List<?>) done.get("blockers")).as("%s blockers once COMPLETED", team).isEmpty();
      assertThat(done.get("cutoverBadge")).as("%s cutover badge once COMPLETED", team).isNull();
      assertThat((String) done.get("endState")).as("%s end state", team).startsWith("done");
      assertThat(done.get("lag")).as("%s lag once COMPLETED", team).isEqualTo("–");
    }
    // the wave has nothing left to run: it says so, not RUNNING
    assertThat(((JavascriptExecutor) browser.driver()).executeScript(
        "return document.querySelector('article.wave[data-wave=\"wave-1\"] .wave-state').textContent"))
        .as("wave-1's badge once both migrations completed").isEqualTo("COMPLETED");
    // the other end states, drawn by the page's own renderer from a row as the service sends it
    for (String end : List.of("ROLLED_BACK", "ABORTED")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> cell = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeScript(
          "const td = renderCutover({phase: arguments[0], canCutover: false,"
              + " cutoverBlockers: [{reason: 'PHASE', detail: 'phase is ' + arguments[0]}]});"
              + " return {badge: td.querySelector('.badge') !== null, blockers: td.querySelectorAll('.blockers li').length,"
              + " end: (td.querySelector('[data-role=end-state]') || {}).textContent || null};", end);
      assertThat(cell.get("badge")).as(end + " badge").isEqualTo(false);
      assertThat(((Number) cell.get("blockers")).intValue()).as(end + " blockers").isZero();
      assertThat((String) cell.get("end")).as(end + " end state").startsWith(end.equals("ABORTED") ? "aborted" : "rolled back");
    }
    // checked independently of the service: the applications' seeds point at the target, whose
    // records equal the source's
    Migration pay = store.list("wave-1", "payments").get(0);
    Migration cat = store.list("wave-1", "catalog").get(0);
    String seeds = world.k8s.client.configMaps().inNamespace("payments").withName(SEEDS).get().getData().get("seeds");
    assertThat(List.of(seeds.split(","))).containsExactlyInAnyOrderElementsOf(pay.targetEndpoints());
    assertThat(WorkflowHarness.target(pay, "payments", true)).isEqualTo(WorkflowHarness.source(world.payments,
        "payments"));
    assertThat(WorkflowHarness.target(cat, "catalog", false)).isEqualTo(WorkflowHarness.source(world.catalog,
        "catalog"));
    assertThat(eventLog()).as("the event log shows the approvals and the end")
        .anyMatch(e -> e.contains("DRAINING → COMPLETED"))
        .anyMatch(e -> e.contains("AWAITING_APPROVAL → APPROVED"))
        .anyMatch(e -> e.contains("command approve by owner-payments"));
    assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
  }

  // ---------- steps ----------

  /** Polls the page until every migration of wave-1 shows {@code phase}; returns the phases seen per team. */
  private Map<String, Set<String>> watchUntilAll(String phase) {
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    boolean[] progressShot = {false};
    waitFor("both migrations of wave-1 in " + phase, () -> {
      List<Map<String, Object>> rows = rows();
      for (Map<String, Object> r : rows) {
        String p = (String) r.get("phase");
        seen.computeIfAbsent((String) r.get("team"), t -> new LinkedHashSet<>()).add(p);
        if (!progressShot[0] && WORKING.contains(p)) {
          progressShot[0] = true;
          browser.screenshot("dashboard-02-progress");
        }
      }
      return rows.size() == 2 && rows.stream().allMatch(r -> phase.equals(r.get("phase")))
          && rows.stream().allMatch(r -> r.get("partitionMap") != null);
    });
    return seen;
  }

  /** Signs in as the team's owner, checks the evidence and the other team's absent button, approves. */
  private void approveAs(String owner, String team, String otherTeam) {
    signOutAndIn(owner);
    waitFor(owner + " sees the approve button of " + team, () -> button("wave-1", team, "approve") != null);
    assertThat(button("wave-1", otherTeam, "approve")).as("%s's approve button for %s", otherTeam, owner).isNull();
    assertThat(button("wave-1", otherTeam, "reject")).isNull();
    String evidence = (String) row(team).get("evidence");
    assertThat(evidence).as("evidence beside the button").contains("validation").contains("passed")
        .contains("records copied");
    browser.screenshot("dashboard-0" + (team.equals("payments") ? 4 : 5) + "-" + owner);
    click(owner + " approves " + team, () -> button("wave-1", team, "approve"));
    waitFor(team + " approved", () -> "APPROVED".equals(row(team).get("phase")));
  }

  private void signIn(String user) {
    WebDriver d = browser.driver();
    waitFor("the sign-in form", () -> d.findElement(By.id("sign-in")).isDisplayed());
    WebElement name = d.findElement(By.id("user"));
    name.clear();
    name.sendKeys(user);
    WebElement password = d.findElement(By.id("password"));
    password.clear();
    password.sendKeys(user);
    d.findElement(By.id("sign-in-button")).click();
    waitFor(user + " signed in", () -> d.findElement(By.id("who")).getText().startsWith(user + " ")
        && d.findElement(By.id("board")).isDisplayed());
  }

  private void signOutAndIn(String user) {
    browser.driver().findElement(By.id("sign-out")).click();
    signIn(user);
  }

  // ---------- reading the page ----------

  private static final String ROWS_SCRIPT = """
      return [...document.querySelectorAll('article.wave[data-wave="wave-1"] tr[data-migration-id]')].map(tr => {
        const map = tr.querySelector('canvas.partition-map');
        const evidence = tr.querySelector('[data-role=evidence]');
        return {
          id: tr.dataset.migrationId, team: tr.dataset.team, phase: tr.dataset.phase,
          copied: (tr.querySelector('.copied') || {}).textContent || '',
          cutoverBadge: (tr.querySelector('td.cutover .badge') || {}).textContent || null,
          endState: (tr.querySelector('td.cutover [data-role=end-state]') || {}).textContent || null,
          lag: (tr.querySelector('[data-role=lag]') || {}).textContent || null,
          blockers: [...tr.querySelectorAll('.blockers li')].map(li => li.textContent),
          evidence: evidence ? evidence.textContent : null,
          partitionMap: map ? { match: map.dataset.match, mismatch: map.dataset.mismatch,
                                unvalidated: map.dataset.unvalidated } : null,
        };
      });""";

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> rows() {
    return (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver()).executeScript(ROWS_SCRIPT);
  }

  private Map<String, Object> row(String team) {
    return rows().stream().filter(r -> team.equals(r.get("team"))).findFirst().orElse(Map.of());
  }

  private List<String> eventLog() {
    return browser.driver().findElements(By.cssSelector("#events li")).stream().map(WebElement::getText).toList();
  }

  private List<String> ids() {
    return store.list("wave-1", null).stream().map(Migration::id).toList();
  }

  /** The button for {@code command} in wave-1's header (team null) or in the team's migration row; null when absent. */
  private WebElement button(String wave, String team, String command) {
    String scope = "article.wave[data-wave='" + wave + "']" + (team == null ? " > header" : " tr[data-team='" + team + "']");
    List<WebElement> found = browser.driver().findElements(By.cssSelector(scope + " button[data-command='" + command + "']"));
    return found.isEmpty() ? null : found.get(0);
  }

  /** Clicks the button found now; the dashboard re-renders every poll, so a stale one is looked up again. */
  private void click(String what, java.util.function.Supplier<WebElement> find) {
    waitFor(what, () -> {
      WebElement b = find.get();
      if (b == null) {
        return false;
      }
      b.click();
      return true;
    });
  }

  private void waitFor(String what, java.util.function.BooleanSupplier condition) {
    Predicate<WebDriver> p = d -> condition.getAsBoolean();
    try {
      new WebDriverWait(browser.driver(), DEADLINE, Duration.ofMillis(200))
          .ignoring(StaleElementReferenceException.class).withMessage(what).until(p::test);
    } catch (TimeoutException e) {
      browser.screenshot("dashboard-timeout");
      throw new AssertionError("dashboard: " + what + " not seen within " + DEADLINE + "; rows " + rows()
          + "; console " + browser.consoleErrors() + "; store " + ids().stream().map(id -> store.find(id)
          .map(m -> m.id() + " " + m.phase() + " " + m.failure()).orElse(id)).toList(), e);
    }
  }
}
