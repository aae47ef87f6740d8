package io.rungu.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The machine's Chromium, driven through its own chromedriver. Both paths are explicit so Selenium Manager never
 * looks for (or downloads) a browser or driver.
 */
final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /**
     * A headless browser with a fresh profile in {@code profile}. Without Chromium the test is skipped, loudly, except
     * on CI ({@code CI=true}), where a missing browser fails the build.
     */
    static ChromeDriver start(Path profile) {
        return start(profile, "en-US");
    }

    /** As {@link #start(Path)}, with the browser's language (and {@code Accept-Language}) set to {@code language}. */
    static ChromeDriver start(Path profile, String language) {
        requireChromium();
        System.setProperty("SE_AVOID_STATS", "true");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,860", "--force-device-scale-factor=1", "--lang=" + language,
                "--user-data-dir=" + profile.toAbsolutePath());
        // navigator.languages and Accept-Language come from this preference (headless ignores --lang for them).
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        // A dialog opened by the page must stay open so a test can see it (and fail), not be dismissed silently.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        // The console, so a test can see errors (a failed request is logged as one): Browser#consoleErrors.
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        // Screenshots and the theme test assume a light system preference, whatever the machine says.
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", java.util.List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        return driver;
    }

    static Path newProfile(Path parent) {
        try {
            return Files.createDirectories(parent.resolve("chromium-profile"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a browser profile under " + parent, e);
        }
    }

    private static void requireChromium() {
        if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "Browser tests need " + BINARY + " and " + DRIVER
                + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        System.err.println();
        System.err.println("*************************************************************************");
        System.err.println("*** SKIPPING BROWSER TESTS: " + message);
        System.err.println("*************************************************************************");
        System.err.println();
        Assumptions.abort(message);
    }
}
