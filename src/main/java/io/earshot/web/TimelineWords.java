package io.earshot.web;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A timeline entry's kind in the words the desk shows ("status_changed" is "Status changed"). */
@Component("timelineWords")
public class TimelineWords {

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("assigned", "Assigned"),
            Map.entry("commitment_kept", "Promise kept"),
            Map.entry("commitment_made", "Promise made"),
            Map.entry("conversation_opened", "Conversation opened"),
            Map.entry("crisis_started", "Crisis mode on"),
            Map.entry("crisis_ended", "Crisis mode off"),
            Map.entry("csat_answered", "Survey answered"),
            Map.entry("customers_merged", "Customers merged"),
            Map.entry("delivery_retried", "Delivery tried again"),
            Map.entry("incident_joined", "Added to an incident"),
            Map.entry("incident_left", "Taken out of an incident"),
            Map.entry("message_edited", "Message edited"),
            Map.entry("promises_unread", "Promises not read"),
            Map.entry("reopened", "Reopened"),
            Map.entry("reply_sent", "Reply sent"),
            Map.entry("status_changed", "Status changed"));

    /** The label for a timeline kind; a kind with no label of its own is shown with spaces and a capital. */
    public String label(String kind) {
        if (kind == null || kind.isBlank()) {
            return "";
        }
        String known = WORDS.get(kind);
        if (known != null) {
            return known;
        }
        String spaced = kind.replace('_', ' ');
        return spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
    }
}
