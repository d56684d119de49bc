package io.earshot.web;

import io.earshot.Http;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test class shares: one headless Chromium per class, a fresh session per test (the last page
 * left first, so its live streams stop reconnecting), the application's address, and screenshots in
 * {@code target/screenshots}.
 */
abstract class BrowserTests {

    static final AtomicInteger SEQ = new AtomicInteger();
    private static final Path SHOTS = Path.of("target", "screenshots");

    static WebDriver browser;

    @LocalServerPort
    int port;

    Http http;
    String run;

    @BeforeAll
    static void openBrowser() {
        browser = Chromium.open();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @BeforeEach
    void freshSession() {
        http = new Http(port);
        run = "r" + System.nanoTime() + "-" + SEQ.incrementAndGet();
        browser.manage().window().setSize(new Dimension(1280, 800));
        browser.get(url("/login"));
        browser.manage().deleteAllCookies();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    static void screenshot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
