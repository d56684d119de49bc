package io.earshot.classify;

/**
 * Sentiment of a text.
 *
 * @param label negative, neutral or positive
 * @param score polarity from -1 (surely negative) to +1 (surely positive): P(positive) - P(negative)
 */
public record Sentiment(String label, double score) {
}
