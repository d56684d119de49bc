package io.earshot.listening;

import java.time.Instant;
import java.util.List;

/**
 * A subject a team listens for, defined by a query (see PRODUCT.md: words, "phrases", #tags, @handles, fields,
 * NOT/AND/OR and parentheses); {@code terms} are the words and phrases that can make it match; {@code sensitivity}
 * (low, normal or high) is how readily a rise of its series is called a spike.
 */
public record Topic(String id, String name, String query, List<String> terms, String sensitivity, Instant createdAt) {
}
