package io.earshot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.earshot.Http;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The web chat in a real browser: a shop's page on another origin ({@code http://localhost:<p>}, Earshot being on
 * {@code http://127.0.0.1:<port>}) embeds the widget with one script tag; the visitor writes in the frame, the line
 * is a conversation at the desk, an agent answers it in the desk (another tab, signed in) and the reply appears live
 * in the open frame, and a reload shows the chat again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.admin-token=" + ChatWidgetBrowserTest.ADMIN, "earshot.classify.detect-language=false",
        "earshot.admin-password=" + ChatWidgetBrowserTest.ADMIN_PASSWORD,
        "earshot.test.database=chat_browser"})
class ChatWidgetBrowserTest extends BrowserTests {

    static final String ADMIN = "chat-browser-admin";
    static final String ADMIN_PASSWORD = "chat-browser-admin-password";

    private HttpServer shop;

    @AfterEach
    void closeShop() {
        if (shop != null) {
            shop.stop(0);
        }
    }

    /** The company's own site, on another origin than Earshot's: one page, whose script tag is set later. */
    private volatile String scriptTag = "";

    String openShop() throws Exception {
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.createContext("/", exchange -> {
            byte[] page = ("<!doctype html><html><head><title>Lumen shop</title></head><body><h1>Lumen shop</h1>"
                    + "<p>Everything for your home.</p>" + scriptTag + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        shop.start();
        return "http://localhost:" + shop.getAddress().getPort();
    }

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    void openChat() {
        waiting(10).until(ExpectedConditions.elementToBeClickable(By.id("earshot-chat-launcher"))).click();
        waiting(10).until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("earshot-chat-frame")));
    }

    WebDriver.TargetLocator to() {
        return browser.switchTo();
    }

    @Test
    void aVisitorOnTheShopsSiteChatsWithAnAgentLiveAndFindsTheChatAgainAfterAReload() throws Exception {
        String site = openShop();
        Http.Answer account = http.post("/api/v1/channel-accounts", Map.of("kind", "chat", "name", "shop " + run,
                "settings", Map.of("allowedOrigins", site, "title", "Lumen support", "greeting", "Hi! How can we help?")), ADMIN);
        assertThat(account.status()).as(account.raw()).isEqualTo(201);
        scriptTag = "<script src=\"" + url("/chat/" + account.get("id").asString() + "/widget.js") + "\" data-name=\"Ann\" async></script>";

        browser.get(site + "/");
        openChat();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Lumen support"));
        assertThat(browser.findElement(By.id("greeting")).getText()).isEqualTo("Hi! How can we help?");
        String question = "My <b>parcel</b> never came " + run;
        browser.findElement(By.id("text")).sendKeys(question);
        browser.findElement(By.id("send")).click();
        waiting(10).until(d -> d.findElements(By.cssSelector("#lines li.visitor:not(.pending)")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#lines li.visitor")).getText()).as("shown as text").isEqualTo(question);
        assertThat(browser.findElements(By.cssSelector("#lines b"))).isEmpty();
        ((JavascriptExecutor) browser).executeScript("window.__stillHere = 42;");

        // at the desk: the line is a conversation on the chat channel, from the visitor
        JsonNode conversation = waitForConversation(question);
        assertThat(conversation.get("channel").asString()).isEqualTo("chat");
        assertThat(conversation.get("customer").get("name").asString()).isEqualTo("Ann");
        String answer = "Sorry Ann, a new one is on its way " + run;

        // an agent answers in the desk, in another tab of the same browser (the desk's session cookie is never the chat's)
        String shopTab = browser.getWindowHandle();
        to().defaultContent();
        to().newWindow(org.openqa.selenium.WindowType.TAB);
        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys("admin@earshot.local");
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waiting(10).until(ExpectedConditions.urlContains("/inbox"));
        browser.get(url("/conversations/" + conversation.get("id").asString()));
        assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reply-to"))).getFirstSelectedOption()
                .getText()).startsWith("chat to ").contains("(private)");
        browser.findElement(By.id("reply")).sendKeys(answer);
        browser.findElement(By.id("send")).click();
        waiting(10).until(d -> !d.findElements(By.id("send-anyway")).isEmpty()
                || !d.findElements(By.cssSelector("[role=status].notice")).isEmpty());
        if (!browser.findElements(By.id("send-anyway")).isEmpty()) {
            browser.findElement(By.id("send-anyway")).click();
        }
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status].notice"), "Reply sent"));
        browser.close();
        to().window(shopTab);
        to().frame(browser.findElement(By.id("earshot-chat-frame")));

        // live: the reply appears in the open frame, without a reload
        // (within 5 s: the frame's catch-up read is every 20 s, so only the stream is this fast)
        waiting(5).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#lines li.agent"), answer));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__stillHere;")).as("no reload").isEqualTo(42L);
        assertThat(((JavascriptExecutor) browser).executeScript("return document.cookie;")).as("no cookie in the frame").isEqualTo("");
        to().defaultContent();
        screenshot("chat-widget");

        // a reload of the shop's page: the chat is there again, in order
        browser.navigate().refresh();
        openChat();
        waiting(10).until(d -> d.findElements(By.cssSelector("#lines li")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("#lines li"))).extracting(e -> e.getAttribute("class") + ": " + e.getText())
                .containsExactly("visitor: " + question, "agent: " + answer);
        to().defaultContent();

        // the same page on an origin not on the list: the browser itself refuses to show the frame
        browser.get(site.replace("localhost", "127.0.0.1") + "/");
        openChat();
        Thread.sleep(1000);
        assertThat(browser.findElements(By.id("text"))).as("no chat frame on another site").isEmpty();
        to().defaultContent();
    }

    JsonNode waitForConversation(String text) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            Http.Answer list = http.get("/api/v1/conversations?status=all&channel=chat", ADMIN);
            for (JsonNode c : list.get("items")) {
                Http.Answer one = http.get("/api/v1/conversations/" + c.get("id").asString(), ADMIN);
                for (JsonNode m : one.get("messages")) {
                    if (text.equals(m.get("text").asString())) {
                        return one.body();
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no conversation holds '" + text + "'");
    }
}
