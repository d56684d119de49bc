package io.earshot.followup.internal;

import java.util.List;
import java.util.function.Predicate;

/**
 * When a promise waits on the customer, in any language: the sentence before it asks them for something ("Can you
 * DM us your email? We'll take a look."), or, for an untimed look-into or fix, the sentence after it does ("We'll
 * check this for you. Can you DM us the booking reference?"). A refund, a delivery or a call before a request
 * stands. {@code asks} is the language's test of "this sentence asks the customer to send or tell us something".
 */
final class Offers {

    private Offers() {
    }

    /** Whether sentence {@code i} comes right after one asking the customer for something. */
    static boolean afterRequest(List<String> sentences, int i, Predicate<String> asks) {
        return i > 0 && asks.test(sentences.get(i - 1));
    }

    /** Whether an untimed promise of {@code kind} in sentence {@code i} waits on the request in the next sentence. */
    static boolean beforeRequest(List<String> sentences, int i, String kind, Predicate<String> asks) {
        return (kind.equals(FoundPromise.UPDATE) || kind.equals(FoundPromise.FIX)) && i + 1 < sentences.size()
                && asks.test(sentences.get(i + 1));
    }
}
