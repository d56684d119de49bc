package io.earshot.classify;

import io.earshot.classify.internal.Lexicon;
import io.earshot.classify.internal.Tokens;
import io.earshot.classify.internal.TweetTokenizer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class TweetTokenizerTest {
    private final TweetTokenizer tokenizer = new TweetTokenizer(new Lexicon());

    @Test
    void normalisesUrlsMentionsNumbersHashtagsAndElongation() {
        Tokens t = tokenizer.tokenize("@Delta I'm SOOOO happy!!! http://t.co/x #LoveIt 42 :)", 1000);
        String[] tokens = Arrays.copyOf(t.tokens, t.size);
        assertArrayEquals(new String[] {"<user>", "im", "soo", "happy", "!!", "<url>", "loveit", "<num>", ":)"}, tokens);
        assertEquals(Tokens.HASHTAG, t.kinds[6]);
        assertEquals(1, t.allCaps);
        assertEquals(1, t.elongated);
        assertEquals(3, t.exclamations);
        assertEquals(1, t.emoPositive);
    }

    @Test
    void negationScopeEndsAtPunctuation() {
        Tokens t = tokenizer.tokenize("I don't like it, but ok", 1000);
        // i dont like it , but ok
        assertFalse(t.negated[1]);
        assertTrue(t.negated[2]);
        assertTrue(t.negated[3]);
        assertFalse(t.negated[5]);
    }
}
