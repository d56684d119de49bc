package io.earshot.followup.internal;

import static io.earshot.followup.internal.PromiseTransitionsTest.CONVERSATION;
import static io.earshot.followup.internal.PromiseTransitionsTest.DUE;
import static io.earshot.followup.internal.PromiseTransitionsTest.MADE_IN;
import static io.earshot.followup.internal.PromiseTransitionsTest.SAID;
import static io.earshot.followup.internal.PromiseTransitionsTest.open;
import static io.earshot.followup.internal.PromiseTransitionsTest.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.followup.Surveys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When a later reply keeps a promise ({@link Promise#keptBy}): the one rule for replies sent and ingested, and the verdict. */
class PromiseKeptRuleTest {

    @Test
    void aReplyOnItsConversationFromWhenItWasMadeUpToItsDueTimeKeepsAnUpdatePromise() {
        Promise p = open("update");
        assertThat(p.keptByReplies()).isTrue();
        assertThat(p.keptBy(reply(71, SAID))).isTrue();
        assertThat(p.keptBy(reply(71, SAID.plus(Duration.ofHours(5))))).isTrue();
        assertThat(p.keptBy(reply(71, DUE))).isTrue();
    }

    @Test
    void aReplyBeforeItWasMadeOrAfterItsDueTimeDoesNot() {
        Promise p = open("update");
        assertThat(p.keptBy(reply(71, SAID.minusMillis(1)))).isFalse();
        assertThat(p.keptBy(reply(71, DUE.plusMillis(1)))).isFalse();
    }

    @Test
    void theReplyItWasMadeInDoesNot() {
        Promise p = open("update");
        assertThat(p.keptBy(reply(MADE_IN, SAID))).isFalse();
        assertThat(p.keptBy(reply(MADE_IN, SAID.plusSeconds(30)))).isFalse();
        Promise byHand = Promise.made(2, CONVERSATION, null, 5L, "We will update you", "update", null, "manual", SAID, DUE, 0.8);
        assertThat(byHand.keptBy(reply(MADE_IN, SAID))).isTrue(); // made by hand: in no message
    }

    @Test
    void aReplyOnAnotherConversationDoesNot() {
        assertThat(open("update").keptBy(new Promise.Reply(CONVERSATION + 1, 71, "Dana", SAID.plusSeconds(1)))).isFalse();
    }

    @Test
    void earshotsOwnNoticesDoNot() {
        assertThat(open("update").keptBy(new Promise.Reply(CONVERSATION, 71, Surveys.AUTHOR, SAID.plusSeconds(1)))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"callback", "refund", "fix", "ship", "other"})
    void repliesKeepNoOtherKind(String kind) {
        Promise p = open(kind);
        assertThat(p.keptByReplies()).isFalse();
        assertThat(p.keptBy(reply(71, SAID.plusSeconds(1)))).isFalse();
    }

    @Test
    void aSettledPromiseIsKeptByNoReply() {
        assertThat(PromiseTransitionsTest.kept().keptBy(reply(71, SAID.plusSeconds(1)))).isFalse();
        assertThat(PromiseTransitionsTest.broken().keptBy(reply(71, SAID.plusSeconds(1)))).isFalse();
    }

    @Test
    void ofManyRepliesTheEarliestThatKeepsItCounts() {
        Promise p = open("update");
        Promise.Reply keeps = reply(74, SAID.plus(Duration.ofHours(4)));
        List<Promise.Reply> replies = List.of(reply(75, SAID.plus(Duration.ofHours(9))), reply(MADE_IN, SAID),
                new Promise.Reply(CONVERSATION, 76, Surveys.AUTHOR, SAID.plusSeconds(1)), reply(77, SAID.minusSeconds(1)), keeps,
                new Promise.Reply(CONVERSATION + 1, 78, "Dana", SAID.plusSeconds(2)));
        assertThat(p.firstKeeping(replies)).contains(keeps);
        assertThat(p.firstKeeping(List.of(reply(MADE_IN, SAID), reply(79, DUE.plusSeconds(1))))).isEmpty();
    }
}
