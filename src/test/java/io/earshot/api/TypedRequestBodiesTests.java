package io.earshot.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, typed request bodies: every admin and management body is a record the OpenAPI document describes, and a
 * wrong field is a 400 in the error shape naming it, over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=typedbodies",
        "earshot.clock=manual",
        "earshot.admin-token=" + TypedRequestBodiesTests.ADMIN})
class TypedRequestBodiesTests {

    static final String ADMIN = "typed-bodies-admin-token";
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** Every operation whose body is a request record, as "METHOD path". */
    private static final List<String> TYPED = List.of(
            "post /api/v1/agents", "post /api/v1/agents/{id}/password", "post /api/v1/agents/{id}/team",
            "post /api/v1/canned-responses", "put /api/v1/canned-responses/{id}", "post /api/v1/conversations/{id}/tone-check",
            "post /api/v1/clock", "post /api/v1/conversations/{id}/commitments", "post /api/v1/conversations/{id}/replies",
            "post /api/v1/conversations/{id}/assign", "post /api/v1/conversations/{id}/status", "post /api/v1/customers/{id}/merge",
            "post /api/v1/sla-policies", "post /api/v1/teams", "put /api/v1/teams/{id}", "post /api/v1/topics",
            "post /api/v1/webhooks");

    @LocalServerPort
    int port;

