package io.earshot.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlaPausesTest {

    @Test
    void theEmptyValueIsStoredAsNullAndReadFromNullOrEmpty() {
        assertThat(SlaPauses.parse(null)).isSameAs(SlaPauses.NONE);
        assertThat(SlaPauses.parse("")).isSameAs(SlaPauses.NONE);
        assertThat(SlaPauses.NONE.format()).isNull();
        assertThat(SlaPauses.NONE.isEmpty()).isTrue();
        assertThat(SlaPauses.NONE.isPaused()).isFalse();
        assertThat(SlaPauses.NONE.spans()).isEmpty();
        assertThat(SlaPauses.NONE.end(50)).isSameAs(SlaPauses.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-2", "10-20,30-", "10-20,30-40,50-60", "5-"})
    void parseAndFormatRoundTrip(String text) {
        SlaPauses pauses = SlaPauses.parse(text);
        assertThat(pauses.format()).isEqualTo(text);
        assertThat(SlaPauses.parse(pauses.format())).isEqualTo(pauses);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "1", "1-2,", ",1-2", "a-2", "1-2;3-4", "1--2", " 1-2", "-5-"})
    void refusesWhatIsNotThePauseFormat(String text) {
        assertThatThrownBy(() -> SlaPauses.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsSpansOldestFirstWithAnOpenEnd() {
        assertThat(SlaPauses.parse("10-20,30-").spans())
                .containsExactly(new SlaPauses.Span(10, 20L), new SlaPauses.Span(30, null));
    }

    @Test
    void aPauseBeginsAndEnds() {
        SlaPauses begun = SlaPauses.NONE.begin(100);
        assertThat(begun.format()).isEqualTo("100-");
        assertThat(begun.isPaused()).isTrue();
        SlaPauses ended = begun.end(250);
        assertThat(ended.format()).isEqualTo("100-250");
        assertThat(ended.isPaused()).isFalse();
        assertThat(ended.end(300)).isSameAs(ended);
        assertThat(ended.begin(400).end(500).format()).isEqualTo("100-250,400-500");
    }

    @Test
    void aPauseNeverEndsBeforeItBegan() {
        assertThat(SlaPauses.parse("10-20,300-").end(200).format()).isEqualTo("10-20,300-300");
    }

    @Test
    void anEndedSpanIsAdded() {
        assertThat(SlaPauses.NONE.add(5, 9).format()).isEqualTo("5-9");
        assertThat(SlaPauses.parse("1-2").add(5, 9).format()).isEqualTo("1-2,5-9");
    }

    @Test
    void valuesAreImmutable() {
        SlaPauses before = SlaPauses.parse("1-2");
        before.add(3, 4);
        before.begin(5);
        assertThat(before.format()).isEqualTo("1-2");
    }

    @Test
    void theOldestSpansGoWhenTheTextOutgrowsTheColumn() {
        SlaPauses pauses = SlaPauses.NONE;
        for (long at = 1_000_000_000_000L; pauses.format() == null || pauses.format().length() < SlaPauses.MAX_CHARS - 30; at += 10) {
            pauses = pauses.add(at, at + 5);
        }
        String before = pauses.format();
        SlaPauses grown = pauses.add(2_000_000_000_000L, 2_000_000_000_005L).add(2_000_000_000_010L, 2_000_000_000_015L);
        assertThat(grown.format().length()).isLessThanOrEqualTo(SlaPauses.MAX_CHARS);
        assertThat(grown.format()).endsWith(",2000000000000-2000000000005,2000000000010-2000000000015");
        assertThat(grown.format()).doesNotStartWith(before.substring(0, before.indexOf(',') + 1));
        assertThat(SlaPauses.parse(grown.format())).isEqualTo(grown);
    }
}
