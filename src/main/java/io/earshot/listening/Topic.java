package io.earshot.listening;

import java.time.Instant;
import java.util.List;

/**
 * A tracked subject defined by a query: alternatives separated by {@code OR} (or commas), each a word or a phrase
 * (quotes optional); a message is about the topic when its text contains any of them, in any case.
 */
public record Topic(String id, String name, String query, List<String> terms, Instant createdAt) {
}
