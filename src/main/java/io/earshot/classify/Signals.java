package io.earshot.classify;

/**
 * What classification attaches to an inbound message's text.
 *
 * @param language ISO 639-1 code, or "und" when it cannot be told
 */
public record Signals(String language, Sentiment sentiment, Intent intent) {
}
