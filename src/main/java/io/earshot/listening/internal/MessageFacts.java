package io.earshot.listening.internal;

import java.util.Set;

/** What a query can ask of a message: the literals found in its text and its channel, language and signals. */
public record MessageFacts(Set<String> literals, String channel, String language, String sentiment, String intent) {

    String field(String name) {
        return switch (name) {
            case "channel" -> channel;
            case "lang" -> language;
            case "sentiment" -> sentiment;
            case "intent" -> intent;
            default -> null;
        };
    }
}
