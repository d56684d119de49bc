package io.earshot.classify.internal;

/**
 * Turns tokens into hashed features:
 * <ul>
 *   <li>word unigrams (a word inside a negation scope is a different feature: "good" vs "good" negated),
 *       hashtags also as their own feature, and word bigrams with sentence-boundary markers;</li>
 *   <li>character 2- to 5-grams over the normalised token string;</li>
 *   <li>indicator features: hand-lexicon polarity counts (negation flips polarity), polarity of the last
 *       polar word, emoticon/emoji polarity, all-caps words, elongated words, "!" and "?" counts, the
 *       last token, URL and mention presence, length bucket.</li>
 * </ul>
 * Word and character features are binary; each block is scaled to unit L2 norm, so long texts do not dominate.
 * (IDF weighting per bucket was tried and did not help on TweetEval val: 0.688 against 0.691.)
 * Hashes are 32 bits; each model keeps its own number of low bits. Thread-safe (no mutable state).
 */
public final class FeatureExtractor {
    /** Bumped whenever features change; model files record it and refuse to load on mismatch. */
    static final int FEATURE_VERSION = 1;

    private static final int SEED_UNI = 0x1234567;
    private static final int SEED_NEG = 0x7654321;
    private static final int SEED_TAG = 0x2468ace;
    private static final int SEED_BI = 0x13579bd;
    private static final int SEED_CHAR = 0x5a5a5a5;
    private static final int SEED_META = 0x3c3c3c3;
    private static final int MAX_CHAR_BUFFER = 4000;
    /** Indicator features are small so that, together, they weigh about as much as one n-gram block. */
    private static final float META_VALUE = 0.3f;

    private final Lexicon lexicon;

    public FeatureExtractor(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    private static void normalise(SparseVector v, int from) {
        double sum = 0;
        for (int i = from; i < v.size; i++) {
            sum += v.values[i] * v.values[i];
        }
        if (sum > 0) {
            v.scale(from, (float) (1.0 / Math.sqrt(sum)));
        }
    }

    public SparseVector extract(Tokens t) {
        int n = t.size;
        SparseVector v = new SparseVector(n * 3 + Math.min(MAX_CHAR_BUFFER, n * 8) * 4 + 32);

        // word block
        int[] tokenHash = new int[n];
        for (int i = 0; i < n; i++) {
            tokenHash[i] = hash(SEED_UNI, t.tokens[i]);
        }
        for (int i = 0; i < n; i++) {
            int h = tokenHash[i];
            int u = t.negated[i] ? mix(h ^ SEED_NEG) : h;
            v.add(u, 1f);
            if (t.kinds[i] == Tokens.HASHTAG) {
                int g = mix(h ^ SEED_TAG);
                v.add(g, 1f);
            }
        }
        int prev = SEED_BI; // sentence start
        for (int i = 0; i < n; i++) {
            int b = mix(prev * 0x9E3779B1 + tokenHash[i] + SEED_BI);
            v.add(b, 1f);
            prev = tokenHash[i];
        }
        int end = mix(prev * 0x9E3779B1 + SEED_BI + 1); // sentence end
        v.add(end, 1f);
        normalise(v, 0);

        // character block
        int charStart = v.size;
        char[] buf = charBuffer(t);
        int len = buf.length;
        for (int i = 0; i + 1 < len; i++) {
            int h = SEED_CHAR + buf[i];
            for (int k = 1; k < 5 && i + k < len; k++) {
                h = h * 0x01000193 + buf[i + k];
                int g = mix(h + k);
                v.add(g, 1f);
            }
        }
        normalise(v, charStart);

        // indicator block
        int pos = 0;
        int neg = 0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            if (t.kinds[i] != Tokens.WORD && t.kinds[i] != Tokens.HASHTAG) {
                continue;
            }
            int p = lexicon.polarity(t.tokens[i]);
            if (p == 0) {
                continue;
            }
            if (t.negated[i]) {
                p = -p;
            }
            if (p > 0) {
                pos += p;
            } else {
                neg -= p;
            }
            last = Integer.signum(p);
        }
        meta(v, 1, Math.min(pos, 4));
        meta(v, 2, Math.min(neg, 4));
        meta(v, 3, last);
        meta(v, 4, Math.max(-3, Math.min(3, pos - neg)));
        meta(v, 5, Math.min(t.emoPositive, 2));
        meta(v, 6, Math.min(t.emoNegative, 2));
        meta(v, 7, t.emoLast);
        meta(v, 8, Math.min(t.allCaps, 3));
        meta(v, 9, Math.min(t.elongated, 2));
        meta(v, 10, Math.min(t.exclamations, 3));
        meta(v, 11, Math.min(t.questions, 2));
        meta(v, 12, n == 0 ? 0 : lastKindCode(t, n - 1));
        meta(v, 13, Math.min(n / 6, 6));
        return v;
    }

    private static int lastKindCode(Tokens t, int i) {
        // skip trailing URLs, mentions and hashtags: what the author ended the sentence with
        while (i > 0 && (t.kinds[i] == Tokens.PLACEHOLDER || t.kinds[i] == Tokens.HASHTAG)) {
            i--;
        }
        String s = t.tokens[i];
        if (t.kinds[i] == Tokens.PUNCT) {
            return s.charAt(0) == '!' ? 1 : s.charAt(0) == '?' ? 2 : s.charAt(0) == '.' ? 3 : 4;
        }
        return t.kinds[i] == Tokens.EMOJI || t.kinds[i] == Tokens.EMOTICON ? 5 : 6;
    }

    private static void meta(SparseVector v, int feature, int value) {
        v.add(mix(SEED_META + feature * 0x9E3779B1 + value * 0x85ebca6b), META_VALUE);
    }

    private static char[] charBuffer(Tokens t) {
        StringBuilder sb = new StringBuilder(t.size * 6 + 2);
        sb.append(' ');
        for (int i = 0; i < t.size && sb.length() < MAX_CHAR_BUFFER; i++) {
            String s = t.tokens[i];
            if (t.kinds[i] == Tokens.PLACEHOLDER) {
                sb.append(s == Tokens.URL ? '\u0001' : s == Tokens.USER ? '\u0002' : '0');
            } else {
                if (t.kinds[i] == Tokens.HASHTAG) {
                    sb.append('#');
                }
                sb.append(s);
            }
            sb.append(' ');
        }
        char[] out = new char[sb.length()];
        sb.getChars(0, sb.length(), out, 0);
        return out;
    }

    /** Hash of a string with a seed; stable across JVMs (does not use String.hashCode's cache semantics). */
    static int hash(int seed, String s) {
        int h = seed;
        for (int i = 0, n = s.length(); i < n; i++) {
            h = h * 0x01000193 + s.charAt(i);
        }
        return mix(h);
    }

    /** Murmur3 finaliser. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static final int SENTIMENT_NEGATIVE = hash(SEED_META ^ 0x55aa55aa, "sentiment:negative");
    private static final int SENTIMENT_POSITIVE = hash(SEED_META ^ 0x55aa55aa, "sentiment:positive");

    /**
     * Stacks the sentiment model's output onto a feature vector for the complaint model: P(negative) and
     * P(positive) as two real-valued features. Used identically in training and at run time.
     */
    public static void appendSentiment(SparseVector v, double[] sentimentProbabilities) {
        v.add(SENTIMENT_NEGATIVE, (float) sentimentProbabilities[0]);
        v.add(SENTIMENT_POSITIVE, (float) sentimentProbabilities[2]);
    }
}
