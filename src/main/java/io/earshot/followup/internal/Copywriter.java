package io.earshot.followup.internal;

import io.earshot.followup.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The words about promises: the status update drafted for the customer, and a promise as the timeline quotes it. */
@Component
public class Copywriter {

    private final Calendars calendars;

    Copywriter(Calendars calendars) {
        this.calendars = calendars;
    }

    /**
     * A status update for the customer: we have not forgotten, what we said, and when they will hear next (as long
     * again as the promise's own window, at least an hour, at most two business days, on its owner's calendar).
     */
    public String draft(Promise p, Instant now) {
        BusinessCalendar calendar = calendars.forAgent(p.ownerId());
        Duration window = Duration.between(p.saidAt(), p.dueAt());
        Duration again = window.compareTo(Duration.ofHours(1)) < 0 ? Duration.ofHours(1) : window;
        String next;
        if (again.compareTo(Duration.ofHours(24)) < 0) {
            long hours = Math.max(1, Math.round(again.toMinutes() / 60.0));
            next = "within " + (hours == 1 ? "the hour" : hours + " hours");
        } else {
            Instant by = calendar.closeOf(calendar.plusBusinessDays(calendar.dateOf(now),
                    (int) Math.min(2, Math.max(1, again.toDays()))));
            next = "by " + DateTimeFormatter.ofPattern("EEEE", Locale.ENGLISH).format(by.atZone(calendar.zone()));
        }
        String late = now.isAfter(p.dueAt()) ? "It is taking longer than we said, and we are sorry for the wait. "
                : "We are still working on it. ";
        return "We haven't forgotten you: " + lowerFirst(paraphrase(p.kind())) + " " + late + "We will update you again " + next + ".";
    }

    /** A promise's words for the timeline, in quotes, cut at 200 characters. */
    public static String quote(String text) {
        return "“" + (text.length() <= 200 ? text : text.substring(0, 199) + "…") + "”";
    }

    /** A promise of this kind as a reply's words name it: "a callback", "a refund". */
    public static String kindPhrase(String kind) {
        return switch (kind) {
            case "refund" -> "a refund";
            case "callback" -> "a callback";
            case "fix" -> "a fix";
            case "ship" -> "a delivery";
            case "update" -> "an update";
            default -> "something";
        };
    }

    private static String paraphrase(String kind) {
        return switch (kind) {
            case "refund" -> "Your refund is still on our list.";
            case "callback" -> "We still owe you a call.";
            case "fix" -> "We are still working on the fix.";
            case "ship" -> "We are still on getting this sent to you.";
            case "update" -> "We promised to get back to you.";
            default -> "We still owe you what we promised.";
        };
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
