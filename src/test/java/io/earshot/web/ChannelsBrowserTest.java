package io.earshot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code /admin/channels} in Chromium: an admin adds a webhook source through the form (a refusal is explained and the
 * typed settings stay), sees it with its health, checks its connection, changes it without retyping its secret,
 * pauses, resumes and deletes it; no secret is ever in the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.admin-token=" + ChannelsBrowserTest.ADMIN,
        "earshot.admin-password=" + ChannelsBrowserTest.ADMIN_PASSWORD,
        "earshot.secret-key=channels-browser-secret-key-32-chars-long",
        "earshot.channels.webhook.private-addresses=true",
        "earshot.test.database=channels_page"})
class ChannelsBrowserTest extends BrowserTests {

    static final String ADMIN = "channels-admin-token";
    static final String ADMIN_PASSWORD = "channels-admin-password";
    static final String SECRET = "form-typed-signing-secret-4711";

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    /** Waits for the notice saying {@code expected}: the page before the click may still show the previous one. */
    String notice(String expected) {
        return waiting(10).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("[role=status].notice"));
            return found.isEmpty() || !found.get(0).getText().contains(expected) ? null : found.get(0).getText();
        });
    }

    void assertNoSecretInThePage() {
        assertThat(browser.getPageSource()).doesNotContain(SECRET).doesNotContain("short-one");
    }

    int hook(String account, String text) throws Exception {
        String body = "{\"externalId\":\"" + run + "-" + text.hashCode() + "\",\"direction\":\"inbound\",\"author\":{\"handle\":\"ana-"
                + run + "\"},\"text\":\"" + text + "\",\"createdAt\":\"" + Instant.now().minusSeconds(1) + "\"}";
        return io.earshot.SignedPost.send(url(""), account, SECRET, run + "-" + text.hashCode(), body);
    }

    @Test
    void anAdminAddsAWebhookSourceSeesItsHealthChecksItPausesItAndNeverSeesItsSecret() throws Exception {
        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys("admin@earshot.local");
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waiting(10).until(ExpectedConditions.urlContains("/inbox"));
        browser.findElement(By.linkText("Admin")).click();
        waiting(5).until(ExpectedConditions.presenceOfElementLocated(By.id("channels-link"))).click();
        waiting(5).until(ExpectedConditions.urlContains("/admin/channels"));
        assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("c-kind"))).getOptions())
                .extracting(WebElement::getText).contains("chat", "email", "webhook");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("c-kind"))).selectByValue("webhook");
        browser.findElement(By.cssSelector(".kind-picker button")).click();
        waiting(5).until(ExpectedConditions.urlContains("kind=webhook"));
        assertThat(browser.findElement(By.cssSelector(".chosen-kind")).getText()).isEqualTo("webhook");
        assertThat(browser.findElement(By.id("c-secret")).getAttribute("type")).isEqualTo("password");

        // a secret too short: the refusal names it, the typed settings stay, the secret does not
        String name = "Shop " + run;
        browser.findElement(By.id("c-name")).sendKeys(name);
        browser.findElement(By.id("c-channel")).sendKeys("review");
        browser.findElement(By.id("c-replyUrl")).sendKeys("http://127.0.0.1:9/replies");
        browser.findElement(By.id("c-secret")).sendKeys("short-one");
        browser.findElement(By.id("save-account")).click();
        String problem = waiting(5).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]"))).getText();
        assertThat(problem).contains("secret").contains("16");
        assertThat(browser.findElement(By.id("c-name")).getAttribute("value")).isEqualTo(name);
        assertThat(browser.findElement(By.id("c-channel")).getAttribute("value")).isEqualTo("review");
        assertThat(browser.findElement(By.id("c-secret")).getAttribute("value")).isEmpty();
        assertNoSecretInThePage();

        browser.findElement(By.id("c-secret")).sendKeys(SECRET);
        browser.findElement(By.id("save-account")).click();
        assertThat(notice("Account " + name + " added")).isNotEmpty();
        assertNoSecretInThePage();
        WebElement row = browser.findElement(By.xpath("//tr[contains(@class,'account')][.//strong[text()='" + name + "']]"));
        String id = row.findElement(By.cssSelector(".id")).getText();
        assertThat(row.findElement(By.cssSelector(".kind")).getText()).isEqualTo("webhook");
        assertThat(row.findElement(By.cssSelector(".channel")).getText()).isEqualTo("review");
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("active");
        assertThat(row.findElement(By.cssSelector(".last-success")).getText()).isEqualTo("never");

        // a signed post shows on its health
        assertThat(hook(id, "Five stars, but the box was wet")).isEqualTo(200);
        browser.navigate().refresh();
        assertThat(browser.findElement(By.cssSelector("#account-" + id + " .last-success")).getText()).endsWith("UTC");

        // check connection answers in place
        browser.findElement(By.cssSelector("#account-" + id + " .check-button")).click();
        waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("check-" + id), "Works"));
        assertThat(browser.findElement(By.id("check-" + id)).getText()).contains("/api/v1/channel-accounts/" + id + "/inbound").contains("127.0.0.1");
        screenshot("admin-channels");
        assertNoSecretInThePage();

        // changing the account without typing the secret keeps it: a post signed with it still gets in
        browser.findElement(By.cssSelector("#account-" + id + " .edit-link")).click();
        waiting(5).until(ExpectedConditions.urlContains("edit=" + id));
        assertThat(browser.findElement(By.id("c-secret")).getAttribute("value")).isEmpty();
        assertThat(browser.findElement(By.id("c-secret")).getAttribute("placeholder")).contains("leave empty to keep");
        assertNoSecretInThePage();
        browser.findElement(By.id("c-name")).clear();
        browser.findElement(By.id("c-name")).sendKeys(name + " renamed");
        browser.findElement(By.id("save-account")).click();
        assertThat(notice(name + " renamed")).isNotEmpty();
        assertThat(hook(id, "Still signed with the kept secret")).isEqualTo(200);

        browser.findElement(By.cssSelector("#account-" + id + " .pause-button")).click();
        assertThat(notice("paused")).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#account-" + id + " .status")).getText()).isEqualTo("paused");
        assertThat(hook(id, "While paused")).isEqualTo(404);
        browser.findElement(By.cssSelector("#account-" + id + " .resume-button")).click();
        assertThat(notice("resumed")).isNotEmpty();

        browser.findElement(By.cssSelector("#account-" + id + " .delete-button")).click();
        browser.findElement(By.cssSelector("#account-" + id + " .delete-confirm")).click();
        assertThat(notice("deleted")).isNotEmpty();
        assertThat(browser.findElements(By.id("account-" + id))).isEmpty();
        assertNoSecretInThePage();
    }
}
