package io.earshot.conversation;

/** Turns what is known of a conversation into a priority. Routing provides it; it must be deterministic. */
public interface PriorityScorer {

    Priority score(PriorityInput input);

    /**
     * How long the score stays as it is if nothing but time happens (it grows while the customer waits on us);
     * null when time alone will not change it.
     */
    default java.time.Duration stableFor(PriorityInput input) {
        return null;
    }
}
