package io.rungu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One browser session for a test class, with the waits and lookups the tests share. */
final class Browser implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    final ChromeDriver driver;
    private final String origin;

    Browser(ChromeDriver driver, String origin) {
        this.driver = driver;
        this.origin = origin;
    }

    /** Opens a path of the server under test ({@code /board/x}) or an absolute URL. */
    void open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : origin + pathOrUrl);
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid=\"" + id + "\"]");
    }

    /** The visible element with this {@code data-testid}, waiting for it. */
    WebElement find(String testId) {
        return until(ExpectedConditions.visibilityOfElementLocated(testId(testId)));
    }

    /** The element matching a CSS selector, waiting until it is present (hidden elements included). */
    WebElement present(String css) {
        return until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String testId) {
        return driver.findElements(testId(testId));
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    void waitForText(String testId, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(testId(testId), text));
    }

    void type(String testId, String text) {
        WebElement field = find(testId);
        field.clear();
        field.sendKeys(text);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String path() {
        return (String) js("return location.pathname + location.search");
    }

    /** Vote requests this page has had answered (resource timing entries appear when a response is complete). */
    long voteResponses() {
        return ((Number) js("return performance.getEntriesByType('resource').filter(e => /\\/vote$/.test(e.name)).length")).longValue();
    }

    /** The console's errors since the last call (Chromium logs a failed request, such as a 401, as one). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** Waits until the page has been told who is signed in (its GET /auth/session is answered). */
    void awaitSession() {
        until(d -> (Boolean) js("return performance.getEntriesByType('resource')"
                + ".some(e => new URL(e.name).pathname.endsWith('/auth/session'))"));
    }

    boolean alertIsOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /** Writes the current page to {@code target/screenshots/<name>.png}, on every run. */
    void screenshot(String name) {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            // Let transitions and smooth scrolling settle so the picture shows the final state.
            js("return new Promise(r => requestAnimationFrame(() => setTimeout(r, 250)))");
            Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.move(file, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write screenshot " + name, e);
        }
    }

    /** Like {@link #screenshot} but the whole page, up to 2,400 CSS pixels tall. */
    void screenshotFullPage(String name) {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            js("return new Promise(r => requestAnimationFrame(() => setTimeout(r, 250)))");
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Map<?, ?> size = (Map<?, ?>) metrics.get("cssContentSize");
            double width = ((Number) size.get("width")).doubleValue();
            double height = Math.min(((Number) size.get("height")).doubleValue(), 2400);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Files.write(dir.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write screenshot " + name, e);
        }
    }

    void assertNoAlert() {
        assertThat(alertIsOpen()).as("a JavaScript dialog is open").isFalse();
    }

    /** Closes the browser, then the server, each only if it started (an {@code @AfterAll} after a failed start). */
    static void closeBoth(Browser browser, PackagedServer server) {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