    Http http;
    String run;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        run = "t" + System.nanoTime() + "-" + SEQ.incrementAndGet();
    }

    @Test
    void theOpenApiDocumentShowsTheSchemaOfEveryBody() {
        JsonNode doc = http.get("/v3/api-docs", null).body();
        for (String op : TYPED) {
            String[] parts = op.split(" ");
            JsonNode body = doc.path("paths").path(parts[1]).path(parts[0]).path("requestBody");
            JsonNode schema = body.path("content").path("application/json").path("schema");
            assertThat(body.path("required").asBoolean()).as(op + " " + body).isTrue();
            if (schema.has("$ref")) {
                schema = doc.path("components").path("schemas").path(schema.get("$ref").asString().replace("#/components/schemas/", ""));
            }
            assertThat(schema.path("type").asString()).as(op + " " + schema).isEqualTo("object");
            assertThat(schema.path("properties").size()).as(op + " " + schema).isPositive();
        }
        JsonNode team = schemaOf(doc, "post", "/api/v1/teams");
        assertThat(team.path("properties").path("name").path("maxLength").asInt()).isEqualTo(200);
        assertThat(team.path("properties").path("holidays").path("type").asString()).isEqualTo("array");
        JsonNode reply = schemaOf(doc, "post", "/api/v1/conversations/{id}/replies");
        assertThat(reply.path("properties").has("private")).as(reply.toString()).isTrue();
        assertThat(reply.path("properties").path("private").path("type").asString()).isEqualTo("boolean");
        JsonNode sla = schemaOf(doc, "post", "/api/v1/sla-policies");
        assertThat(sla.path("properties").path("position").path("maximum").asLong()).isEqualTo(1_000_000);
    }

    private static JsonNode schemaOf(JsonNode doc, String method, String path) {
        String ref = doc.path("paths").path(path).path(method).path("requestBody").path("content").path("application/json")
                .path("schema").path("$ref").asString();
        return doc.path("components").path("schemas").path(ref.replace("#/components/schemas/", ""));
    }

    @Test
    void aWrongTypeIsRefusedNamingTheField() {
        assertRefused(http.post("/api/v1/conversations/1/assign", Map.of("agentId", true), ADMIN),
                "agentId", "agentId must be an id (a string)");
        assertRefused(http.post("/api/v1/teams", Map.of("name", 5), ADMIN), "name", "name must be a string");
        assertRefused(http.post("/api/v1/teams", Map.of("name", "x" + run, "holidays", 5), ADMIN),
                "holidays", "holidays must be a list of strings");
        assertRefused(http.post("/api/v1/teams", Map.of("name", "x" + run, "holidays", List.of("2031-01-01", 7)), ADMIN),
                "holidays", "holidays must be a list of short, non-blank strings");
        assertRefused(http.post("/api/v1/conversations/1/replies", Map.of("text", "hi", "private", "yes"), ADMIN),
                "private", "private must be true or false");
        assertRefused(http.post("/api/v1/webhooks", Map.of("url", "https://example.com/h", "events", Map.of("a", 1), "secret", "s3cret-s3cret"), ADMIN),
                "events", "events must be a list of strings");
        for (Object position : List.of(1.5, "5", 1_000_001, List.of(1))) {
            assertRefused(http.post("/api/v1/sla-policies", Map.of("name", "p", "position", position, "firstResponse", "1h"), ADMIN),
                    "position", "position must be a whole number from -1000000 to 1000000");
        }
        assertRefused(http.postRaw("/api/v1/sla-policies", "{\"name\":\"p\",\"minFollowers\":99999999999999999999}", "application/json", ADMIN),
                "minFollowers", "minFollowers must be a whole number from 0 to 9223372036854775807");
    }

    @Test
    void aMissingBlankLongOrNulTextIsRefusedNamingTheField() {
        assertRefused(http.post("/api/v1/teams", Map.of(), ADMIN), "name", "name is required");
        assertRefused(http.post("/api/v1/topics", Map.of("name", " \t", "query", "x"), ADMIN), "name", "name must not be blank");
        assertRefused(http.post("/api/v1/topics", Map.of("name", "a\u0000b", "query", "x"), ADMIN),
                "name", "name must not contain the NUL character");
        assertRefused(http.post("/api/v1/clock", Map.of("now", "x".repeat(65)), ADMIN), "now", "now is longer than 64 characters");
        assertRefused(http.post("/api/v1/agents", Map.of("name", "Ann", "email", "nope"), ADMIN),
                "email", "email must be an address like name@example.com");
        // the first field at fault in the body's documented order, its most basic problem first
        assertRefused(http.post("/api/v1/sla-policies", Map.of("firstResponse", " "), ADMIN), "name", "name is required");
        Map<String, Object> bothWrong = new HashMap<>(Map.of("name", "p", "firstResponse", "1h"));
        bothWrong.put("updateCadence", " ".repeat(41));
        assertRefused(http.post("/api/v1/sla-policies", bothWrong, ADMIN), "updateCadence", "updateCadence must not be blank");
    }

    @Test
    void aBodyThatIsNotAnObjectIsUnreadable() {
        for (String body : List.of("[]", "\"name\"", "7", "null")) {
            Http.Answer a = http.postRaw("/api/v1/topics", body, "application/json", ADMIN);
            assertThat(a.status()).as(body + " " + a.raw()).isEqualTo(400);
            assertThat(a.get("error").get("code").asString()).as(a.raw()).isEqualTo("unreadable");
        }
    }

    @Test
    void unknownFieldsAreIgnoredAndIdsMayBeNumbers() {
        Http.Answer topic = http.post("/api/v1/topics", Map.of("name", "t" + run, "query", "late", "colour", "red"), ADMIN);
        assertThat(topic.status()).as(topic.raw()).isEqualTo(201);

        Http.Answer agent = http.post("/api/v1/agents", Map.of("name", "Lee", "email", run + "@example.com", "role", "lead"), ADMIN);
        assertThat(agent.status()).as(agent.raw()).isEqualTo(201);
        long agentId = Long.parseLong(agent.get("id").asString());
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("name", "Team " + run);
        create.put("holidays", "2031-12-25");
        create.put("leadId", agentId);
        Http.Answer team = http.post("/api/v1/teams", create, ADMIN);
        assertThat(team.status()).as(team.raw()).isEqualTo(201);
        assertThat(team.get("leadId").asString()).isEqualTo(Long.toString(agentId));
        assertThat(team.get("holidays").toString()).isEqualTo("[\"2031-12-25\"]");
        long teamId = Long.parseLong(team.get("id").asString());

        Http.Answer joined = http.post("/api/v1/agents/" + agentId + "/team", Map.of("teamId", teamId), ADMIN);
        assertThat(joined.status()).as(joined.raw()).isEqualTo(200);
        assertThat(joined.get("teamId").asString()).isEqualTo(Long.toString(teamId));
        Http.Answer noTeam = http.post("/api/v1/agents/" + agentId + "/team", Map.of("teamId", 987654321L), ADMIN);
        assertThat(noTeam.status()).as(noTeam.raw()).isEqualTo(404);
        assertThat(noTeam.get("error").get("field").asString()).isEqualTo("teamId");

        // left out, a team's lead and holidays stay; null clears them
        Http.Answer kept = http.put("/api/v1/teams/" + teamId, Map.of("hours", "mon-fri 08:00-16:00"), ADMIN);
        assertThat(kept.status()).as(kept.raw()).isEqualTo(200);
        assertThat(kept.get("leadId").asString()).isEqualTo(Long.toString(agentId));
        assertThat(kept.get("holidays").size()).isEqualTo(1);
        Http.Answer cleared = http.put("/api/v1/teams/" + teamId, "{\"leadId\": null, \"holidays\": null}", ADMIN);
        assertThat(cleared.status()).as(cleared.raw()).isEqualTo(200);
        assertThat(cleared.get("leadId").isNull()).as(cleared.raw()).isTrue();
        assertThat(cleared.get("holidays").size()).isZero();
    }

    private static void assertRefused(Http.Answer a, String field, String message) {
        assertThat(a.status()).as(a.raw()).isEqualTo(400);
        assertThat(a.get("error").get("code").asString()).as(a.raw()).isEqualTo("invalid");
        assertThat(a.get("error").get("field").asString()).as(a.raw()).isEqualTo(field);
        assertThat(a.get("error").get("message").asString()).as(a.raw()).isEqualTo(message);
    }
}
