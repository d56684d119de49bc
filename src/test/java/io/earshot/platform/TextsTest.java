package io.earshot.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void wholePairsAndPlainTextAreStorableAsTheyAre() {
        String emoji = "late again \uD83D\uDE21 thanks";
        assertThat(Texts.problem(emoji)).isNull();
        assertThat(Texts.storable(emoji)).isSameAs(emoji);
        assertThat(Texts.problem("")).isNull();
    }

    @Test
    void nulAndHalvesOfPairsAreNamedAndReplaced() {
        assertThat(Texts.problem("a\u0000b")).contains("NUL");
        assertThat(Texts.problem("a\uD800b")).contains("surrogate");
        assertThat(Texts.problem("end\uD83D")).contains("surrogate");
        assertThat(Texts.problem("\uDE21start")).contains("surrogate");
        assertThat(Texts.storable("a\u0000b\uD800c\uDE21\uD83D\uDE21\uD83D"))
                .isEqualTo("a\uFFFDb\uFFFDc\uFFFD\uD83D\uDE21\uFFFD");
    }
}
