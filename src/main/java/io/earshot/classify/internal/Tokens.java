package io.earshot.classify.internal;

/**
 * A tokenised, normalised text. Tokens are lower case; URLs, mentions and numbers are placeholders;
 * words inside a negation scope are flagged; a few surface counts are kept for features and rules.
 */
public final class Tokens {
    static final byte WORD = 0;
    static final byte PUNCT = 1;
    static final byte EMOJI = 2;
    static final byte EMOTICON = 3;
    static final byte PLACEHOLDER = 4;
    public static final byte HASHTAG = 5;

    static final String URL = "<url>";
    static final String USER = "<user>";
    static final String NUMBER = "<num>";

    public final String[] tokens;
    public final byte[] kinds;
    public final boolean[] negated;
    public final int size;
    /** Words written in capitals (two letters or more). */
    public final int allCaps;
    /** Words with a letter repeated three times or more ("soooo"). */
    public final int elongated;
    public final int exclamations;
    final int questions;
    /** Polarity counts of emoticons and emoji (hand list). */
    public final int emoPositive;
    final int emoNegative;
    /** Polarity of the last emoticon/emoji: -1, 0 or +1. */
    final int emoLast;

    Tokens(String[] tokens, byte[] kinds, boolean[] negated, int size, int allCaps, int elongated,
           int exclamations, int questions, int emoPositive, int emoNegative, int emoLast) {
        this.tokens = tokens;
        this.kinds = kinds;
        this.negated = negated;
        this.size = size;
        this.allCaps = allCaps;
        this.elongated = elongated;
        this.exclamations = exclamations;
        this.questions = questions;
        this.emoPositive = emoPositive;
        this.emoNegative = emoNegative;
        this.emoLast = emoLast;
    }

    String token(int i) {
        return tokens[i];
    }

    byte kind(int i) {
        return kinds[i];
    }

    boolean isWord(int i) {
        return kinds[i] == WORD || kinds[i] == HASHTAG;
    }
}
