package io.earshot.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.classify.Intent;
import io.earshot.conversation.ConversationStatus;
import io.earshot.conversation.ThreadingSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which conversation a customer's new message joins, without a database. */
class ThreadingTest {

    private static final long HOUR = 3_600_000L;
    private static final long NOW = 1_700_000_000_000L;
    private static final long CUSTOMER = 2;

    private final Threading threading = new Threading(new ThreadingSettings(Duration.ofHours(72), true));
    private final Threading ownChannelOnly = new Threading(new ThreadingSettings(Duration.ofHours(72), false));

    private static Conversation active(long id, long customerId, String channel, long at) {
        Conversation c = Conversation.start(id, customerId, channel, at);
        c.receive(at, "hi", "neutral", 0.0, Intent.QUESTION, "en");
        return c;
    }

    @Test
    void aReplyJoinsItsParentsConversation() {
        Conversation parent = active(1, CUSTOMER, "twitter", NOW - 200 * HOUR);
        Conversation recent = active(2, CUSTOMER, "twitter", NOW - HOUR);
        assertThat(threading.conversationFor(parent, CUSTOMER, List.of(parent, recent), "twitter", NOW, NOW)).isSameAs(parent);
    }

    @Test
    void aReplyToAResolvedConversationReopensIt() {
        Conversation parent = active(1, CUSTOMER, "twitter", NOW - 2 * HOUR);
        parent.moveTo(ConversationStatus.RESOLVED, NOW - HOUR);
        Conversation joined = threading.conversationFor(parent, CUSTOMER, List.of(parent), "twitter", NOW, NOW);
        assertThat(joined).isSameAs(parent);
        assertThat(joined.receive(NOW, "it broke again", "negative", -0.6, Intent.COMPLAINT, "en")).isTrue();
        assertThat(joined.status()).isEqualTo(ConversationStatus.OPEN);
    }

    @Test
    void aReplyToAnotherCustomersMessageDoesNotJoinTheirConversation() {
        Conversation theirs = active(1, 99, "twitter", NOW - HOUR);
        Conversation mine = active(2, CUSTOMER, "twitter", NOW - 2 * HOUR);
        assertThat(threading.conversationFor(theirs, CUSTOMER, List.of(mine), "twitter", NOW, NOW)).isSameAs(mine);
        assertThat(threading.conversationFor(theirs, CUSTOMER, List.of(), "twitter", NOW, NOW)).isNull();
    }

    @Test
    void aMessageJoinsTheCustomersMostRecentUnresolvedConversationOnItsChannel() {
        Conversation older = active(1, CUSTOMER, "twitter", NOW - 10 * HOUR);
        Conversation newer = active(2, CUSTOMER, "twitter", NOW - 2 * HOUR);
        Conversation otherChannel = active(3, CUSTOMER, "email", NOW - HOUR);
        assertThat(threading.conversationFor(null, CUSTOMER, List.of(older, newer, otherChannel), "twitter", NOW, NOW))
                .isSameAs(newer);
    }

    @Test
    void withoutOneOnItsChannelItJoinsAnotherChannelsWhenCrossChannelIsOn() {
        Conversation email = active(1, CUSTOMER, "email", NOW - 3 * HOUR);
        Conversation chat = active(2, CUSTOMER, "chat", NOW - HOUR);
        assertThat(threading.conversationFor(null, CUSTOMER, List.of(email, chat), "twitter", NOW, NOW)).isSameAs(chat);
        assertThat(ownChannelOnly.conversationFor(null, CUSTOMER, List.of(email, chat), "twitter", NOW, NOW)).isNull();
    }

    @Test
    void resolvedOrStaleConversationsAreNotJoined() {
        Conversation resolved = active(1, CUSTOMER, "twitter", NOW - HOUR);
        resolved.moveTo(ConversationStatus.RESOLVED, NOW - HOUR / 2);
        Conversation stale = active(2, CUSTOMER, "twitter", NOW - 73 * HOUR);
        assertThat(threading.conversationFor(null, CUSTOMER, List.of(resolved, stale), "twitter", NOW, NOW)).isNull();
    }

    @Test
    void theWindowCountsFromTheMessagesOwnTimeToo() {
        Conversation c = active(1, CUSTOMER, "twitter", NOW - HOUR);
        // a message dated long after the conversation's last activity starts a new one, even if ingested now
        assertThat(threading.conversationFor(null, CUSTOMER, List.of(c), "twitter", NOW + 72 * HOUR, NOW)).isNull();
        assertThat(threading.conversationFor(null, CUSTOMER, List.of(c), "twitter", NOW + 71 * HOUR, NOW)).isSameAs(c);
    }

    @Test
    void aPendingConversationIsJoined() {
        Conversation pending = active(1, CUSTOMER, "twitter", NOW - HOUR);
        pending.moveTo(ConversationStatus.PENDING, NOW - HOUR);
        assertThat(threading.conversationFor(null, CUSTOMER, List.of(pending), "twitter", NOW, NOW)).isSameAs(pending);
    }

    @Test
    void theWindowStartsThatLongBeforeNow() {
        assertThat(threading.since(NOW)).isEqualTo(NOW - 72 * HOUR);
    }
}
