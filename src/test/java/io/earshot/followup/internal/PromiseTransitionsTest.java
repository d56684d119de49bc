package io.earshot.followup.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.earshot.platform.EarshotException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every move a promise may make, and that each move its state does not allow is refused and changes nothing. */
class PromiseTransitionsTest {

    static final Instant SAID = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant DUE = SAID.plus(Duration.ofHours(10));
    static final long CONVERSATION = 7;
    static final long MADE_IN = 70;

    static Promise open(String kind) {
        return Promise.made(1, CONVERSATION, MADE_IN, 5L, "I'll update you by 8pm", kind, "by 8pm", "reply", SAID, DUE, 0.8);
    }

    static Promise.Reply reply(long messageId, Instant at) {
        return new Promise.Reply(CONVERSATION, messageId, "Dana", at);
    }

    static Promise kept() {
        Promise p = open("update");
        p.markKept(9, SAID.plusSeconds(60));
        return p;
    }

    static Promise broken() {
        Promise p = open("update");
        p.markBroken(DUE);
        return p;
    }

    private static void refused(Promise p, ThrowingCallable move) {
        Promise.State before = p.state();
        Instant keptAt = p.keptAt();
        Long keptBy = p.keptBy();
        Instant brokenAt = p.brokenAt();
        assertThatThrownBy(move).isInstanceOfSatisfying(EarshotException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("illegal_transition");
            assertThat(e.field()).isEqualTo("state");
        });
        assertThat(p.state()).isEqualTo(before);
        assertThat(p.keptAt()).isEqualTo(keptAt);
        assertThat(p.keptBy()).isEqualTo(keptBy);
        assertThat(p.brokenAt()).isEqualTo(brokenAt);
    }

    @Test
    void aPromiseIsMadeOpenWithItsReminderFourFifthsIntoItsWindow() {
        Promise p = open("update");
        assertThat(p.state()).isEqualTo(Promise.State.OPEN);
        assertThat(p.isOpen()).isTrue();
        assertThat(p.remindAt()).isEqualTo(SAID.plus(Duration.ofHours(8)));
        assertThat(p.keptAt()).isNull();
        assertThat(p.keptBy()).isNull();
        assertThat(p.brokenAt()).isNull();
    }

    @Test
    void madeCutsTheTextAndTheTimePhraseAsStored() {
        Promise p = Promise.made(1, CONVERSATION, null, null, "x".repeat(1200), "other", "w".repeat(150), "manual", SAID, DUE, 0.5);
        assertThat(p.text()).hasSize(1000).endsWith("x…");
        assertThat(p.when()).hasSize(100);
        assertThat(p.remindAt()).isEqualTo(SAID.plus(Duration.ofHours(5)));
        Promise past = Promise.made(2, CONVERSATION, null, null, "late", "other", null, "ingest", DUE, SAID, 0.8);
        assertThat(past.remindAt()).isEqualTo(DUE); // a window that closed before it opened reminds at once
        assertThat(past.when()).isNull();
    }

    @Test
    void theStatesAreStoredAndShownInLowerCase() {
        assertThat(List.of(Promise.State.values()).stream().map(Promise.State::wire)).containsExactly("open", "kept", "broken");
        assertThat(Promise.State.ofWire("broken")).isEqualTo(Promise.State.BROKEN);
    }

    @Test
    void openIsKeptByHandAndKeepsWhoKeptItAndWhen() {
        Promise p = open("callback");
        Instant at = SAID.plusSeconds(300);
        assertThat(p.markKept(9, at)).isTrue();
        assertThat(p.state()).isEqualTo(Promise.State.KEPT);
        assertThat(p.keptAt()).isEqualTo(at);
        assertThat(p.keptBy()).isEqualTo(9L);
        assertThat(p.brokenAt()).isNull();
    }

    @Test
    void keptIsKeptByHandAgainWithoutChange() {
        Promise p = kept();
        assertThat(p.markKept(11, DUE)).isFalse();
        assertThat(p.state()).isEqualTo(Promise.State.KEPT);
        assertThat(p.keptAt()).isEqualTo(SAID.plusSeconds(60));
        assertThat(p.keptBy()).isEqualTo(9L);
    }

    @Test
    void brokenIsNotKeptByHand() {
        Promise p = broken();
        refused(p, () -> p.markKept(9, DUE.plusSeconds(1)));
        assertThatThrownBy(() -> p.markKept(9, DUE)).hasMessage("this promise was already broken at " + DUE + "; it cannot be kept now");
    }

    @Test
    void openIsKeptByAReplyThatKeepsIt() {
        Promise p = open("update");
        Instant at = SAID.plus(Duration.ofHours(2));
        p.keepBy(reply(71, at), 9L);
        assertThat(p.state()).isEqualTo(Promise.State.KEPT);
        assertThat(p.keptAt()).isEqualTo(at);
        assertThat(p.keptBy()).isEqualTo(9L);
    }

    @Test
    void aReplyFromOutsideEarshotKeepsItForNoAgent() {
        Promise p = open("update");
        p.keepBy(reply(71, DUE), null);
        assertThat(p.state()).isEqualTo(Promise.State.KEPT);
        assertThat(p.keptAt()).isEqualTo(DUE);
        assertThat(p.keptBy()).isNull();
    }

    @Test
    void aReplyThatDoesNotKeepItIsRefused() {
        Promise late = open("update");
        refused(late, () -> late.keepBy(reply(71, DUE.plusMillis(1)), 9L));
        Promise callback = open("callback");
        refused(callback, () -> callback.keepBy(reply(71, SAID.plusSeconds(1)), 9L));
    }

    @Test
    void keptOrBrokenIsNotKeptByAReply() {
        Promise k = kept();
        refused(k, () -> k.keepBy(reply(71, SAID.plusSeconds(120)), 11L));
        Promise b = broken();
        refused(b, () -> b.keepBy(reply(71, SAID.plusSeconds(120)), 11L));
    }

    @Test
    void openBreaksAtItsDueTimeOrAfterAndIsBrokenAsOfItsDueTime() {
        Promise atDue = open("refund");
        atDue.markBroken(DUE);
        assertThat(atDue.state()).isEqualTo(Promise.State.BROKEN);
        assertThat(atDue.brokenAt()).isEqualTo(DUE);
        Promise later = open("refund");
        later.markBroken(DUE.plus(Duration.ofDays(3)));
        assertThat(later.brokenAt()).isEqualTo(DUE);
        assertThat(later.keptAt()).isNull();
        assertThat(later.keptBy()).isNull();
    }

    @Test
    void openDoesNotBreakBeforeItsDueTime() {
        Promise p = open("refund");
        refused(p, () -> p.markBroken(DUE.minusMillis(1)));
    }

    @Test
    void keptOrBrokenDoesNotBreak() {
        Promise k = kept();
        refused(k, () -> k.markBroken(DUE.plusSeconds(1)));
        Promise b = broken();
        refused(b, () -> b.markBroken(DUE.plusSeconds(1)));
    }

    @Test
    void theVerdictKeepsItByTheEarliestReplyThatKeepsIt() {
        Promise p = open("update");
        Instant first = SAID.plus(Duration.ofHours(3));
        p.judge(DUE.plusSeconds(5), List.of(reply(73, SAID.plus(Duration.ofHours(6))), reply(MADE_IN, SAID), reply(72, first)));
        assertThat(p.state()).isEqualTo(Promise.State.KEPT);
        assertThat(p.keptAt()).isEqualTo(first);
        assertThat(p.keptBy()).isNull();
    }

    @Test
    void theVerdictBreaksItWhenNoReplyKeepsIt() {
        Promise p = open("update");
        p.judge(DUE, List.of(reply(MADE_IN, SAID), reply(72, DUE.plusMillis(1))));
        assertThat(p.state()).isEqualTo(Promise.State.BROKEN);
        assertThat(p.brokenAt()).isEqualTo(DUE);
        Promise callback = open("callback");
        callback.judge(DUE, List.of(reply(72, SAID.plusSeconds(1))));
        assertThat(callback.state()).isEqualTo(Promise.State.BROKEN);
    }

    @Test
    void theVerdictIsRefusedBeforeItsDueTimeAndOnceSettled() {
        Promise early = open("update");
        refused(early, () -> early.judge(DUE.minusMillis(1), List.of(reply(72, SAID.plusSeconds(1)))));
        Promise k = kept();
        refused(k, () -> k.judge(DUE, List.of()));
        Promise b = broken();
        refused(b, () -> b.judge(DUE, List.of(reply(72, SAID.plusSeconds(1)))));
    }

    @Test
    void onlyAnOpenPromiseNotYetDueIsReminded() {
        Promise p = open("fix");
        assertThat(p.remindable(p.remindAt())).isTrue();
        assertThat(p.remindable(DUE.minusMillis(1))).isTrue();
        assertThat(p.remindable(DUE)).isFalse();
        assertThat(kept().remindable(SAID)).isFalse();
        assertThat(broken().remindable(SAID)).isFalse();
        assertThat(p.pastDue(DUE)).isTrue();
        assertThat(p.pastDue(DUE.minusMillis(1))).isFalse();
    }
}
