package org.parley.it.portal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.it.ParleyDeployment;

/**
 * Debian's headless {@code chromium} driven through its {@code chromedriver}, with a throw-away profile; when either
 * is missing the test fails (CI installs them), it never skips. Selenium Manager is never asked for a driver, so
 * nothing is downloaded.
 */
final class Chromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("parley.it.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("parley.it.chromedriver", "/usr/bin/chromedriver"));
    static final Duration PATIENCE = Duration.ofSeconds(20);
    /**
     * Selenium warns when it has no DevTools (CDP) binding for the browser's version; these tests use WebDriver only,
     * never CDP, so the warning says nothing about them. Held in a field: JUL keeps loggers only weakly.
     */
    private static final List<Logger> QUIET = Stream.of("org.openqa.selenium.devtools.CdpVersionFinder",
            "org.openqa.selenium.chromium.ChromiumDriver").map(Logger::getLogger).toList();

    static {
        QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
    }

    private final Path profile;
    private final WebDriver browser;

    private Chromium(Path profile, WebDriver browser) {
        this.profile = profile;
        this.browser = browser;
    }

    static Chromium start() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        assertTrue(Files.isExecutable(CHROMEDRIVER),
                "no chromedriver at " + CHROMEDRIVER + " (apt-get install chromium-driver)");
        // Both paths given: Selenium skips Selenium Manager (no lookup, no download).
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("parley-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return new Chromium(profile, browser);
    }

    WebDriver driver() {
        return browser;
    }

    /** Opens a portal page, which asks for a login first, and signs in. */
    void signIn(String path, String username, String password) {
        browser.get(ParleyDeployment.http() + path);
        waitFor(By.id("j_username")).sendKeys(username);
        browser.findElement(By.id("j_password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        waitFor(By.id("session:logout"));
    }

    /**
     * The element once it is shown. A page being replaced (after a submit) may take the element away between
     * finding it and asking whether it is shown: Selenium then reports it stale, or ChromeDriver passes on the
     * inspector's "does not belong to the document"; either way the wait looks again on the new page.
     */
    WebElement waitFor(By locator) {
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(d -> {
            try {
                return ExpectedConditions.visibilityOfElementLocated(locator).apply(d);
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return null;
                }
                throw e;
            }
        });
    }

    /** Chromium reports every blocked inline script or style on the console; there must be none. */
    void assertNoContentSecurityPolicyViolations() {
        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy")).toList();
        assertTrue(violations.isEmpty(), "CSP violations: " + violations);
    }

    @Override
    public void close() {
        browser.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
