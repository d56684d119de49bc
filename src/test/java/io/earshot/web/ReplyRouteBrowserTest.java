package io.earshot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.earshot.Http;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Where a reply goes, at the desk in Chromium. A customer writes to two webhook accounts (two shops on the same forum
 * channel); the composer says the reply goes to the newest one, the agent answers the older message instead
 * ("Reply to this"), that shop's receiver refuses the first attempt, the conversation shows the reason and a Retry
 * button, and the retried reply reaches that shop once and the other shop never.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.admin-token=" + ReplyRouteBrowserTest.ADMIN,
        "earshot.admin-password=" + ReplyRouteBrowserTest.ADMIN_PASSWORD,
        "earshot.secret-key=reply-route-browser-secret-key-32-chars",
        "earshot.channels.webhook.private-addresses=true",
        "earshot.test.database=reply_routes_page"})
class ReplyRouteBrowserTest extends BrowserTests {

    static final String ADMIN = "reply-routes-admin-token";
    static final String ADMIN_PASSWORD = "reply-routes-admin-password";
    static final String SECRET = "reply-routes-signing-secret-0815";

    record Received(String path, String key, int status) {
    }

    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            int n = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int status = n == 1 ? 400 : 200; // each shop refuses its first reply, takes the next
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("Idempotency-Key"), status));
            byte[] answer = status == 200 ? "{\"id\":\"shop-reply\"}".getBytes(StandardCharsets.UTF_8)
                    : "{\"error\":\"recipient unknown\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    String account(Http http, String name, String path) {
        JsonNode a = http.post("/api/v1/channel-accounts", Map.of("kind", "webhook", "name", name,
                "settings", Map.of("channel", "forum", "replyUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + path),
                "secrets", Map.of("secret", SECRET)), ADMIN).body();
        return a.get("id").asString();
    }

    void post(String account, String externalId, String handle, String text, Instant at) throws Exception {
        String body = "{\"externalId\":\"" + externalId + "\",\"direction\":\"inbound\",\"author\":{\"handle\":\"" + handle
                + "\",\"name\":\"Ana\"},\"text\":\"" + text + "\",\"createdAt\":\"" + at + "\"}";
        assertThat(io.earshot.SignedPost.send(url(""), account, SECRET, externalId, body)).isEqualTo(200);
    }

    /** Reloads the page until {@code css} is there. */
    WebElement reloadUntil(String css, int seconds) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (true) {
            List<WebElement> found = browser.findElements(By.cssSelector(css));
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no " + css + " after " + seconds + " s in " + browser.getCurrentUrl());
            }
            Thread.sleep(300);
            browser.navigate().refresh();
        }
    }

    @Test
    void theAgentSeesAndChangesWhereAReplyGoesAndRetriesAFailedDelivery() throws Exception {
        Http http = new Http(port);
        String shopA = account(http, "Shop A " + run, "/a-" + run);
        String shopB = account(http, "Shop B " + run, "/b-" + run);
        String handle = "ana-" + run;
        post(shopA, run + "-1", handle, "My order 1234 never came", Instant.now().minusSeconds(60));
        post(shopB, run + "-2", handle, "Also asked the other shop about 1234", Instant.now().minusSeconds(30));
        JsonNode items = http.get("/api/v1/conversations?limit=200", ADMIN).body().get("items");
        String conversation = null;
        for (JsonNode c : items) {
            if (handle.equals(c.get("customer").get("handle").asString())) {
                conversation = c.get("id").asString();
            }
        }
        assertThat(conversation).as("one conversation of %s", handle).isNotNull();
        JsonNode messages = http.get("/api/v1/conversations/" + conversation, ADMIN).body().get("messages");
        assertThat(messages).hasSize(2);
        String older = messages.get(0).get("id").asString();

        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys("admin@earshot.local");
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waiting(10).until(ExpectedConditions.urlContains("/inbox"));
        browser.get(url("/conversations/" + conversation));

        // the composer says where the reply goes: the newest message's shop, unless the agent picks another
        Select route = new Select(waiting(5).until(ExpectedConditions.presenceOfElementLocated(By.id("reply-to"))));
        assertThat(route.getOptions()).hasSize(2);
        assertThat(route.getFirstSelectedOption().getText()).contains("forum to " + handle).contains("via Shop B " + run)
                .contains("(public)");
        browser.findElement(By.cssSelector("a.reply-here[href*='replyTo=" + older + "']")).click();
        route = new Select(waiting(5).until(ExpectedConditions.presenceOfElementLocated(By.id("reply-to"))));
        assertThat(route.getFirstSelectedOption().getText()).contains("via Shop A " + run);
        assertThat(route.getFirstSelectedOption().getAttribute("value")).isEqualTo(older);

        browser.findElement(By.id("reply")).sendKeys("Hi Ana, sorry about order 1234. We are on it and will write by Friday.");
        browser.findElement(By.id("send")).click();
        waiting(10).until(d -> !d.findElements(By.id("send-anyway")).isEmpty()
                || !d.findElements(By.cssSelector("[role=status].notice")).isEmpty());
        List<WebElement> anyway = browser.findElements(By.id("send-anyway"));
        if (!anyway.isEmpty()) {
            anyway.get(0).click();
        }
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status].notice"), "Reply sent"));

        // shop A refuses: the reason and a retry button show on the reply
        WebElement problem = reloadUntil(".delivery-problem", 20);
        assertThat(problem.getText()).contains("Not delivered").contains("400");
        screenshot("conversation-failed-delivery");
        problem.findElement(By.cssSelector("button.retry")).click();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status].notice"), "tried again"));
        waitUntil(() -> received.stream().anyMatch(r -> r.path().equals("/a-" + run) && r.status() == 200), 20);
        browser.navigate().refresh();
        reloadUntil(".message.outbound .muted", 5);
        assertThat(browser.findElements(By.cssSelector(".delivery-problem"))).isEmpty();

        List<Received> toA = received.stream().filter(r -> r.path().equals("/a-" + run)).toList();
        assertThat(toA).extracting(Received::status).containsExactly(400, 200);
        assertThat(toA.get(0).key()).isEqualTo(toA.get(1).key());
        assertThat(received.stream().filter(r -> r.path().equals("/b-" + run))).as("the other shop").isEmpty();
        JsonNode reply = http.get("/api/v1/conversations/" + conversation, ADMIN).body().get("messages").get(2);
        assertThat(reply.get("accountId").asString()).isEqualTo(shopA);
        assertThat(reply.get("inReplyTo").asString()).isEqualTo(run + "-1");
        assertThat(reply.get("delivery").asString()).isEqualTo("sent");
        assertThat(browser.findElements(By.cssSelector(".message.outbound .meta")).get(0).getText()).contains("Shop A " + run);
    }

    static void waitUntil(java.util.function.BooleanSupplier done, int seconds) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not done after " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }
}
