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
        List<String> sentences = EnglishText.sentences(text);
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            if (Offers.afterRequest(sentences, i, EnglishText::asksCustomer) || EnglishText.isQuestion(sentence)) {
                continue;
            }
            EnglishTimes.Due before = null;
            for (EnglishClauses.Promise p : EnglishClauses.promises(EnglishText.normalise(sentence))) {
                EnglishTimes.Due due = EnglishTimes.earliest(p.clause(), saidAt, calendar);
                if (due == null && p.lead() != null) {
                    due = EnglishTimes.earliest(p.lead(), saidAt, calendar);
                }
                if (due == null && Offers.beforeRequest(sentences, i, p.kind(), EnglishText::asksCustomer)) {
                    continue; // a stated time is a commitment whatever follows; without one, it waits on the answer
                }
                if (due == null && before != null && EnglishTimes.refersBack(p.clause())) {
                    due = before; // "we'll refund it within 2 hours and I will update you by then"
                }
                if (due != null) {
                    before = due;
                }
                EnglishTimes.Cadence every = EnglishTimes.cadence(p.clause());
                if (every != null) {
                    // "every 2 hours until it's fixed": the first is due one cadence on, unless the clause names a time
                    FoundPromise first = due == null
                            ? new FoundPromise(p.kind(), sentence, saidAt.plus(every.period()), every.phrase(), null, every.period())
                            : new FoundPromise(p.kind(), sentence, due.at(), due.phrase(), due.doubt(), every.period());
                    byKind.merge(p.kind(), first, FoundPromise::firmer);
                    continue;
                }
                FoundPromise found = due == null ? new FoundPromise(p.kind(), sentence, byDefault, null, null)
                        : new FoundPromise(p.kind(), sentence, due.at(), due.phrase(), due.doubt());
                byKind.merge(p.kind(), found, FoundPromise::firmer);
            }
        }
        return new ArrayList<>(byKind.values());
    }

    @Override
    public boolean mayPromise(String text) {
        if (text == null || text.isBlank() || !EnglishClauses.mayHaveTrigger(text)) {
            return false;
        }
        List<String> sentences = EnglishText.sentences(text);
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            if (Offers.afterRequest(sentences, i, EnglishText::asksCustomer) || EnglishText.isQuestion(sentence)) {
                continue;
            }
            for (EnglishClauses.Promise p : EnglishClauses.promises(EnglishText.normalise(sentence))) {
                if (!Offers.beforeRequest(sentences, i, p.kind(), EnglishText::asksCustomer) || EnglishTimes.earliest(p.clause(), Instant.EPOCH, BusinessCalendar.DEFAULT) != null
                        || p.lead() != null && EnglishTimes.earliest(p.lead(), Instant.EPOCH, BusinessCalendar.DEFAULT) != null) {
                    return true;
                }
            }
        }
        return false;
    }
}
