package io.earshot.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every change a person makes is attributed: who, when, what; refusals and reads are not changes; bodies stay out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=audit",
        "earshot.clock=manual",
        "earshot.admin-token=" + AuditTrailTest.ADMIN})
class AuditTrailTest {

    static final String ADMIN = "audit-admin-token";

    @LocalServerPort
    int port;

    @Test
    void changesAreAttributedToWhoMadeThemAndOnlyAdminsReadTheTrail() {
        Http http = new Http(port);
        String run = Long.toString(System.nanoTime());
        Http.Answer lead = http.post("/api/v1/agents", Map.of("name", "Lead " + run, "email", "lead" + run + "@example.com",
                "role", "lead", "password", "a secret password " + run), ADMIN);
        assertThat(lead.status()).isEqualTo(201);
        String leadToken = lead.get("token").asString();
        Http.Answer agent = http.post("/api/v1/agents", Map.of("name", "Agent " + run, "email", "agent" + run + "@example.com",
                "role", "agent"), ADMIN);
        String agentToken = agent.get("token").asString();

        Http.Answer policy = http.post("/api/v1/sla-policies", Map.of("name", "Audit " + run, "firstResponse", "1h", "updateCadence", "2h", "resolution", "1d"), leadToken);
        assertThat(policy.status()).as(policy.raw()).isIn(200, 201);
        assertThat(http.post("/api/v1/teams", Map.of("name", "Refused " + run, "timeZone", "UTC"), agentToken).status()).isEqualTo(403);
        http.get("/api/v1/teams", agentToken);

        assertThat(http.get("/api/v1/audit", agentToken).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/audit", leadToken).status()).isEqualTo(403);
        Http.Answer trail = http.get("/api/v1/audit?limit=50", ADMIN);
        assertThat(trail.status()).as(trail.raw()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        for (JsonNode e : trail.get("items")) {
            rows.add(e.get("agentEmail").asString() + " " + e.get("method").asString() + " " + e.get("path").asString()
                    + " " + e.get("status").asInt());
        }
        assertThat(rows.get(0)).isEqualTo("lead" + run + "@example.com POST /api/v1/sla-policies " + policy.status());
        assertThat(rows).contains("admin@earshot.local POST /api/v1/agents 201");
        assertThat(rows).noneMatch(r -> r.contains("/api/v1/teams")); // refused and read: not changes
        assertThat(trail.raw()).doesNotContain("a secret password");
        // paged by cursor, newest first
        Http.Answer first = http.get("/api/v1/audit?limit=1", ADMIN);
        Http.Answer older = http.get("/api/v1/audit?limit=1&before=" + first.get("nextBefore").asString(), ADMIN);
        assertThat(Long.parseLong(older.get("items").get(0).get("id").asString()))
                .isLessThan(Long.parseLong(first.get("items").get(0).get("id").asString()));
    }
}
