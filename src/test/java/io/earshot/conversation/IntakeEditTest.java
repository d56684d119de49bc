package io.earshot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.ingest.IncomingMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link Intake#edit}: an author's edit at the source replaces the stored message's text and signals and is recorded in
 * the conversation's timeline, once; the same text again changes nothing; an edit of nothing stored is refused.
 */
@SpringBootTest(properties = {"earshot.test.database=intake_edit", "earshot.channels.enabled=false"})
class IntakeEditTest {

    @Autowired
    Intake intake;

    @Autowired
    JdbcTemplate jdbc;

    private static IncomingMessage post(String id, String text) {
        return new IncomingMessage("forum", id, true, new IncomingMessage.Author("kim", "Kim", null, null, null), text,
                Instant.parse("2026-03-01T10:00:00Z"), null, false, "https://forum.example.com/t/" + id);
    }

    @Test
    void anEditReplacesTheTextAndIsRecordedOnce() {
        String id = "edit-" + System.nanoTime();
        IntakeResult first = intake.accept(List.of(post(id, "Love the new player, works great"))).get(0);
        assertThat(first.status()).isEqualTo("created");

        IntakeResult edited = intake.edit(List.of(post(id, "EDIT: the new player freezes every song, awful"))).get(0);
        assertThat(edited.status()).isEqualTo("edited");
        assertThat(edited.messageId()).isEqualTo(first.messageId());

        Map<String, Object> row = jdbc.queryForMap("select body, sentiment_label from message where id = ?", first.messageId());
        assertThat(row.get("body")).isEqualTo("EDIT: the new player freezes every song, awful");
        assertThat(row.get("sentiment_label")).isEqualTo("negative");
        assertThat(jdbc.queryForObject("select count(*) from message where channel = 'forum' and external_id = ?", Long.class, id))
                .isEqualTo(1);

        IntakeResult again = intake.edit(List.of(post(id, "EDIT: the new player freezes every song, awful"))).get(0);
        assertThat(again.status()).isEqualTo("duplicate");
        List<String> edits = jdbc.queryForList("select details from conversation_event where conversation_id = ? "
                + "and kind = 'message_edited'", String.class, first.conversationId());
        assertThat(edits).hasSize(1);
        assertThat(edits.get(0)).contains("Love the new player");
    }

    @Test
    void anEditOfNothingStoredIsRefusedAndStoresNothing() {
        String id = "missing-" + System.nanoTime();
        IntakeResult r = intake.edit(List.of(post(id, "never stored"))).get(0);
        assertThat(r.status()).isEqualTo("rejected");
        assertThat(r.field()).isEqualTo("externalId");
        assertThat(jdbc.queryForObject("select count(*) from message where external_id = ?", Long.class, id)).isZero();
    }
}
