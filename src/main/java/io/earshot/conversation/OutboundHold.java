package io.earshot.conversation;

import java.util.Optional;

/**
 * Whether automatic messages to customers (satisfaction surveys) must wait now: during a crisis they would read as
 * tone-deaf. Incidents provides it. Messages an agent or a lead writes (replies, incident updates) never wait.
 */
public interface OutboundHold {

    /** Why automatic messages wait now ({@code crisis: <incident title>}), or empty when they may go. */
    Optional<String> held();
}
