package io.earshot.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Something a person must see: {@code spike}, {@code sla_breach}, {@code commitment_due},
 * {@code commitment_broken} or {@code silent_customer}.
 *
 * @param severity   {@code info}, {@code warning}, {@code high} or {@code critical}
 * @param recipients ids of the agents it is addressed to (owner, assignee, their lead)
 */
public record Alert(String id, String kind, String severity, Instant firedAt, String conversationId, String topicId,
                    String commitmentId, List<String> recipients, Map<String, Object> details) {

    /** The kinds of alert, as the API names them. */
    public static final List<String> KINDS = List.of("spike", "sla_breach", "commitment_due", "commitment_broken", "silent_customer");
}
