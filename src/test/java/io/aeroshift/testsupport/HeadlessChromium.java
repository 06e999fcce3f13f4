package io.aeroshift.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless {@code chromium} driven through its {@code chromedriver} (Selenium), for the
 * dashboard's browser test. As a JUnit condition it reports the class SKIPPED, with the reason,
 * when either binary is missing, and fails it instead when {@code AEROSHIFT_REQUIRE_CHROMIUM=true}
 * ({@code .ci/run}, which installs both). The browser's console is kept so a test can fail on any
 * error in it; screenshots go to {@code target/screenshots}.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path BROWSER = Path.of(System.getenv().getOrDefault("AEROSHIFT_CHROMIUM", "/usr/bin/chromium"));
  public static final Path DRIVER = Path.of(System.getenv().getOrDefault("AEROSHIFT_CHROMEDRIVER", "/usr/bin/chromedriver"));
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final List<String> console = new ArrayList<>();

  private HeadlessChromium(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts a headless browser with a window large enough for the whole dashboard. */
  public static HeadlessChromium start() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    // no sandbox: CI runs as root in a container, where Chromium's sandbox cannot start
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1600,1200", "--no-first-run", "--disable-extensions");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().withTimeout(Duration.ofSeconds(120)).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    // a loaded 2-core machine: page loads and scripts get generous limits
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120)).scriptTimeout(Duration.ofSeconds(60));
    return new HeadlessChromium(driver);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Reads what the console logged since the last call; keeps it for {@link #consoleErrors}. */
  public List<String> drainConsole() {
    List<String> now = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      now.add(e.getLevel() + " " + e.getMessage());
    }
    console.addAll(now);
    return now;
  }

  /** Every console message at level SEVERE (errors, failed requests, uncaught exceptions) so far. */
  public List<String> consoleErrors() {
    drainConsole();
    return console.stream().filter(l -> l.startsWith(Level.SEVERE.getName())).toList();
  }

  /** Saves the page as {@code target/screenshots/<name>.png} and returns the file. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }

  /** Why this machine cannot run the browser, or null when it can. */
  public static String missing() {
    List<String> absent = new ArrayList<>();
    if (!Files.isExecutable(BROWSER)) {
      absent.add("no chromium at " + BROWSER);
    }
    if (!Files.isExecutable(DRIVER)) {
      absent.add("no chromedriver at " + DRIVER);
    }
    return absent.isEmpty() ? null : String.join(", ", absent);
  }

  /** The JUnit condition: skip visibly without the browser, fail when it is required. */
  public static final class Required implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String why = missing();
      if (why == null) {
        return ConditionEvaluationResult.enabled("chromium and chromedriver present");
      }
      if ("true".equalsIgnoreCase(System.getenv("AEROSHIFT_REQUIRE_CHROMIUM"))) {
        throw new IllegalStateException(why + " but AEROSHIFT_REQUIRE_CHROMIUM=true: install Debian's chromium"
            + " and chromium-driver (see .ci/run)");
      }
      System.err.println("SKIPPED " + context.getDisplayName() + ": " + why
          + "; install chromium and chromium-driver, or set AEROSHIFT_REQUIRE_CHROMIUM=true to fail instead");
      return ConditionEvaluationResult.disabled(why + "; the browser test skipped");
    }
  }
}
