package io.earshot.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a message's author is matched to a customer: email first, then channel and handle. */
class IdentityKeyTest {

    @Test
    void handlesAreTrimmedAndCompareCaseInsensitively() {
        assertThat(IdentityKey.of("twitter", "  @Acme_Fan ")).isEqualTo(new IdentityKey("twitter", "@acme_fan"));
        assertThat(IdentityKey.of("twitter", "@ACME_FAN")).isEqualTo(IdentityKey.of("twitter", "@acme_fan"));
        assertThat(IdentityKey.email(" Ann@Example.COM")).isEqualTo(new IdentityKey("email", "ann@example.com"));
    }

    @Test
    void anAuthorWithAnEmailIsMatchedByItFirstThenByChannelAndHandle() {
        assertThat(IdentityKey.keysOf("twitter", "@Ann", "Ann@Example.com", false))
                .containsExactly(new IdentityKey("email", "ann@example.com"), new IdentityKey("twitter", "@ann"));
    }

    @Test
    void anAuthorWithoutAnEmailIsMatchedByChannelAndHandle() {
        assertThat(IdentityKey.keysOf("twitter", "@Ann", null, false)).containsExactly(new IdentityKey("twitter", "@ann"));
        assertThat(IdentityKey.keysOf("twitter", "@Ann", "  ", false)).containsExactly(new IdentityKey("twitter", "@ann"));
    }

    @Test
    void whereIdentitiesAreAddressesTheAddressIsTheOnlyKey() {
        assertThat(IdentityKey.keysOf("email", "Ann@Example.com", null, true)).containsExactly(new IdentityKey("email", "ann@example.com"));
        assertThat(IdentityKey.keysOf("email", "Ann Smith", "ann@example.com", true))
                .containsExactly(new IdentityKey("email", "ann@example.com"));
    }

    @Test
    void whereIdentitiesAreAddressesAHandleThatIsNoAddressIsTheKey() {
        assertThat(IdentityKey.keysOf("email", "Ann Smith", null, true)).containsExactly(new IdentityKey("email", "ann smith"));
    }

    @Test
    void theFirstKnownKeyDecides() {
        List<IdentityKey> keys = IdentityKey.keysOf("twitter", "@ann", "ann@example.com", false);
        assertThat(IdentityKey.firstKnown(keys, Map.of(IdentityKey.email("ann@example.com"), 1L,
                IdentityKey.of("twitter", "@ann"), 2L))).isEqualTo(1L);
        assertThat(IdentityKey.firstKnown(keys, Map.of(IdentityKey.of("twitter", "@ann"), 2L))).isEqualTo(2L);
        assertThat(IdentityKey.firstKnown(keys, Map.of(IdentityKey.of("instagram", "@ann"), 3L))).isNull();
    }
}
