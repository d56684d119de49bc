package io.earshot.conversation.internal;

import static io.earshot.conversation.ConversationStatus.OPEN;
import static io.earshot.conversation.ConversationStatus.PENDING;
import static io.earshot.conversation.ConversationStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.earshot.classify.Intent;
import io.earshot.conversation.ConversationStatus;
import io.earshot.conversation.Deadlines;
import io.earshot.conversation.Priority;
import io.earshot.platform.EarshotException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The conversation aggregate without Spring or a database: its status moves and what each one does. */
class ConversationTest {

    private static final long T0 = 1_700_000_000_000L;

    /** A stored (not new) conversation in {@code status}, the customer having written at T0. */
    private static Conversation in(ConversationStatus status) {
        Conversation c = Conversation.start(1, 2, "twitter", T0);
        c.receive(T0, "my order never came", "negative", -0.8, Intent.COMPLAINT, "en");
        if (status != OPEN) {
            c.moveTo(status, T0 + 1_000);
        }
        c.saved();
        return c;
    }

    static Stream<Arguments> legalMoves() {
        return Stream.of(Arguments.of(OPEN, PENDING), Arguments.of(OPEN, RESOLVED), Arguments.of(PENDING, OPEN),
                Arguments.of(PENDING, RESOLVED), Arguments.of(RESOLVED, OPEN));
    }

