package io.earshot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The desk in a real browser: Debian's Chromium, headless, driven by Selenium. The browser must be there
 * ({@code apt-get install chromium chromium-driver}); the tests fail without it, unless
 * {@code EARSHOT_BROWSER_TESTS=skip} is set on purpose. Screenshots go to {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.admin-token=" + DeskBrowserTest.ADMIN,
        "earshot.admin-password=" + DeskBrowserTest.ADMIN_PASSWORD,
        "earshot.login-attempts=3",
        "earshot.demo.enabled=true", "earshot.demo.backlog=40", "earshot.demo.interval=1h", "earshot.demo.outage-every=1000h",
        "earshot.test.database=desk"})
class DeskBrowserTest extends BrowserTests {

    static final String ADMIN = "desk-admin-token";
    static final String ADMIN_PASSWORD = "desk-admin-password";

    // ---- helpers --------------------------------------------------------------------------------------------

    /** An agent who can sign in; returns the email. */
    String agent(String password) {
        String email = run + "@example.com";
        String name = "Dana " + SEQ.incrementAndGet();
        Http.Answer a = http.post("/api/v1/agents", Map.of("name", name, "email", email, "role", "agent",
                "password", password), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        lastAgentId = a.get("id").asString();
        lastAgentName = name;
        return email;
    }

    String lastAgentId;
    String lastAgentName;

    void signIn(String email, String password) {
        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        waiting(10).until(d -> !d.getCurrentUrl().endsWith("/login")); // the sign-in has been answered
    }

    String post(String handle, String text) {
        return postNamed(handle, handle, text);
    }

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    // ---- tests ----------------------------------------------------------------------------------------------

    @Test
    void signingInNeedsTheRightPasswordAndLocksAfterRepeatedFailures() {
        String email = agent("correct horse battery");
        browser.get(url("/inbox"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        signIn(email, "wrong password!!");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("Wrong email or password");
        signIn(email, "correct horse battery");
        waiting(5).until(ExpectedConditions.urlContains("/inbox"));
        assertThat(browser.findElement(By.cssSelector(".bar .who")).getText()).contains("agent");
        browser.findElement(By.cssSelector(".bar form button")).click(); // sign out (a POST with its CSRF token)
        waiting(5).until(ExpectedConditions.urlContains("/login"));

        for (int i = 0; i < 3; i++) {
            signIn(email, "wrong again " + i);
        }
        signIn(email, "correct horse battery");
        assertThat(browser.getCurrentUrl()).as("locked: even the right password is refused").endsWith("/login?error");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("locked for a while");
        Http.Answer reset = http.post("/api/v1/agents/" + lastAgentId + "/password", Map.of("password", "a new long password"), ADMIN);
        assertThat(reset.status()).as(reset.raw()).isEqualTo(204);
        signIn(email, "a new long password");
        waiting(5).until(ExpectedConditions.urlContains("/inbox"));

        // a reset ends the sessions signed in with the old password
        assertThat(http.post("/api/v1/agents/" + lastAgentId + "/password", Map.of("password", "yet another password"), ADMIN).status())
                .isEqualTo(204);
        browser.get(url("/inbox"));
        assertThat(browser.getCurrentUrl()).contains("/login");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("session ended");
    }

    @Test
    void aMessagePostedToTheApiAppearsLiveInAnOpenInbox() throws Exception {
        String email = agent("live inbox password");
        post("early", "First: where is my parcel?");
        signIn(email, "live inbox password");
        waiting(5).until(ExpectedConditions.urlContains("/inbox"));
        waiting(5).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rows tr.row")));
        ((JavascriptExecutor) browser).executeScript("window.__stillHere = 42;");
        browser.findElement(By.tagName("body")).sendKeys("j"); // select the first row; it must stay selected
        String selected = browser.findElement(By.cssSelector("#rows tr.selected")).getAttribute("data-id");
        Thread.sleep(500); // the event stream connects
        String text = "Live " + run + ": the app is down and I cannot pay my bill";
        post("live", text);
        waiting(5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("rows"), text));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__stillHere;")).as("no reload").isEqualTo(42L);
        assertThat(browser.findElement(By.cssSelector("#rows tr.selected")).getAttribute("data-id")).isEqualTo(selected);
        screenshot("inbox");
    }

    @Test
    void openingAConversationAndReplyingTracksThePromise() throws Exception {
        String email = agent("reply password 123");
        String conversation = post("replier", "My refund has not arrived after two weeks. Very disappointed.");
        signIn(email, "reply password 123");
        browser.get(url("/conversations/" + conversation));
        browser.findElement(By.id("take")).click();
        WebElement reply = waiting(5).until(ExpectedConditions.elementToBeClickable(By.id("reply")));
        reply.sendKeys("Sorry about the wait, replier! I'll check with billing and get back to you within 2 hours.");
        browser.findElement(By.id("send")).click();
        assertThat(Chromium.says(browser, 5, By.cssSelector("[role=status]"), "Promises tracked: 1")).contains("Reply sent");
        List<WebElement> outbound = browser.findElements(By.cssSelector(".message.outbound .text"));
        assertThat(outbound).extracting(WebElement::getText).anyMatch(t -> t.contains("within 2 hours"));
        assertThat(browser.findElement(By.cssSelector(".promises")).getText()).contains("open").contains("update");
        assertThat(browser.findElement(By.cssSelector(".side")).getText()).contains("Assigned to Dana");
        // the timeline speaks words, not codes
        assertThat(browser.findElements(By.cssSelector(".events .event-kind"))).extracting(e -> e.getAttribute("textContent"))
                .contains("Reply sent", "Assigned").noneMatch(k -> k.contains("_"));
        screenshot("conversation");
        browser.findElement(By.tagName("body")).sendKeys("?");
        assertThat(browser.findElement(By.id("help")).isDisplayed()).isTrue();
        browser.findElement(By.tagName("body")).sendKeys("e"); // e resolves; with the promise open, it asks first
        Chromium.says(browser, 5, By.cssSelector(".confirm-resolve"), "within 2 hours");
        browser.findElement(By.id("resolve-anyway")).click();
        waiting(5).until(ExpectedConditions.presenceOfElementLocated(By.id("reopen")));
        browser.get(url("/conversations/999999999"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Nothing here");
    }

    @Test
    void aHostileMessageIsShownAsText() {
        String email = agent("hostile password!");
        String hostile = "<script>window.__pwned = 1</script><b>bold</b> <img src=x onerror=\"window.__pwned=2\">";
        String conversation = post("mallory", hostile);
        signIn(email, "hostile password!");
        browser.get(url("/conversations/" + conversation));
        WebElement text = browser.findElement(By.cssSelector(".message.inbound .text"));
        assertThat(text.getText()).isEqualTo(hostile);
        assertThat(text.findElements(By.tagName("b"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined;")).isEqualTo(true);
        browser.get(url("/inbox"));
        assertThat(browser.findElement(By.id("rows")).getText()).contains("<script>");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined;")).isEqualTo(true);
    }

    @Test
    void theInboxFitsANarrowScreen() {
        String email = agent("narrow password!");
        post("narrow", "Checking the layout on a phone");
        signIn(email, "narrow password!");
        browser.manage().window().setSize(new Dimension(420, 800));
        browser.get(url("/inbox"));
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        assertThat(browser.findElements(By.cssSelector("link[href^='http'], script[src^='http']"))).as("nothing from the internet").isEmpty();
    }

    String canned(String title, String body) {
        Http.Answer a = http.post("/api/v1/canned-responses", Map.of("title", title, "body", body), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.get("id").asString();
    }

    String postNamed(String handle, String name, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", "twitter");
        m.put("externalId", run + "-" + SEQ.incrementAndGet());
        m.put("direction", "inbound");
        m.put("author", Map.of("handle", run + handle, "name", name, "followers", 1200));
        m.put("text", text);
        m.put("createdAt", Instant.now().toString());
        Http.Answer a = http.post("/api/v1/messages", m, ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return a.get("results").get(0).get("conversationId").asString();
    }

    void pickCanned(WebDriver in, String id) {
        new org.openqa.selenium.support.ui.Select(in.findElement(By.id("canned-pick"))).selectByValue(id);
        new WebDriverWait(in, Duration.ofSeconds(5)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            String v = d.findElement(By.id("reply")).getAttribute("value");
            return v != null && !v.isBlank();
        });
    }

    @Test
    void aCannedResponseFillsInTheCustomerAndAnEditedReplyGoesOut() {
        String id = canned("Looking into it " + run, "Hi {{customer.firstName}}, sorry about this! I'll look into it and get back "
                + "to you within 24 hours. {{agent.firstName}}");
        String email = agent("canned password 1");
        String conversation = postNamed("erin", "Erin Walsh", "My internet keeps dropping every evening, really annoying.");
        signIn(email, "canned password 1");
        browser.get(url("/conversations/" + conversation));
        pickCanned(browser, id);
        WebElement reply = browser.findElement(By.id("reply"));
        assertThat(reply.getAttribute("value")).startsWith("Hi Erin, sorry about this!").endsWith("Dana");
        reply.sendKeys(" Which router model do you have?");
        browser.findElement(By.id("send")).click();
        Chromium.says(browser, 5, By.cssSelector("[role=status]"), "Promises tracked: 1");
        assertThat(browser.findElements(By.cssSelector(".message.outbound .text"))).extracting(WebElement::getText)
                .anyMatch(t -> t.startsWith("Hi Erin") && t.endsWith("router model do you have?"));
    }

    @Test
    void aBareCannedReplyToAComplaintIsQuestionedBeforeItGoes() {
        String id = canned("Ask for DM " + run, "Thanks for reaching out. Please send us a DM with your order number.");
        String email = agent("tone password 12");
        String conversation = postNamed("fred", "Fred Olsen", "Worst service ever. My order is three weeks late and nobody answers.");
        signIn(email, "tone password 12");
        browser.get(url("/conversations/" + conversation));
        pickCanned(browser, id);
        browser.findElement(By.id("send")).click();
        WebElement warnings = waiting(5).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".warnings")));
        assertThat(warnings.findElements(By.cssSelector("li"))).extracting(e -> e.getAttribute("data-code"))
                .contains("no_acknowledgement", "canned_unchanged", "no_name");
        assertThat(warnings.getText()).contains("no apology or acknowledgement").contains("canned response sent unchanged");
        assertThat(browser.findElements(By.cssSelector(".message.outbound"))).as("nothing sent yet").isEmpty();
        browser.findElement(By.id("send-anyway")).click();
        waiting(5).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".message.outbound")));
        Chromium.says(browser, 5, By.cssSelector("[role=status]"), "Reply sent");
    }

    @Test
    void twoAgentsOnOneConversationSeeEachOtherAndAReplyOnTopOfAnotherAsksFirst() throws Exception {
        String first = agent("first agent pass");
        String firstName = lastAgentName;
        run = run + "b";
        String second = agent("second agent pass");
        String secondName = lastAgentName;
        String conversation = postNamed("gina", "Gina Ruiz", "Is the store open on Sunday?");
        WebDriver other = Chromium.open();
        try {
            signIn(first, "first agent pass");
            browser.get(url("/conversations/" + conversation));
            other.get(url("/login"));
            other.findElement(By.id("email")).sendKeys(second);
            other.findElement(By.id("password")).sendKeys("second agent pass");
            other.findElement(By.id("sign-in")).click();
            new WebDriverWait(other, Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("/inbox"));
            other.get(url("/conversations/" + conversation));
            waiting(5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"), secondName));
            new WebDriverWait(other, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"), firstName));
            other.findElement(By.id("reply")).sendKeys("Hi Gina");
            waiting(5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("presence"), secondName + " (typing…)"));
            screenshot("collision");

            other.findElement(By.id("reply")).sendKeys(", yes, 10:00 to 16:00 on Sundays.");
            other.findElement(By.id("send")).click();
            new WebDriverWait(other, Duration.ofSeconds(5)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status]")));

            browser.findElement(By.id("reply")).sendKeys("Hi Gina, yes we are open on Sundays from 10:00.");
            browser.findElement(By.id("send")).click();
            WebElement warnings = waiting(5).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".warnings")));
            assertThat(warnings.getText()).contains(secondName + " replied since you opened this");
            assertThat(browser.findElements(By.cssSelector(".message.outbound"))).hasSize(1);
        } finally {
            other.quit();
        }
    }


