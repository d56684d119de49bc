package io.earshot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The follow-ups queue in Chromium, on the manual clock: an agent's promise falling due and another one broken are
 * listed with their customer; the drafted update of the broken one is sent in one click and reaches the conversation;
 * resolving a case with an open promise asks first; marking it kept from the Promises card lets it resolve.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.admin-token=" + FollowUpsBrowserTest.ADMIN, "earshot.clock=manual",
        "earshot.classify.detect-language=false", "earshot.test.database=follow_ups_page"})
class FollowUpsBrowserTest extends BrowserTests {

    static final String ADMIN = "follow-ups-admin-token";

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    void notice(String expected) {
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status].notice"), expected));
    }

    @Test
    void anAgentWorksTheirPromisesFromTheFollowUpsQueueAndTheCase() throws Exception {
        Http http = new Http(port);
        Instant now = Instant.parse(http.get("/api/v1/clock", ADMIN).get("now").asString());
        Http.Answer in = http.post("/api/v1/messages", Map.of("channel", "twitter", "externalId", "fu-" + run, "direction", "inbound",
                "author", Map.of("handle", "maya" + run, "name", "Maya " + run), "text", "Where is my refund and my replacement?",
                "createdAt", now.minusSeconds(60).toString()), ADMIN);
        assertThat(in.status()).as(in.raw()).isEqualTo(200);
        String conversation = in.get("results").get(0).get("conversationId").asString();
        String email = "dana-" + run + "@example.com";
        Http.Answer dana = http.post("/api/v1/agents", Map.of("name", "Dana " + run, "email", email, "role", "agent",
                "password", "follow ups password 1"), ADMIN);
        assertThat(dana.status()).as(dana.raw()).isEqualTo(201);
        String token = dana.get("token").asString();
        Http.Answer refund = http.post("/api/v1/conversations/" + conversation + "/commitments", Map.of(
                "text", "We will call you with the refund status", "dueAt", now.plus(Duration.ofMinutes(10)).toString()), token);
        assertThat(refund.status()).as(refund.raw()).isEqualTo(201);
        Http.Answer tracking = http.post("/api/v1/conversations/" + conversation + "/commitments", Map.of(
                "text", "We will send the tracking number", "dueAt", now.plus(Duration.ofMinutes(5)).toString()), token);
        assertThat(tracking.status()).as(tracking.raw()).isEqualTo(201);
        assertThat(http.post("/api/v1/clock", Map.of("now", now.plus(Duration.ofMinutes(9)).toString()), ADMIN).status()).isEqualTo(200);
        String refundId = refund.get("id").asString();
        String trackingId = tracking.get("id").asString();
        assertThat(http.get("/api/v1/commitments/" + trackingId, token).get("state").asString()).isEqualTo("broken");

        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("follow ups password 1");
        browser.findElement(By.id("sign-in")).click();
        waiting(10).until(ExpectedConditions.urlContains("/inbox"));
        browser.findElement(By.id("follow-ups-link")).click();
        waiting(5).until(ExpectedConditions.urlContains("/follow-ups"));

        assertThat(browser.findElement(By.id("due-heading")).getText()).isEqualTo("Falling due (1)");
        assertThat(browser.findElement(By.id("broken-heading")).getText()).isEqualTo("Broken (1)");
        WebElement falling = browser.findElement(By.id("promise-" + refundId));
        assertThat(falling.getText()).contains("Maya " + run, "We will call you with the refund status", "by Dana " + run);
        assertThat(falling.findElements(By.cssSelector("button.mark-kept"))).hasSize(1);
        WebElement broken = browser.findElement(By.id("promise-" + trackingId));
        assertThat(broken.findElements(By.cssSelector("button.mark-kept"))).as("a broken promise cannot be kept").isEmpty();
        String draft = broken.findElement(By.cssSelector(".draft")).getText().replace("Drafted update:", "").strip();
        assertThat(draft).isNotBlank();
        screenshot("follow-ups");

        // the broken promise's drafted update goes to the customer in one click
        broken.findElement(By.cssSelector("button.send-update")).click();
        notice("Update sent");
        JsonNode messages = http.get("/api/v1/conversations/" + conversation, token).body().get("messages");
        assertThat(messages.get(messages.size() - 1).get("text").asString()).isEqualTo(draft);
        assertThat(messages.get(messages.size() - 1).get("author").get("name").asString()).isEqualTo("Dana " + run);

        // resolving with an open promise asks first
        browser.findElement(By.cssSelector("#promise-" + refundId + " a.case")).click();
        waiting(5).until(ExpectedConditions.urlContains("/conversations/" + conversation));
        browser.findElement(By.id("resolve")).click();
        assertThat(waiting(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".confirm-resolve"))).getText())
                .contains("open promise").contains("We will call you with the refund status");
        assertThat(http.get("/api/v1/conversations/" + conversation, token).body().get("conversation") == null
                ? http.get("/api/v1/conversations/" + conversation, token).get("status").asString()
                : http.get("/api/v1/conversations/" + conversation, token).body().get("conversation").get("status").asString())
                .isNotEqualTo("resolved");

        // kept from the Promises card; the update sent made a promise of its own, so resolving still asks, naming it
        browser.findElement(By.cssSelector("#kept-" + refundId)).click();
        notice("Promise kept");
        assertThat(http.get("/api/v1/commitments/" + refundId, token).get("state").asString()).isEqualTo("kept");
        JsonNode stillOpen = http.get("/api/v1/commitments?state=open&conversationId=" + conversation, token).get("items");
        browser.findElement(By.id("resolve")).click();
        if (stillOpen.isEmpty()) {
            waiting(10).until(ExpectedConditions.presenceOfElementLocated(By.id("reopen")));
        } else {
            String asked = waiting(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".confirm-resolve"))).getText();
            assertThat(asked).contains(stillOpen.get(0).get("text").asString().substring(0, 20))
                    .doesNotContain("We will call you with the refund status");
            browser.findElement(By.id("resolve-anyway")).click();
            waiting(10).until(ExpectedConditions.presenceOfElementLocated(By.id("reopen")));
        }
        assertThat(browser.findElement(By.cssSelector("h1 .tag")).getText()).isEqualTo("resolved");

        browser.get(url("/follow-ups"));
        assertThat(browser.findElement(By.id("due-heading")).getText()).isEqualTo("Falling due (0)");
    }
}
