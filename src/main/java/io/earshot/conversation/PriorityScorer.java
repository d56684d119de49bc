package io.earshot.conversation;

/** Turns what is known of a conversation into a priority. Routing provides it; it must be deterministic. */
public interface PriorityScorer {

    Priority score(PriorityInput input);
}
