package io.earshot.followup.internal;

import io.earshot.followup.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the promises in an English agent reply with hand-written rules (no model): the reply is split into
 * sentences, questions are skipped (and so is a sentence right after one asking the customer to send or tell us
 * something: that is an offer), quoted text is blanked, committing clauses are found ({@link EnglishClauses}),
 * their kinds named ({@link EnglishKinds}) and their time phrases read ({@link EnglishTimes}). A reply yields at
 * most one promise per kind: when several clauses promise the same kind, the one with an explicit time wins, and
 * of those the earliest. Rules, limits and measured quality: docs/models/commitments.md. Pure and thread-safe.
 */
public final class EnglishPromiseFinder implements PromiseFinder {

    public EnglishPromiseFinder() {
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public List<FoundPromise> find(String text, Instant saidAt, BusinessCalendar calendar, Duration soon) {
        Objects.requireNonNull(saidAt, "saidAt");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(soon, "soon");
        if (text == null || text.isBlank() || !EnglishClauses.mayHaveTrigger(text)) {
            return List.of();
        }
        Instant byDefault = calendar.plusBusinessTime(saidAt, soon);
        Map<String, FoundPromise> byKind = new LinkedHashMap<>();
        boolean afterRequest = false;
        for (String sentence : EnglishText.sentences(text)) {
            boolean offer = afterRequest;
            afterRequest = EnglishText.asksCustomer(sentence);
            if (offer || EnglishText.isQuestion(sentence)) {
                continue;
            }
            for (EnglishClauses.Promise p : EnglishClauses.promises(EnglishText.normalise(sentence))) {
                EnglishTimes.Due due = EnglishTimes.earliest(p.clause(), saidAt, calendar);
                if (due == null && p.lead() != null) {
                    due = EnglishTimes.earliest(p.lead(), saidAt, calendar);
                }
                FoundPromise found = due == null ? new FoundPromise(p.kind(), sentence, byDefault, null)
                        : new FoundPromise(p.kind(), sentence, due.at(), due.phrase());
                byKind.merge(p.kind(), found, EnglishPromiseFinder::firmer);
            }
        }
        return new ArrayList<>(byKind.values());
    }

    @Override
    public boolean mayPromise(String text) {
        if (text == null || text.isBlank() || !EnglishClauses.mayHaveTrigger(text)) {
            return false;
        }
        boolean afterRequest = false;
        for (String sentence : EnglishText.sentences(text)) {
            boolean offer = afterRequest;
            afterRequest = EnglishText.asksCustomer(sentence);
            if (!offer && !EnglishText.isQuestion(sentence) && !EnglishClauses.promises(EnglishText.normalise(sentence)).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Of two promises of one kind: the one with a stated time, and of two such the earlier. */
    private static FoundPromise firmer(FoundPromise a, FoundPromise b) {
        if (a.when() == null) {
            return b.when() == null ? a : b;
        }
        if (b.when() == null) {
            return a;
        }
        return b.dueAt().isBefore(a.dueAt()) ? b : a;
    }
}
