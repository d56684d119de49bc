package io.earshot.followup;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.Http;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A reaction to another feature's event survives its own failure: the survey follow-up sends when a conversation
 * is resolved fails while its table is away, the resolution stands, the publication stays in
 * {@code event_publication}, and the event-retry timer publishes it again later, which sends it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "earshot.test.database=reactions",
        "earshot.clock=manual",
        "earshot.admin-token=" + ReactionsSurviveFailureTest.ADMIN})
class ReactionsSurviveFailureTest {

    static final String ADMIN = "admin-reactions-token";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSurveyThatFailedIsSentWhenThePublicationIsRunAgain() {
        Http http = new Http(port);
        String now = http.get("/api/v1/clock", ADMIN).get("now").asString();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", "chat");
        m.put("externalId", "reaction-" + System.nanoTime());
        m.put("direction", "inbound");
        m.put("author", Map.of("handle", "rita" + System.nanoTime()));
        m.put("text", "How do I change my delivery address?");
        m.put("createdAt", now);
        String id = http.post("/api/v1/messages", m, ADMIN).get("results").get(0).get("conversationId").asString();
        long conversation = Long.parseLong(id);

        jdbc.execute("alter table csat rename to csat_away");
        Http.Answer resolved;
        try {
            resolved = http.post("/api/v1/conversations/" + id + "/status", Map.of("status", "resolved"), ADMIN);
        } finally {
            jdbc.execute("alter table csat_away rename to csat");
        }
        assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);
        assertThat(http.get("/api/v1/conversations/" + id, ADMIN).get("status").asString()).isEqualTo("resolved");
        assertThat(jdbc.queryForObject("select count(*) from csat where conversation_id = ?", Long.class, conversation)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from event_publication where completion_date is null "
                + "and listener_id like '%Surveys%' and serialized_event like ?", Long.class, "%" + id + "%")).isEqualTo(1);

        // the event-retry timer publishes it again once it is older than earshot.events.retry-after; a manual
        // clock looks once a day of its time
        Http.Answer moved = http.post("/api/v1/clock", Map.of("now", java.time.Instant.parse(now).plus(java.time.Duration.ofDays(2)).toString()), ADMIN);
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);

        assertThat(jdbc.queryForObject("select count(*) from csat where conversation_id = ?", Long.class, conversation)).isOne();
        assertThat(jdbc.queryForObject("select count(*) from event_publication where serialized_event like ?", Long.class,
                "%" + id + "%")).as("a publication that ran is deleted").isZero();
    }
}
