package io.earshot.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.earshot.Http;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Expensive reads are bounded: a statement past the query timeout is cancelled in PostgreSQL, every other
 * statement has the general timeout, and one agent's searches are limited without slowing anyone else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=expensive",
        "earshot.clock=manual",
        "earshot.admin-token=" + ExpensiveReadsTest.ADMIN,
        "earshot.http.query-timeout=300ms",
        "earshot.http.expensive-reads=3",
        "earshot.http.expensive-window=1h"})
class ExpensiveReadsTest {

    static final String ADMIN = "expensive-admin-token";

    @LocalServerPort
    int port;

    @Autowired
    ExpensiveReads expensive;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReadPastTheQueryTimeoutIsCancelledInTheDatabase() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> expensive.run(() -> jdbc.sql("select pg_sleep(5)").query().singleValue()))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("57014"));
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms until cancelled").isLessThan(3000);
        // the connection it ran on is back in the pool without the short timeout
        assertThat(jdbc.sql("show statement_timeout").query(String.class).single()).isEqualTo("1min");
    }

    @Test
    void oneAgentsSearchesAreLimitedOthersAreNot() {
        Http http = new Http(port);
        String busy = token(http, "busy");
        String other = token(http, "other");
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/api/v1/conversations?q=refund" + i, busy).status()).isEqualTo(200);
        }
        Http.Answer refused = http.get("/api/v1/conversations?q=refund", busy);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(429);
        assertThat(refused.body().path("error").path("code").asString()).isEqualTo("too_many_requests");
        assertThat(http.get("/api/v1/reports/summary", busy).status()).isEqualTo(429);
        // the inbox without a search is never limited, and another agent searches as usual
        assertThat(http.get("/api/v1/conversations", busy).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/conversations?q=refund", other).status()).isEqualTo(200);
        // HEAD reaches the same handlers, so it counts the same
        String header = token(http, "header");
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        int last = 0;
        for (int i = 0; i < 4; i++) {
            try {
                last = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/reports/summary"))
                        .header("Authorization", "Bearer " + header).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(last).isEqualTo(429);
    }

    private static String token(Http http, String name) {
        Http.Answer a = http.post("/api/v1/agents", Map.of("name", name, "email", name + System.nanoTime() + "@example.com",
                "role", "lead"), ADMIN);
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        return a.get("token").asString();
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s.getSQLState();
            }
        }
        return null;
    }
}