    @ParameterizedTest
    @MethodSource("legalMoves")
    void everyLegalMoveIsMade(ConversationStatus from, ConversationStatus to) {
        Conversation c = in(from);
        c.moveTo(to, T0 + 60_000);
        assertThat(c.status()).isEqualTo(to);
        assertThat(c.isDirty()).isTrue();
        assertThat(c.lastActivityAt()).isEqualTo(T0 + 60_000);
        assertThat(Conversation.mayMove(from, to)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void stayingPutIsAllowedAndChangesNothing(ConversationStatus status) {
        Conversation c = in(status);
        Conversation.State before = c.state();
        c.moveTo(status, T0 + 60_000);
        assertThat(c.state()).isEqualTo(before);
        assertThat(c.isDirty()).isFalse();
    }

    static Stream<ConversationStatus> statuses() {
        return Stream.of(ConversationStatus.values());
    }

    @Test
    void aResolvedConversationCannotGoPending() {
        Conversation c = in(RESOLVED);
        Conversation.State before = c.state();
        assertThatThrownBy(() -> c.moveTo(PENDING, T0 + 60_000)).isInstanceOfSatisfying(EarshotException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("illegal_transition");
            assertThat(e.field()).isEqualTo("status");
            assertThat(e.getMessage()).isEqualTo("a resolved conversation cannot become pending");
        });
        assertThat(c.state()).isEqualTo(before);
        assertThat(c.isDirty()).isFalse();
        assertThat(Conversation.mayMove(RESOLVED, PENDING)).isFalse();
    }

    @Test
    void theOnlyRefusedMoveIsResolvedToPending() {
        for (ConversationStatus from : ConversationStatus.values()) {
            for (ConversationStatus to : ConversationStatus.values()) {
                assertThat(Conversation.mayMove(from, to)).as(from + " -> " + to).isEqualTo(!(from == RESOLVED && to == PENDING));
            }
        }
    }

    @Test
    void aNewConversationIsOpenNewAndUnranked() {
        Conversation c = Conversation.start(7, 8, "email", T0);
        assertThat(c.status()).isEqualTo(OPEN);
        assertThat(c.isNew()).isTrue();
        assertThat(c.isDirty()).isTrue();
        assertThat(c.priority()).isEqualTo(Conversation.UNRANKED);
        assertThat(c.slaPauses()).isEqualTo(SlaPauses.NONE);
        assertThat(c.lastActivityAt()).isEqualTo(T0);
    }

    @Test
    void goingPendingStopsTheClocksUntilItLeavesPending() {
        Conversation c = in(OPEN);
        c.moveTo(PENDING, T0 + 10_000);
        assertThat(c.slaPauses().format()).isEqualTo((T0 + 10_000) + "-");
        c.moveTo(OPEN, T0 + 25_000);
        assertThat(c.slaPauses().format()).isEqualTo((T0 + 10_000) + "-" + (T0 + 25_000));
    }

    @Test
    void resolvingRecordsWhenAndHowLongAndReopeningPausesTheResolvedSpan() {
        Conversation c = in(OPEN);
        c.moveTo(RESOLVED, T0 + 90_000);
        assertThat(c.state().resolvedAt()).isEqualTo(T0 + 90_000);
        assertThat(c.state().resolutionSeconds()).isEqualTo(90);
        assertThat(c.dueAt()).isNull();
        c.moveTo(OPEN, T0 + 120_000);
        assertThat(c.state().resolvedAt()).isNull();
        assertThat(c.state().resolutionSeconds()).isNull();
        assertThat(c.slaPauses().format()).isEqualTo((T0 + 90_000) + "-" + (T0 + 120_000));
    }

    @Test
    void pendingToResolvedEndsThePause() {
        Conversation c = in(PENDING);
        c.moveTo(RESOLVED, T0 + 5_000);
        assertThat(c.slaPauses().format()).isEqualTo((T0 + 1_000) + "-" + (T0 + 5_000));
        assertThat(c.slaPauses().isPaused()).isFalse();
    }

    @Test
    void aCustomersMessageReopensAResolvedConversation() {
        Conversation c = in(RESOLVED);
        boolean reopened = c.receive(T0 + 50_000, "still broken", "negative", -0.5, Intent.QUESTION, "en");
        assertThat(reopened).isTrue();
        assertThat(c.status()).isEqualTo(OPEN);
        assertThat(c.state().resolvedAt()).isNull();
        assertThat(c.slaPauses().format()).isEqualTo((T0 + 1_000) + "-" + (T0 + 50_000));
        assertThat(c.state().inboundCount()).isEqualTo(2);
    }

    @Test
    void aCustomersMessageBringsAPendingConversationBackWithoutAReopen() {
        Conversation c = in(PENDING);
        assertThat(c.receive(T0 + 7_000, "here is my order number", "neutral", 0.0, Intent.OTHER, "en")).isFalse();
        assertThat(c.status()).isEqualTo(OPEN);
        assertThat(c.slaPauses().format()).isEqualTo((T0 + 1_000) + "-" + (T0 + 7_000));
        assertThat(c.awaitingUs()).isTrue();
    }

    @Test
    void theGraverIntentStaysAndTheLatestMessageSetsThePreview() {
        Conversation c = in(OPEN);
        c.receive(T0 + 1_000, "thanks  a\n lot", "positive", 0.9, Intent.PRAISE, "en");
        assertThat(c.state().intent()).isEqualTo(Intent.COMPLAINT);
        assertThat(c.state().preview()).isEqualTo("thanks a lot");
        assertThat(c.state().sentimentLabel()).isEqualTo("positive");
        c.receive(T0 + 500, "an older message arriving late", "negative", -0.9, Intent.OUTAGE, "en");
        assertThat(c.state().intent()).isEqualTo(Intent.OUTAGE);
        assertThat(c.state().preview()).isEqualTo("thanks a lot");
        assertThat(Conversation.graver(null, Intent.PRAISE)).isEqualTo(Intent.PRAISE);
        assertThat(Conversation.graver(Intent.REQUEST, null)).isEqualTo(Intent.REQUEST);
        assertThat(Conversation.graver(Intent.QUESTION, Intent.REQUEST)).isEqualTo(Intent.REQUEST);
    }

    @Test
    void theFirstAnswerIsTheFirstResponseAndTheCustomerStopsWaiting() {
        Conversation c = in(OPEN);
        assertThat(c.waiting(T0 + 30_000)).isEqualTo(Duration.ofSeconds(30));
        c.answered(T0 + 42_000);
        c.answered(T0 + 80_000);
        assertThat(c.state().firstResponseAt()).isEqualTo(T0 + 42_000);
        assertThat(c.state().firstResponseSeconds()).isEqualTo(42);
        assertThat(c.state().lastOutboundAt()).isEqualTo(T0 + 80_000);
        assertThat(c.awaitingUs()).isFalse();
        assertThat(c.waiting(T0 + 90_000)).isEqualTo(Duration.ZERO);
    }

    @Test
    void assigningAndUnassigning() {
        Conversation c = in(OPEN);
        c.assign(33L);
        assertThat(c.assigneeId()).isEqualTo(33L);
        assertThat(c.isDirty()).isTrue();
        c.assign(null);
        assertThat(c.assigneeId()).isNull();
    }

    @Test
    void takingARankSetsPriorityDeadlinesAndTheNextRefresh() {
        Conversation c = in(OPEN);
        Priority high = new Priority(80, "high", List.of("negative"));
        c.rank(high, T0 + 600_000, new Deadlines(Instant.ofEpochMilli(T0 + 3_600_000), null,
                Instant.ofEpochMilli(T0 + 86_400_000), 5L));
        assertThat(c.priority()).isEqualTo(high);
        assertThat(c.isDirty()).isTrue();
        assertThat(c.state().slaPolicyId()).isEqualTo(5L);
        assertThat(c.dueAt()).isEqualTo(T0 + 3_600_000);
        assertThat(c.priorityRefreshDue(T0 + 599_999)).isFalse();
        assertThat(c.priorityRefreshDue(T0 + 600_000)).isTrue();
        assertThat(c.deadlineInput("high", 10).pauses()).isNull();
        assertThat(c.priorityInput(10, false, T0 + 1_000, true).intent()).isEqualTo("complaint");
        assertThatThrownBy(() -> c.rank(null, null, new Deadlines(null, null, null, null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void savingTellsOfAChangedDeadlineOnce() {
        Conversation c = Conversation.start(1, 2, "twitter", T0);
        c.receive(T0, "hello", "neutral", 0.0, Intent.QUESTION, "en");
        c.rank(Conversation.UNRANKED, null, new Deadlines(Instant.ofEpochMilli(T0 + 1_000), null, null, null));
        assertThat(c.saved()).isEqualTo(T0 + 1_000);
        assertThat(c.isNew()).isFalse();
        assertThat(c.isDirty()).isFalse();
        c.rank(Conversation.UNRANKED, null, new Deadlines(Instant.ofEpochMilli(T0 + 1_000), null, null, null));
        assertThat(c.saved()).isNull();
    }

    @Test
    void restoringWhatWasSavedGivesTheSameState() {
        Conversation c = in(PENDING);
        c.assign(4L);
        Conversation.State state = c.state();
        Conversation back = Conversation.restore(state);
        assertThat(back.state()).isEqualTo(state);
        assertThat(back.isNew()).isFalse();
        assertThat(back.isDirty()).isFalse();
    }
}
