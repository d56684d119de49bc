package io.earshot.conversation;

import java.util.Optional;

/**
 * Conversations that go before every other in the priority order, whatever their own score: those of an incident in
 * crisis mode, say. Incidents provides it; ranking asks it for every conversation it ranks, so it must be cheap.
 */
public interface PriorityPins {

    /** Why this conversation is pinned ({@code crisis: <incident title>}), or empty when it is not. */
    Optional<String> pinned(long conversationId);
}
