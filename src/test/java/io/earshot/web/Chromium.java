package io.earshot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, for the browser tests. It must be installed ({@code apt-get install chromium
 * chromium-driver}): without it the tests fail, unless {@code EARSHOT_BROWSER_TESTS=skip} asks to skip them.
 */
final class Chromium {

    private Chromium() {
    }

    static WebDriver open() {
        File driver = new File(System.getenv().getOrDefault("EARSHOT_CHROMEDRIVER", "/usr/bin/chromedriver"));
        File chromium = new File(System.getenv().getOrDefault("EARSHOT_CHROMIUM", "/usr/bin/chromium"));
        boolean present = driver.canExecute() && chromium.canExecute();
        assumeFalse(!present && "skip".equals(System.getenv("EARSHOT_BROWSER_TESTS")), "browser tests skipped on request");
        assertThat(present).as("Chromium and its driver are needed for the browser tests: apt-get install chromium chromium-driver "
                + "(or set EARSHOT_BROWSER_TESTS=skip to skip them on purpose)").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,800");
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build(),
                options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        return browser;
    }

    /**
     * Waits until the element at {@code where} says {@code expected}, finding it anew at every look (htmx swaps a
     * notice for a new one, so an element found before the answer goes stale), and returns its text. Fails with
     * the last text seen if it never does.
     */
    static String says(WebDriver browser, int seconds, By where, String expected) {
        String[] seen = {"(nothing at " + where + ")"};
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class).until(d -> {
                for (WebElement element : d.findElements(where)) {
                    String text = element.getText();
                    seen[0] = text;
                    if (text.contains(expected)) {
                        return text;
                    }
                }
                return null;
            });
        } catch (TimeoutException e) {
            throw new AssertionError("expected " + where + " to say \"" + expected + "\" within " + seconds + " s; it said \"" + seen[0] + "\"", e);
        }
    }
}
