package io.earshot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The dashboard in a real browser (Debian's Chromium, headless, as in {@link DeskBrowserTest}: the tests fail
 * without it unless {@code EARSHOT_BROWSER_TESTS=skip} is set on purpose). Demo traffic fills the desk; the test
 * adds an agent with a hostile name who replies and resolves, so every chart has something to draw.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.admin-token=" + DashboardBrowserTest.ADMIN,
        "earshot.admin-password=" + DashboardBrowserTest.ADMIN_PASSWORD,
        "earshot.demo.enabled=true", "earshot.demo.backlog=40", "earshot.demo.interval=1h", "earshot.demo.outage-every=1000h",
        "earshot.test.database=dashboard"})
class DashboardBrowserTest extends BrowserTests {

    static final String ADMIN = "dashboard-admin-token";
    static final String ADMIN_PASSWORD = "dashboard-admin-password";
    static final String HOSTILE = "=<script>x</script>";
    static final List<String> CHARTS = List.of("volume-channel", "volume-sentiment", "first-response", "resolution", "backlog", "agents");

    // ---- helpers --------------------------------------------------------------------------------------------

    /** An agent who can sign in; returns the answer (with the API token). */
    Http.Answer agent(String name, String email, String password) {
        Http.Answer a = http.post("/api/v1/agents", Map.of("name", name, "email", email, "role", "agent", "password", password), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a;
    }

    void signIn(String email, String password) {
        browser.get(url("/login"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("/inbox"));
    }

    String post(String handle, String channel, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", channel);
        m.put("externalId", run + "-" + SEQ.incrementAndGet());
        m.put("direction", "inbound");
        m.put("author", Map.of("handle", run + handle, "name", handle, "followers", 300));
        m.put("text", text);
        m.put("createdAt", Instant.now().toString());
        Http.Answer a = http.post("/api/v1/messages", m, ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return a.get("results").get(0).get("conversationId").asString();
    }

    Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    // ---- tests ----------------------------------------------------------------------------------------------

    @Test
    void theDashboardRendersItsChartsAndExportsCsv() throws Exception {
        // an agent with a hostile name answers and resolves two conversations, so every chart has data
        String token = agent(HOSTILE, run + "-h@example.com", "hostile name password").get("token").asString();
        for (String channel : List.of("chat", "facebook")) {
            String c = post("dash-" + channel, channel, "My order from last week never arrived, please help");
            Http.Answer reply = http.post("/api/v1/conversations/" + c + "/replies", Map.of("text", "Sorry! Looking into it now."), token);
            assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
            Http.Answer resolved = http.post("/api/v1/conversations/" + c + "/status", Map.of("status", "resolved"), token);
            assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);
        }
        String email = run + "@example.com";
        agent("Robin " + SEQ.incrementAndGet(), email, "dashboard password");
        signIn(email, "dashboard password");

        browser.get(url("/dashboard"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        assertThat(browser.findElement(By.cssSelector(".bar nav")).getText()).contains("Dashboard");
        assertCharts();
        // the headline figures are those of the reports API over the same (default) period
        Http.Answer summary = http.get("/api/v1/reports/summary", ADMIN);
        String conversations = browser.findElement(By.cssSelector("[data-kpi=conversations] .kpi-value")).getText();
        assertThat(conversations).isEqualTo(String.format(java.util.Locale.ROOT, "%,d", summary.get("conversations").asLong()));
        assertThat(summary.get("conversations").asLong()).isGreaterThan(0);
        assertThat(browser.findElement(By.cssSelector("[data-kpi=first-response] .kpi-value")).getText()).matches("\\d+(\\.\\d)?[smhd]");
        assertThat(browser.findElement(By.cssSelector("[data-kpi=first-response] .kpi-detail")).getText()).startsWith("p90 ");
        assertThat(browser.findElement(By.cssSelector("[data-kpi=resolution] .kpi-value")).getText()).matches("\\d+(\\.\\d)?[smhd]");
        assertThat(browser.findElement(By.cssSelector("[data-kpi=commitments] .kpi-detail")).getText()).contains("made").contains("kept")
                .contains("broken");
        assertThat(browser.findElements(By.cssSelector("[data-kpi=silent] .kpi-value"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("[data-kpi=csat] .kpi-value"))).hasSize(1);

        // the hostile name is text in the chart and in its table, never markup
        List<String> labels = browser.findElements(By.cssSelector("#agents svg text.label")).stream().map(WebElement::getText).toList();
        assertThat(labels).contains(HOSTILE);
        browser.findElement(By.cssSelector("#agents summary")).click();
        assertThat(browser.findElement(By.cssSelector("#agents table")).getText()).contains(HOSTILE);
        assertThat(browser.findElements(By.cssSelector("#agents svg script"))).isEmpty();

        // the CSV through the signed-in session
        WebElement link = browser.findElement(By.id("csv"));
        String href = link.getAttribute("href");
        assertThat(href).contains("/dashboard.csv?from=");
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session).as("the desk's session cookie").isNotNull();
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "JSESSIONID=" + session.getValue()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .matches("attachment; filename=earshot-report-\\d{8}T\\d{4}Z-\\d{8}T\\d{4}Z\\.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("metric,bucket,key,value");
        assertThat(lines.size()).isGreaterThan(30);
        assertThat(lines).anyMatch(l -> l.startsWith("summary,,conversations," + summary.get("conversations").asLong()));
        assertThat(lines).anyMatch(l -> l.startsWith("volume_by_channel,"));
        assertThat(lines).anyMatch(l -> l.startsWith("backlog_at_bucket_end,"));
        assertThat(lines).contains("replies,,'" + HOSTILE + ",2");
        assertThat(csv.body()).contains("\r\n");
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("the CSV needs a signed-in agent").isNotEqualTo(200);

        // by the hour over the last day: the picture for the README
        browser.get(url("/dashboard?last=24h"));
        assertCharts();
        assertThat(browser.findElement(By.cssSelector(".period")).getText()).contains("per hour");
        long height = ((Number) js("return document.documentElement.scrollHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(4000, height + 140)));
        screenshot("dashboard");
        assertThat(js("return window.__pwned === undefined;")).isEqualTo(true);
    }

    @Test
    void badDatesShowAMessageNotAnError() {
        String email = run + "@example.com";
        agent("Kim " + SEQ.incrementAndGet(), email, "bad dates password");
        signIn(email, "bad dates password");
        browser.get(url("/dashboard?from=yesterday&to=2026-13-45"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("must be a date").contains("last 7 days");
        assertThat(browser.findElements(By.cssSelector(".chart-card svg[role=img]"))).hasSize(CHARTS.size());
        browser.get(url("/dashboard?from=2026-05-08&to=2026-05-01"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("before");
        browser.get(url("/dashboard?from=2026-05-01&to=2026-05-03"));
        assertThat(browser.findElements(By.cssSelector("[role=alert]"))).isEmpty();
        assertThat(browser.findElement(By.id("from")).getAttribute("value")).isEqualTo("2026-05-01");
        assertThat(browser.findElement(By.id("to")).getAttribute("value")).isEqualTo("2026-05-03");
        assertThat(browser.findElement(By.cssSelector(".period")).getText()).contains("per hour");
        assertThat(browser.findElements(By.cssSelector(".chart-card svg[role=img]"))).hasSize(CHARTS.size());
    }

    @Test
    void theDashboardFitsANarrowScreen() throws Exception {
        String email = run + "@example.com";
        agent("Lee " + SEQ.incrementAndGet(), email, "narrow dashboard pw");
        signIn(email, "narrow dashboard pw");
        browser.manage().window().setSize(new Dimension(420, 800));
        browser.get(url("/dashboard"));
        assertThat(browser.findElements(By.cssSelector(".chart-card svg[role=img]"))).hasSize(CHARTS.size());
        browser.findElements(By.cssSelector(".chart-card summary")).forEach(WebElement::click); // open every table
        Object overflow = js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        assertThat(browser.findElements(By.cssSelector("link[href^='http'], script[src^='http']"))).as("nothing from the internet").isEmpty();
        screenshot("dashboard-narrow");
    }

    private void assertCharts() {
        for (String id : CHARTS) {
            WebElement svg = browser.findElement(By.cssSelector("#" + id + " svg[role=img]"));
            assertThat(svg.getAttribute("aria-label")).as(id).isNotBlank().doesNotContain("no data");
            assertThat(svg.findElements(By.cssSelector("rect.bar"))).as("bars in " + id).isNotEmpty();
            assertThat(svg.findElements(By.cssSelector(".legend rect"))).as("legend of " + id).isNotEmpty();
            assertThat(svg.findElements(By.cssSelector("text.axis-label"))).as("axis labels of " + id).isNotEmpty();
            assertThat(svg.getSize().getWidth()).as("width of " + id).isGreaterThan(200);
        }
    }
}
