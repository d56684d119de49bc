package io.earshot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Listening in Chromium, on the manual clock: a lead tries a query with a mistake and sees where it is, tries it
 * again on recent messages, starts listening; a day later a wave of complaints about it is flagged on its chart and
 * listed as a spike with the words that stand out, and its matches link to their conversations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.admin-token=" + TopicsBrowserTest.ADMIN, "earshot.clock=manual",
        "earshot.classify.detect-language=false", "earshot.test.database=topics_page"})
class TopicsBrowserTest extends BrowserTests {

    static final String ADMIN = "topics-page-admin-token";

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    @Test
    void aLeadListensForATopicAndSeesItsSpikeOnTheChart() throws Exception {
        Http http = new Http(port);
        Instant now = Instant.parse(http.get("/api/v1/clock", ADMIN).get("now").asString());
        http.post("/api/v1/messages", Map.of("channel", "twitter", "externalId", "old-" + run, "direction", "inbound",
                "author", Map.of("handle", "early" + run), "text", "The basket page froze on me",
                "createdAt", now.minusSeconds(120).toString()), ADMIN);
        String email = "lee-" + run + "@example.com";
        assertThat(http.post("/api/v1/agents", Map.of("name", "Lee " + run, "email", email, "role", "lead",
                "password", "topics page password 1"), ADMIN).status()).isEqualTo(201);

        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("topics page password 1");
        browser.findElement(By.id("sign-in")).click();
        waiting(10).until(ExpectedConditions.urlContains("/inbox"));
        browser.findElement(By.id("topics-link")).click();
        waiting(5).until(ExpectedConditions.urlContains("/topics"));

        browser.findElement(By.id("topic-query")).sendKeys("(basket AND");
        browser.findElement(By.id("preview-topic")).click();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "position 9"));
        browser.findElement(By.id("topic-query")).clear();
        browser.findElement(By.id("topic-query")).sendKeys("basket (froze OR crashed) -test");
        browser.findElement(By.id("preview-topic")).click();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "The basket page froze on me"));
        assertThat(browser.findElement(By.id("preview")).getText()).contains("1 of the");
        browser.findElement(By.id("topic-name")).sendKeys("Basket " + run);
        browser.findElement(By.id("save-topic")).click();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status].notice"), "Listening for"));
        String topicUrl = browser.getCurrentUrl();

        // a quiet day, then a wave: 6 complaints a minute
        now = now.plus(Duration.ofHours(26));
        assertThat(http.post("/api/v1/clock", Map.of("now", now.toString()), ADMIN).status()).isEqualTo(200);
        for (int minute = 0; minute < 10; minute++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                batch.add(Map.of("channel", "twitter", "externalId", "w-" + run + "-" + minute + "-" + i, "direction", "inbound",
                        "author", Map.of("handle", "u" + minute + "x" + i + run), "createdAt", now.plusSeconds(i * 9L).toString(),
                        "text", "The basket crashed again at checkout, my voucher vanished, awful"));
            }
            assertThat(http.post("/api/v1/messages", batch, ADMIN).status()).isEqualTo(200);
            now = now.plus(Duration.ofMinutes(1));
            assertThat(http.post("/api/v1/clock", Map.of("now", now.toString()), ADMIN).status()).isEqualTo(200);
        }

        browser.get(topicUrl);
        assertThat(browser.findElement(By.id("spikes-heading")).getText()).isNotEqualTo("Spikes (0)");
        assertThat(browser.findElements(By.cssSelector("#topic-chart svg .mark"))).isNotEmpty();
        String spike = browser.findElement(By.cssSelector(".spike")).getText();
        assertThat(spike).contains("Basket " + run).containsAnyOf("voucher", "vanished", "checkout", "awful");
        assertThat(browser.findElements(By.cssSelector(".match-list li"))).hasSizeGreaterThanOrEqualTo(10);
        screenshot("topic");

        browser.findElement(By.cssSelector("a[href^='/topics']")).click();
        waiting(5).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".topic-list")));
        assertThat(browser.findElement(By.cssSelector(".topic-list")).getText()).contains("Basket " + run).contains("spike");
        screenshot("topics");
    }
}
