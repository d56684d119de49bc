package io.earshot.followup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.conversation.DeadlineInput;
import io.earshot.conversation.Deadlines;
import io.earshot.followup.BusinessCalendar;
import io.earshot.followup.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The deadline maths, without Spring: business hours, pauses, silence levels, and safe to run twice. */
class SlaClockTest {

    private static final SlaPolicy BUSINESS = new SlaPolicy(1, "business", 1, Set.of(), Set.of(), Set.of(), Set.of(), null, null,
            Duration.ofHours(8), Duration.ofHours(16), Duration.ofHours(40), true);
    private static final SlaPolicy AROUND = new SlaPolicy(2, "around", 2, Set.of(), Set.of(), Set.of(), Set.of(), null, null,
            Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(72), false);

    private static DeadlineInput input(String status, Instant created, Instant lastOut, Instant firstResponse, String pauses) {
        return new DeadlineInput(1, "email", status, "neutral", "question", "normal", 0, null, created, created, lastOut,
                firstResponse, null, pauses, null);
    }

    @Test
    void businessHoursSkipNightsWeekendsAndHolidays() {
        BusinessCalendar cal = BusinessCalendar.parse("UTC", "mon-fri 09:00-17:00", "2026-12-25");
        SlaClock clock = new SlaClock(BUSINESS, cal);
        // Friday 16:00: one working hour on Friday, seven on Monday
        Deadlines d = clock.deadlines(input("open", Instant.parse("2026-11-20T16:00:00Z"), null, null, null));
        assertThat(d.firstResponseDue()).isEqualTo(Instant.parse("2026-11-23T16:00:00Z"));
        // Thursday 24 December 12:00: five hours that day, Christmas off, three on Monday the 28th
        Deadlines x = clock.deadlines(input("open", Instant.parse("2026-12-24T12:00:00Z"), null, null, null));
        assertThat(x.firstResponseDue()).isEqualTo(Instant.parse("2026-12-28T12:00:00Z"));
        // a message on Saturday starts counting at Monday's opening
        Deadlines s = clock.deadlines(input("open", Instant.parse("2026-11-21T10:00:00Z"), null, null, null));
        assertThat(s.firstResponseDue()).isEqualTo(Instant.parse("2026-11-23T17:00:00Z"));
    }

    @Test
    void aTeamInAnotherZoneCountsItsOwnHours() {
        BusinessCalendar berlin = BusinessCalendar.parse("Europe/Berlin", "mon-fri 09:00-17:00", "");
        Deadlines d = new SlaClock(BUSINESS, berlin).deadlines(input("open", Instant.parse("2026-11-23T07:00:00Z"), null, null, null));
        assertThat(d.firstResponseDue()).isEqualTo(Instant.parse("2026-11-23T16:00:00Z")); // 08:00-16:00 UTC in winter
    }

    @Test
    void pausesMoveDeadlinesAndAnOngoingPauseHasNone() {
        SlaClock clock = new SlaClock(AROUND, BusinessCalendar.DEFAULT); // around the clock ignores the calendar
        Instant created = Instant.parse("2026-11-23T10:00:00Z");
        long from = created.plus(Duration.ofMinutes(10)).toEpochMilli();
        long to = created.plus(Duration.ofMinutes(40)).toEpochMilli();
        Deadlines closed = clock.deadlines(input("open", created, null, null, from + "-" + to));
        assertThat(closed.firstResponseDue()).isEqualTo(created.plus(Duration.ofMinutes(90)));
        Deadlines ongoing = clock.deadlines(input("pending", created, null, null, from + "-"));
        assertThat(ongoing.firstResponseDue()).isNull();
        assertThat(ongoing.resolutionDue()).isNull();
        // a pause after the deadline does not move it; a damaged span is skipped
        long late = created.plus(Duration.ofHours(2)).toEpochMilli();
        Deadlines after = clock.deadlines(input("open", created, null, null, late + "-" + (late + 60_000) + ",garbage"));
        assertThat(after.firstResponseDue()).isEqualTo(created.plus(Duration.ofHours(1)));
    }

    @Test
    void theUpdateCadenceCountsFromOurLastWordAndSilenceLevelsDouble() {
        SlaClock clock = new SlaClock(AROUND, BusinessCalendar.AROUND_THE_CLOCK);
        Instant created = Instant.parse("2026-11-23T10:00:00Z");
        Instant answered = created.plus(Duration.ofMinutes(3));
        Deadlines d = clock.deadlines(input("open", created, answered, answered, null));
        assertThat(d.nextUpdateDue()).isEqualTo(answered.plus(Duration.ofHours(24)));
        assertThat(clock.silenceAlertAt(answered, 1, null)).isEqualTo(answered.plus(Duration.ofHours(24)));
        assertThat(clock.silenceAlertAt(answered, 2, null)).isEqualTo(answered.plus(Duration.ofHours(48)));
        assertThat(clock.silenceAlertAt(answered, 4, null)).isEqualTo(answered.plus(Duration.ofHours(192)));
        assertThat(clock.deadlines(input("resolved", created, answered, answered, null)).resolutionDue()).isNull();
    }

    @Test
    void theSameInputGivesTheSameDeadlines() {
        SlaClock clock = new SlaClock(BUSINESS, BusinessCalendar.DEFAULT);
        DeadlineInput in = input("open", Instant.parse("2026-11-19T15:00:00Z"), Instant.parse("2026-11-19T15:10:00Z"),
                Instant.parse("2026-11-19T15:10:00Z"), "1763566000000-1763569600000");
        assertThat(clock.deadlines(in)).isEqualTo(clock.deadlines(in));
    }

    @Test
    void calendarsReadTheirTextFormAndNameWhatIsWrong() {
        BusinessCalendar c = BusinessCalendar.parse("America/New_York", "mon-thu 08:00-18:00; fri 08:00-12:00", "2026-11-26, 2026-12-25");
        assertThat(c.hoursText()).isEqualTo("mon 08:00-18:00; tue 08:00-18:00; wed 08:00-18:00; thu 08:00-18:00; fri 08:00-12:00");
        assertThat(c.isBusinessDay(java.time.LocalDate.parse("2026-11-26"))).isFalse();
        assertThat(c.plusBusinessDays(java.time.LocalDate.parse("2026-11-25"), 1)).isEqualTo(java.time.LocalDate.parse("2026-11-27"));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BusinessCalendar.parse("Mars/Base", "mon-fri 09:00-17:00", "")))
                .hasMessageContaining("time zone");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BusinessCalendar.parse("UTC", "mon-fri 17:00-09:00", "")))
                .hasMessageContaining("hours");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> BusinessCalendar.parse("UTC", "mon-fri 09:00-17:00", "someday")))
                .hasMessageContaining("holiday");
        assertThat(BusinessCalendar.AROUND_THE_CLOCK.plusBusinessTime(Instant.EPOCH, Duration.ofHours(5))).isEqualTo(Instant.EPOCH.plusSeconds(18000));
    }
}
