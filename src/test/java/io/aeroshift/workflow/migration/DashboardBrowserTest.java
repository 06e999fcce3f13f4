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
import java.net.URL;
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
 * the other team's), the engineer starts the cutover of both. The browser's console must stay free
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

  /** A state store of its own: wave-1 starts fresh whatever other workflow tests did to theirs. */
  public static class OwnStore implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:aeroshift-dashboard-browser;DB_CLOSE_DELAY=-1");
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

  @BeforeEach
  void serviceWithAReconciler() {
    WorkflowHarness world = WorkflowHarness.get(inventory, discovery);
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

  @AfterEach
  void stop() throws InterruptedException {
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
    for (String team : List.of("payments", "catalog")) {
      click(team + " cutover", () -> button("wave-1", team, "cutover"));
    }
    waitFor("both migrations past the point of no return", () -> List.of("payments", "catalog").stream()
        .allMatch(t -> !"APPROVED".equals(row(t).get("phase"))));
    browser.screenshot("dashboard-07-cutover-started");

    assertThat(eventLog()).as("the event log shows the approvals")
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
          cutoverBadge: tr.querySelector('td.cutover .badge').textContent,
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
