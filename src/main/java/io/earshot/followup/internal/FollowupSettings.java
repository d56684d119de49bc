package io.earshot.followup.internal;

import io.earshot.followup.BusinessCalendar;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Follow-up settings. SLA targets live in SLA policies ({@code /api/v1/sla-policies}); these are the rest.
 *
 * @param calendarZone     zone of the default business calendar (teams set their own)
 * @param calendarHours    working hours of the default calendar
 * @param calendarHolidays holidays of the default calendar, comma-separated ISO dates
 * @param soon             when "as soon as possible", "shortly" or a promise without a time falls due (business time)
 * @param remindAt         how far into a promise's window its owner is reminded (0.8 = at 80%)
 * @param silenceLevels    how many times one silence is alerted, each after twice as long as the last
 * @param csatDelay        how long after a resolution the satisfaction survey goes out
 * @param publicUrl        the address customers reach Earshot's pages at (survey links)
 * @param staleAfter       a deadline or promise that fell due longer ago than this when noticed (history imported
 *                         late) is recorded, but raises no alert
 */
@ConfigurationProperties("earshot.followup")
public record FollowupSettings(
        @DefaultValue("UTC") String calendarZone,
        @DefaultValue("mon-fri 09:00-17:00") String calendarHours,
        @DefaultValue("") String calendarHolidays,
        @DefaultValue("4h") Duration soon,
        @DefaultValue("0.8") double remindAt,
        @DefaultValue("5") int silenceLevels,
        @DefaultValue("10m") Duration csatDelay,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("24h") Duration staleAfter) {

    public FollowupSettings {
        if (!(remindAt > 0 && remindAt < 1)) {
            throw new IllegalArgumentException("earshot.followup.remind-at must be between 0 and 1, not " + remindAt);
        }
        if (silenceLevels < 1) {
            throw new IllegalArgumentException("earshot.followup.silence-levels must be at least 1");
        }
        BusinessCalendar.parse(calendarZone, calendarHours, calendarHolidays);
    }

    /** True when something due at {@code due} is recent enough at {@code now} to alert about. */
    public boolean fresh(java.time.Instant due, java.time.Instant now) {
        return !due.isBefore(now.minus(staleAfter));
    }

    /** The default business calendar. */
    public BusinessCalendar calendar() {
        return BusinessCalendar.parse(calendarZone, calendarHours, calendarHolidays);
    }
}
