package io.earshot.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sign-in through the real form (session cookie, CSRF token), from client addresses set by a proxy's
 * X-Forwarded-For: one address guessing one password on many accounts is stopped, others are not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=throttle",
        "earshot.clock=manual",
        "earshot.admin-token=" + SignInThrottleTest.ADMIN,
        "earshot.login-address-attempts=5",
        "earshot.login-address-window=15m",
        "server.forward-headers-strategy=framework"})
class SignInThrottleTest {

    static final String ADMIN = "throttle-admin-token";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    /** Signs in from {@code address}; answers where the form sent the browser. */
    String signIn(String address, String email, String password) throws Exception {
        return signIn(address, email, password, new CookieManager());
    }

    /** Signs in from {@code address} with a browser that keeps its cookies in {@code cookies}. */
    String signIn(String address, String email, String password, CookieManager cookies) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("X-Forwarded-For", address).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).as(form.body()).isTrue();
        String body = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("X-Forwarded-For", address).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    }

    @Test
    void oneAddressGuessingManyAccountsIsStoppedUntilItsWindowEnds() throws Exception {
        Http http = new Http(port);
        String email = "throttle-" + System.nanoTime() + "@example.com";
        Http.Answer agent = http.post("/api/v1/agents", Map.of("name", "Throttled", "email", email, "role", "agent",
                "password", "the right password"), ADMIN);
        assertThat(agent.status()).as(agent.raw()).isEqualTo(201);
        Instant now = Instant.parse(http.get("/api/v1/clock", ADMIN).get("now").asString());

        // one password tried on five accounts from one address: each a plain failure
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("203.0.113.7", "someone" + i + "@example.com", "Summer2026!")).endsWith("/login?error");
        }
        // the sixth attempt is refused before any password is checked, even the right one
        assertThat(signIn("203.0.113.7", email, "the right password")).endsWith("/login?throttled=15");
        // another address is not held up, and the account itself was never locked
        assertThat(signIn("198.51.100.4", email, "the right password")).endsWith("/inbox");

        // the page says why and how long, and shows only a number from the address bar
        HttpClient plain = HttpClient.newHttpClient();
        String page = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login?throttled=15")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("Too many failed sign-ins from your network. Try again in 15 minutes.");
        String crafted = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/login?throttled=" + URLEncoder.encode("<b>call 555</b>", StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(crafted).contains("Try again in a few minutes.").doesNotContain("call 555");

        // still refused just before the window ends, let in once it has
        http.post("/api/v1/clock", Map.of("now", now.plus(Duration.ofMinutes(14)).toString()), ADMIN);
        assertThat(signIn("203.0.113.7", email, "the right password")).endsWith("/login?throttled=1");
        http.post("/api/v1/clock", Map.of("now", now.plus(Duration.ofMinutes(15)).toString()), ADMIN);
        assertThat(signIn("203.0.113.7", email, "the right password")).endsWith("/inbox");
    }

    @Test
    void aBrowserThatSignedInBeforeIsNotLockedOutByAGuesserOnItsNetwork() throws Exception {
        Http http = new Http(port);
        String email = "office-" + System.nanoTime() + "@example.com";
        assertThat(http.post("/api/v1/agents", Map.of("name", "Office admin", "email", email, "role", "admin",
                "password", "the admin's password"), ADMIN).status()).isEqualTo(201);
        CookieManager adminsBrowser = new CookieManager();
        assertThat(signIn("192.0.2.50", email, "the admin's password", adminsBrowser)).endsWith("/inbox");
        assertThat(adminsBrowser.getCookieStore().getCookies()).anyMatch(c -> c.getName().equals("earshot_device") && c.isHttpOnly());

        // someone behind the same office address guesses one password on many accounts
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("192.0.2.50", "victim" + i + "@example.com", "Winter2026!")).endsWith("/login?error");
        }
        // a browser that never signed in here waits, even with the right password
        assertThat(signIn("192.0.2.50", email, "the admin's password")).endsWith("/login?throttled=15");
        // the admin's own browser is not locked out of the desk
        assertThat(signIn("192.0.2.50", email, "the admin's password", adminsBrowser)).endsWith("/inbox");
        // its device cookie is for the admin only: with it, other accounts from that address still wait
        assertThat(signIn("192.0.2.50", "victim1@example.com", "Winter2026!", adminsBrowser)).endsWith("/login?throttled=15");
    }
}
