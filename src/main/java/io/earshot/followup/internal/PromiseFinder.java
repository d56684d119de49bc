package io.earshot.followup.internal;

import io.earshot.followup.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Finds the promises (commitments) an agent makes in a reply, each with a due date. One implementation per
 * language, so that other languages can be added; implementations are pure and thread-safe.
 */
public interface PromiseFinder {

    /** ISO 639-1 code of the language this finder reads, e.g. "en". */
    String language();

    /**
     * The promises in {@code text}, said at {@code saidAt}; dates are read in {@code calendar}'s zone and business
     * days by it; a promise with no time, or "as soon as possible"/"shortly"/"soon", is due {@code soon} of
     * business time after saidAt (calendar.plusBusinessTime).
     */
    List<FoundPromise> find(String text, Instant saidAt, BusinessCalendar calendar, Duration soon);

    /**
     * Whether {@link #find} could find anything in {@code text}: the same reading, without working out dates. A
     * text answered false has no promise whatever the time and calendar.
     */
    boolean mayPromise(String text);
}
