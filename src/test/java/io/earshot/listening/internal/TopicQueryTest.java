package io.earshot.listening.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.earshot.platform.EarshotException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicQueryTest {

    private static boolean matches(String query, String text) {
        return matches(query, text, "twitter", "en", "neutral", "other");
    }

    private static boolean matches(String query, String text, String channel, String lang, String sentiment, String intent) {
        return !new TopicMatcher(Map.of(7L, QueryParser.parse(query))).match(text, channel, lang, sentiment, intent).isEmpty();
    }

    @Test
    void wordsAndPhrasesMatchWholeWordsInAnyCase() {
        assertThat(matches("refund", "I want a REFUND now")).isTrue();
        assertThat(matches("refund", "refunded already")).isFalse();
        assertThat(matches("\"never arrived\"", "my parcel never\n  arrived!")).isTrue();
        assertThat(matches("\"never arrived\"", "it arrived, never again")).isFalse();
        assertThat(matches("#outage", "big #Outage today")).isTrue();
        assertThat(matches("#outage", "an outage today")).isFalse();
        assertThat(matches("@acme", "hey @ACME, help")).isTrue();
        assertThat(matches("@acme", "acme help")).isFalse();
        assertThat(matches("acme", "hey @acme help")).isTrue();
    }

    @Test
    void booleanOperatorsAndPrecedence() {
        assertThat(matches("late parcel", "the parcel was late")).isTrue(); // side by side: both
        assertThat(matches("late parcel", "the parcel was fine")).isFalse();
        assertThat(matches("late OR parcel", "the parcel was fine")).isTrue();
        assertThat(matches("late, parcel", "late again")).isTrue();
        assertThat(matches("refund NOT praise", "refund please")).isTrue();
        assertThat(matches("refund NOT praise", "refund praise")).isFalse();
        assertThat(matches("refund -praise", "refund praise")).isFalse();
        assertThat(matches("wi-fi", "the wi-fi is down")).isTrue();
        // AND binds tighter than OR
        assertThat(matches("a1 OR b1 AND c1", "a1")).isTrue();
        assertThat(matches("a1 OR b1 AND c1", "b1")).isFalse();
        assertThat(matches("(a1 OR b1) AND c1", "a1")).isFalse();
        assertThat(matches("(a1 OR b1) AND c1", "b1 c1")).isTrue();
        assertThat(matches("NOT (a1 OR b1)", "c1")).isTrue();
        assertThat(matches("NOT (a1 OR b1)", "b1")).isFalse();
        assertThat(matches("parcel or package", "parcel only")).isFalse(); // lower-case "or" is a word
    }

    @Test
    void fieldsTestTheMessagesSignals() {
        assertThat(matches("sentiment:negative", "anything", "twitter", "en", "negative", "complaint")).isTrue();
        assertThat(matches("sentiment:negative", "anything", "twitter", "en", "positive", "praise")).isFalse();
        assertThat(matches("refund channel:email", "refund", "email", "en", "neutral", "other")).isTrue();
        assertThat(matches("refund channel:email", "refund", "twitter", "en", "neutral", "other")).isFalse();
        assertThat(matches("lang:de intent:complaint", "x", "email", "de", "negative", "complaint")).isTrue();
        assertThat(matches("NOT channel:chat", "x", "chat", "en", "neutral", "other")).isFalse();
    }

    @Test
    void oneAutomatonForManyTopicsTestsOnlyThoseWhoseWordsOccur() {
        Map<Long, Expr> queries = new LinkedHashMap<>();
        for (long i = 1; i <= 1000; i++) {
            queries.put(i, QueryParser.parse("product" + i + " OR \"model " + i + " broke\""));
        }
        queries.put(2000L, QueryParser.parse("sentiment:negative NOT spam"));
        queries.put(2001L, QueryParser.parse("NOT zzz"));
        TopicMatcher m = new TopicMatcher(queries);
        assertThat(m.match("My product17 and the model 923 broke", "twitter", "en", "neutral", "other"))
                .containsExactlyInAnyOrder(17L, 923L, 2001L);
        assertThat(m.match("so bad, spam", "twitter", "en", "negative", "other")).containsExactly(2001L);
        assertThat(m.match("so bad", "twitter", "en", "negative", "other")).containsExactlyInAnyOrder(2000L, 2001L);
        assertThat(m.match("zzz product1000", "twitter", "en", "neutral", "other")).containsExactly(1000L);
    }

    @Test
    void syntaxErrorsNameThePosition() {
        assertError("(refund AND", "ends after AND at position 9");
        assertError("(refund OR late", "parenthesis opened at position 1 is never closed");
        assertError("refund)", "unexpected ')' at position 7");
        assertError("\"never arrived", "quote opened at position 1 is never closed");
        assertError("refund OR", "ends after OR at position 8");
        assertError("OR refund", "unexpected 'OR' at position 1");
        assertError("sentiment:angry", "sentiment:angry at position 1 is not known");
        assertError("refund channel:fax", "channel:fax at position 8 is not known");
        assertError("x", "'x' at position 1 is too short");
        assertError("()", "unexpected ')' at position 2");
        assertError("  ", "query is required");
        assertError("(".repeat(30) + "a1" + ")".repeat(30), "nest deeper than 20");
        assertError(String.join(" OR ", java.util.stream.IntStream.range(0, 60).mapToObj(i -> "w" + i).toList()), "more than 50 terms");
    }

    @Test
    void positiveLiteralsAreTheTermsThatCanMakeItMatch() {
        assertThat(QueryParser.positiveLiterals(QueryParser.parse("\"Never  Arrived\" OR refund NOT praise")))
                .isEqualTo(List.of("never arrived", "refund"));
    }

    private static void assertError(String query, String message) {
        assertThatThrownBy(() -> QueryParser.parse(query)).isInstanceOf(EarshotException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((EarshotException) e).field()).isEqualTo("query"));
    }
}