    @Test
    void anAdminCreatesAnAgentWhoCanThenSignInAndAnAgentCannotAdminister() {
        signIn("admin@earshot.local", ADMIN_PASSWORD);
        waiting(5).until(ExpectedConditions.urlContains("/inbox"));
        browser.findElement(By.linkText("Admin")).click();
        waiting(5).until(ExpectedConditions.urlContains("/admin"));
        browser.findElement(By.id("t-name")).sendKeys("Night shift " + run);
        browser.findElement(By.id("t-zone")).clear();
        browser.findElement(By.id("t-zone")).sendKeys("Asia/Tokyo");
        browser.findElement(By.cssSelector("#new-team button")).click();
        Chromium.says(browser, 5, By.cssSelector("[role=status]"), "Night shift " + run);
        String email = run + "-new@example.com";
        browser.findElement(By.id("a-name")).sendKeys("Noor <b>New</b>");
        browser.findElement(By.id("a-email")).sendKeys(email);
        browser.findElement(By.id("a-password")).sendKeys("brand new password");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("a-team"))).selectByVisibleText("Night shift " + run);
        browser.findElement(By.cssSelector("#new-agent button")).click();
        Chromium.says(browser, 5, By.cssSelector("[role=status]"), "Agent Noor <b>New</b> created");
        // the new agent's token, shown once beside a copy button, is theirs
        String shownToken = browser.findElement(By.id("shown-token")).getAttribute("value");
        assertThat(http.get("/api/v1/conversations?limit=1", shownToken).status()).isEqualTo(200);
        ((org.openqa.selenium.chromium.HasPermissions) browser).setPermission("clipboard-read", "granted");
        ((org.openqa.selenium.chromium.HasPermissions) browser).setPermission("clipboard-write", "granted");
        browser.findElement(By.id("copy-token")).click();
        Chromium.says(browser, 5, By.id("copy-token"), "Copied");
        Object pasted = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, function (e) { done('failed: ' + e); });");
        assertThat(pasted).isEqualTo(shownToken);
        browser.findElement(By.cssSelector(".bar form button")).click();
        signIn(email, "brand new password");
        waiting(5).until(ExpectedConditions.urlContains("/inbox"));
        assertThat(browser.findElement(By.cssSelector(".bar .who")).getText()).contains("Noor <b>New</b>");
        assertThat(browser.findElements(By.linkText("Admin"))).isEmpty();
        browser.get(url("/admin"));
        assertThat(browser.findElements(By.id("new-agent"))).as("an agent may not administer").isEmpty();
    }

    @Test
    void aLeadKeepsTheCannedResponsesAndAssignsAConversationToAnAgent() {
        String agentEmail = agent("assigned agent pw");
        String agentName = lastAgentName;
        run = run + "l";
        String email = run + "@example.com";
        Http.Answer lead = http.post("/api/v1/agents", Map.of("name", "Lena Lead", "email", email, "role", "lead",
                "password", "lead password 1"), ADMIN);
        assertThat(lead.status()).as(lead.raw()).isEqualTo(201);
        signIn(email, "lead password 1");
        browser.findElement(By.linkText("Canned")).click();
        browser.findElement(By.id("c-title")).sendKeys("Outage apology " + run);
        browser.findElement(By.id("c-body")).sendKeys("Sorry {{customer.firstName}}, we know about the outage and are on it.");
        browser.findElement(By.cssSelector("#new-canned button")).click();
        Chromium.says(browser, 5, By.cssSelector("[role=status]"), "added");
        browser.findElement(By.id("c-title")).sendKeys("Bad one");
        browser.findElement(By.id("c-body")).sendKeys("Hi {{customer.shoeSize}}");
        browser.findElement(By.cssSelector("#new-canned button")).click();
        Chromium.says(browser, 5, By.cssSelector("[role=alert]"), "unknown placeholder {{customer.shoeSize}}");

        String conversation = postNamed("hal", "Hal Berg", "No signal at all since this morning");
        browser.get(url("/conversations/" + conversation));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("assign-to"))).selectByVisibleText(agentName);
        browser.findElement(By.id("assign")).click();
        waiting(5).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".side"), "Assigned to " + agentName));
        assertThat(browser.findElements(By.id("merge-other"))).as("leads may merge customers").hasSize(1);
        assertThat(agentEmail).isNotBlank();
    }
}
