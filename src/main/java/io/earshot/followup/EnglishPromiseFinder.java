package io.earshot.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TEMPORARY placeholder until the real finder is merged. */
public class EnglishPromiseFinder implements PromiseFinder {
    private static final Pattern HOURS = Pattern.compile("(?i)(we'll|we will|i'll|i will)[^.!?]*?within (\\d+) hours");
    private static final Pattern DAYS = Pattern.compile("(?i)(will|'ll)[^.!?]*?in a couple of business days");
    public String language() { return "en"; }
    public List<FoundPromise> find(String text, Instant saidAt, BusinessCalendar calendar, Duration soon) {
        Matcher m = HOURS.matcher(text);
        if (m.find()) {
            return List.of(new FoundPromise("update", m.group(), saidAt.plus(Duration.ofHours(Long.parseLong(m.group(2)))), "within"));
        }
        m = DAYS.matcher(text);
        if (m.find()) {
            return List.of(new FoundPromise("refund", m.group(), calendar.closeOf(calendar.plusBusinessDays(calendar.dateOf(saidAt), 2)), "couple"));
        }
        return List.of();
    }
}
