package io.earshot.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignalClassifierTest {
    private static SignalClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = SignalClassifier.withDefaults();
    }

    @Test
    void hatredIsANegativeComplaint() {
        Signals s = classifier.classify("I hate this, worst service ever");
        assertEquals("negative", s.sentiment().label());
        assertTrue(s.sentiment().score() < -0.5, "score " + s.sentiment().score());
        assertEquals(Intent.COMPLAINT, s.intent());
        assertEquals("en", s.language());
    }

    @Test
    void thanksArePositivePraise() {
        Signals s = classifier.classify("thank you so much, you guys are awesome");
        assertEquals("positive", s.sentiment().label());
        assertTrue(s.sentiment().score() > 0.5);
        assertEquals(Intent.PRAISE, s.intent());
    }

    @Test
    void loginTroubleIsAnOutage() {
        assertEquals(Intent.OUTAGE, classifier.classify("is the app down? can't log in since this morning").intent());
        assertEquals(Intent.OUTAGE, classifier.classify("@Spotify the app keeps crashing on my phone").intent());
    }

    @Test
    void howToIsAQuestion() {
        assertEquals(Intent.QUESTION, classifier.classify("how do I change my address?").intent());
    }

    @Test
    void pleaseIsARequest() {
        assertEquals(Intent.REQUEST, classifier.classify("please send me a new card").intent());
    }

    @Test
    void negatedOutageWordsAreNotAnOutage() {
        assertTrue(classifier.classify("love the new update, no crashes at all!").intent() != Intent.OUTAGE);
    }

    @Test
    void detectsSpanishAndFrench() {
        assertEquals("es", classifier.classify("Hola, no puedo entrar en mi cuenta desde ayer, ¿qué pasa?").language());
        assertEquals("fr", classifier.classify("Bonjour, mon colis n'est jamais arrivé et personne ne répond").language());
    }

    @Test
    void tooShortOrUnconfiguredLanguageIsUndetermined() {
        assertEquals("und", classifier.classify("ok").language());
        assertEquals("und", classifier.classify("@brand https://t.co/abc #fail").language());
        SignalClassifier englishOnly = SignalClassifier.fromSettings(ClassifySettings.defaults().withLanguages(List.of("en")));
        assertEquals("en", englishOnly.classify("the parcel never arrived").language());
    }

    @Test
    void languageDetectionCanBeSwitchedOff() {
        SignalClassifier off = SignalClassifier.fromSettings(ClassifySettings.defaults().withLanguageDetection(false));
        assertEquals("und", off.classify("Hola, no puedo entrar en mi cuenta desde ayer").language());
    }

    @Test
    void unknownLanguageCodeIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> SignalClassifier.fromSettings(ClassifySettings.defaults().withLanguages(List.of("en", "xx"))));
    }

    @Test
    void oddInputDoesNotCrash() {
        for (String text : new String[] {null, "", "   \t\n ", "<script>alert('x')</script>", "\uD83D", "@@@###",
                "&amp;&lt;&gt;", ":) :( <3 </3", "😡😡😡", "a".repeat(2 * 1024 * 1024),
                "<script>" + "word ".repeat(400_000) + "</script>"}) {
            Signals s = classifier.classify(text);
            assertNotNull(s.intent());
            assertTrue(s.sentiment().score() >= -1 && s.sentiment().score() <= 1);
            assertTrue(List.of("negative", "neutral", "positive").contains(s.sentiment().label()));
        }
        Signals empty = classifier.classify("   ");
        assertEquals("neutral", empty.sentiment().label());
        assertEquals(Intent.OTHER, empty.intent());
        assertEquals("und", empty.language());
    }

    @Test
    void scoreIsProbabilityDifference() {
        Signals s = classifier.classify("meh");
        assertTrue(Math.abs(s.sentiment().score()) <= 1.0);
    }
}
