package io.earshot.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The desk's routes, found from the application's own request mappings (every page and form but the live streams),
 * called as a signed-in admin with a valid CSRF token and generated hostile path variables and parameters: no
 * route answers 5xx or leaks an internal. Seeded; a sixth of {@code -Dearshot.fuzz.inputs} (2,000) within half of
 * {@code -Dearshot.fuzz.seconds} (75 s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=deskfuzz",
        "earshot.clock=manual",
        "earshot.admin-token=desk-fuzz-token",
        "earshot.admin-password=" + DeskFuzzTest.PASSWORD,
        "earshot.http.expensive-reads=100000",
        "earshot.login-address-attempts=100000"})
class DeskFuzzTest {

    static final String PASSWORD = "desk-fuzz-password";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern META_CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "org.postgresql", "tools.jackson", "springframework",
            "java.lang", "/work/", "Whitelabel");

    @LocalServerPort
    int port;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Route(String method, String pattern, List<String> params) {
    }

    @Test
    void everyDeskRouteAnswersHostileInputWithoutA5xx() throws Exception {
        long seed = Long.getLong("earshot.fuzz.seed", 20261202L);
        long seconds = Math.max(5, Long.getLong("earshot.fuzz.seconds", 150L) / 2);
        long inputs = Long.getLong("earshot.fuzz.inputs", 12_000L) / 6;
        Random random = new Random(seed);
        ApiFuzzTest.Corpus corpus = new ApiFuzzTest.Corpus(random);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        String csrf = signIn(browser);
        List<Route> routes = new ArrayList<>(routes());
        routes.sort(java.util.Comparator.comparing(Route::pattern).thenComparing(Route::method)); // the same order on every run
        assertThat(routes).as("desk routes").hasSizeGreaterThan(15);

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long tried = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (tried < inputs && System.nanoTime() < deadline && failures.size() < 20) {
            Route route = routes.get(random.nextInt(routes.size()));
            String path = route.pattern();
            Matcher vars = Pattern.compile("\\{([^}]+)}").matcher(route.pattern());
            while (vars.find()) {
                path = path.replace(vars.group(0), URLEncoder.encode(corpus.pathValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            }
            StringBuilder form = new StringBuilder();
            for (String p : route.params()) {
                if (random.nextInt(4) > 0) {
                    form.append(form.isEmpty() ? "" : "&").append(p).append('=').append(URLEncoder.encode(corpus.text(), StandardCharsets.UTF_8));
                }
            }
            HttpRequest.Builder b;
            if (route.method().equals("GET")) {
                b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + (form.isEmpty() ? "" : "?" + form))).GET();
            } else {
                form.append(form.isEmpty() ? "" : "&").append("_csrf=").append(URLEncoder.encode(csrf, StandardCharsets.UTF_8));
                b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
            }
            if (random.nextBoolean()) {
                b.header("HX-Request", "true");
            }
            b.header("Accept", "text/html");
            HttpResponse<String> r = browser.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            tried++;
            statuses.merge(r.statusCode(), 1, Integer::sum);
            String body = r.body() == null ? "" : r.body();
            String leak = LEAKS.stream().filter(body::contains).findFirst().orElse(null);
            if (r.statusCode() >= 500 || r.statusCode() >= 400 && leak != null) {
                failures.add(route.method() + " " + path + " " + abbreviate(form.toString()) + " -> " + r.statusCode() + " "
                        + (leak == null ? "" : "leaks '" + leak + "' ") + abbreviate(body));
            }
            if (r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").contains("/login")
                    && !route.pattern().equals("/login")) {
                csrf = signIn(browser); // a form may have signed us out (or the session was replaced): sign in again
            }
        }
        System.out.printf("desk fuzz (seed %d): %,d inputs to %d routes in %d s; statuses %s%n", seed, tried, routes.size(),
                (System.nanoTime() - deadline) / 1_000_000_000 + seconds, statuses);
        assertThat(failures).as("seed " + seed).isEmpty();
    }

    private List<Route> routes() {
        List<Route> out = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            if (info.getProducesCondition().getProducibleMediaTypes().contains(MediaType.TEXT_EVENT_STREAM)) {
                continue; // live streams stay open: not a request/answer route
            }
            List<String> params = new ArrayList<>();
            for (MethodParameter p : e.getValue().getMethodParameters()) {
                RequestParam rp = p.getParameterAnnotation(RequestParam.class);
                if (rp != null) {
                    String name = !rp.name().isEmpty() ? rp.name() : !rp.value().isEmpty() ? rp.value() : p.getParameterName();
                    if (name != null) {
                        params.add(name);
                    }
                }
            }
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api") || pattern.startsWith("/error") || pattern.startsWith("/v3") || pattern.startsWith("/swagger")
                        || pattern.equals("/logout")) {
                    continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                for (RequestMethod m : methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
                    out.add(new Route(m.name(), pattern, params));
                }
            }
        }
        return out;
    }

    private String signIn(HttpClient browser) throws Exception {
        // the fuzzer may have reset the admin's own password or locked the account through the admin page: set it back
        long admin = jdbc.sql("select id from agent where email = 'admin@earshot.local'").query(Long.class).single();
        HttpResponse<String> reset = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/agents/" + admin + "/password"))
                .header("Authorization", "Bearer desk-fuzz-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reset.statusCode()).as(reset.body()).isBetween(200, 204);
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(form.body());
        assertThat(token.find()).isTrue();
        String body = "email=admin%40earshot.local&password=" + PASSWORD + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> in = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(in.headers().firstValue("Location").orElse("")).endsWith("/inbox");
        HttpResponse<String> inbox = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/inbox")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher meta = META_CSRF.matcher(inbox.body());
        assertThat(meta.find()).as(inbox.body()).isTrue();
        return meta.group(1);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + " chars)" : s;
    }
}
